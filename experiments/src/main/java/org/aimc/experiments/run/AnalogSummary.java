package org.aimc.experiments.run;

import java.util.Map;
import org.aimc.crossbar.Event;
import org.aimc.training.AnalogNetwork;

/**
 * What the emulated chip did during a run: transfers, physical time, and every counted hardware
 * event (the energy model turns these into joules). Time is the chip's one clock
 * ({@link org.aimc.crossbar.energy.ChipClock}): {@code aimc power --from} the run folder reports the
 * same seconds per example and per transfer.
 *
 * @param transfers full transfers (every column of every layer)
 * @param chipSeconds the chip's clock at the end of training, s
 * @param secondsPerExample one training example (forward, backward, update), s
 * @param secondsPerTransfer one full transfer, mean over the run's transfers, s (0 without transfers)
 * @param eventCounts event → count, since training began (programming the initial weights excluded)
 */
public record AnalogSummary(long transfers, double chipSeconds, double secondsPerExample, double secondsPerTransfer,
    Map<Event, Long> eventCounts) {
  public static AnalogSummary of(AnalogNetwork net) {
    double perExample = net.exampleSeconds();
    // The clock moves only by examples and transfers, so what the examples did not take, the transfers did.
    double perTransfer = net.transfers() == 0 ? 0 : (net.timeSeconds() - net.examplesTrained() * perExample) / net.transfers();
    return new AnalogSummary(net.transfers(), net.timeSeconds(), perExample, perTransfer, net.eventCounts());
  }
}
