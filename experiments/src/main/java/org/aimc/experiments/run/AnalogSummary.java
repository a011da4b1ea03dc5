package org.aimc.experiments.run;

import java.util.Map;
import org.aimc.crossbar.Event;
import org.aimc.training.AnalogNetwork;

/**
 * What the emulated chip did during a run: transfers, physical time, and every counted hardware
 * event (the energy model turns these into joules).
 *
 * @param transfers full transfers (every column of every layer)
 * @param chipSeconds the chip's clock at the end of training, s
 * @param eventCounts event → count, since training began (programming the initial weights excluded)
 */
public record AnalogSummary(long transfers, double chipSeconds, Map<Event, Long> eventCounts) {
  public static AnalogSummary of(AnalogNetwork net) {
    return new AnalogSummary(net.transfers(), net.timeSeconds(), net.eventCounts());
  }
}
