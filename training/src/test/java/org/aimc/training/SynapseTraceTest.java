package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.aimc.crossbar.TileConfig;
import org.junit.jupiter.api.Test;

class SynapseTraceTest {
  static final NetworkShape SHAPE = NetworkShape.parse("8-6-4");
  static final AnalogConfig HYBRID = new AnalogConfig(TileConfig.ambrogio2018(), new TransferConfig(true, 500, 2.0, true, false),
      ClockConfig.ambrogio2018());
  static final List<SynapseTrace.Synapse> SYNAPSES = List.of(new SynapseTrace.Synapse(0, 2, 3), new SynapseTrace.Synapse(1, 1, 6));

  static Trainer.Outcome train(AnalogNetwork net, TrainingListener listener) {
    Examples data = SoftwareNetworkTest.blobs(1500, 5);
    return new Trainer(new Trainer.Plan(2, 0.05, 1, 7, 0, "trace")).train(net, data, data, listener);
  }

  static float[] weights(AnalogNetwork net, int l) {
    float[] w = new float[net.layer(l).inputs() * net.layer(l).outputs()];
    net.layer(l).copyWeights(w);
    return w;
  }

  @Test
  void tracingDoesNotChangeTheRun() {
    AnalogNetwork plain = new AnalogNetwork(SHAPE, Activation.SIGMOID, HYBRID, 3);
    AnalogNetwork traced = new AnalogNetwork(SHAPE, Activation.SIGMOID, HYBRID, 3);
    Trainer.Outcome a = train(plain, TrainingListener.NONE);
    Trainer.Outcome b = train(traced, new SynapseTrace(traced, SYNAPSES));
    assertEquals(a.epochs().get(1).trainLoss(), b.epochs().get(1).trainLoss());
    for (int l = 0; l < 2; l++) assertArrayEquals(weights(plain, l), weights(traced, l));
  }

  /** 2 epochs × 1,500 examples sampled every 500, plus the start: 7 samples; a transfer every 500 flips s. */
  @Test
  void samplesEveryProgressStepAndSeesEveryTransferFlipThePolarity() {
    AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.SIGMOID, HYBRID, 3);
    SynapseTrace trace = new SynapseTrace(net, SYNAPSES);
    train(net, trace);
    double[] ex = trace.examples();
    assertEquals(7, ex.length);
    for (int i = 0; i < ex.length; i++) assertEquals(500.0 * i, ex[i]);
    double[] transfers = trace.transfers();
    assertEquals(6, transfers[6]);
    int moved = 0;
    for (int k = 0; k < SYNAPSES.size(); k++) {
      double[] s = trace.polarity(k);
      double[] w = trace.weightMicroSiemens(k);
      double[] pcm = trace.pcmMicroSiemens(k);
      double[] cap = trace.capacitorMicroSiemens(k);
      double[] raw = trace.capacitorDifferenceMicroSiemens(k);
      for (int i = 0; i < ex.length; i++) {
        assertEquals(transfers[i] % 2 == 0 ? s[0] : -s[0], s[i], "polarity at sample " + i);
        assertEquals(pcm[i] + cap[i], w[i], 1e-12);
        assertEquals(s[i] * raw[i], cap[i], 1e-12);
      }
      // A pair whose targets stay below the offset is RESET at every transfer and, before the drift
      // onset, keeps exactly its RESET conductances: the PCM part of such a synapse need not move.
      if (pcm[0] != pcm[6]) moved++;
    }
    assertTrue(moved > 0, "the transfers moved the PCM part");
    SynapseTrace.Synapse last = SYNAPSES.get(1);
    double unitsPerMicroSiemens = net.layer(last.layer()).weightUnitsPerMicroSiemens();
    double tracedWeight = trace.weightMicroSiemens(1)[6];
    // Up to the PCM pair's 1/f read-noise excursion, drawn anew at every refresh of the devices (a
    // refresh may fall between the last sample and the end of training): its SD is ≈ q_s·√ln(Δt/2t_r)
    // ≈ 5-10 % of a few-µS pair weight; 4 SDs of the upper end allowed.
    assertEquals(net.layer(last.layer()).weight(last.output(), last.input()) / unitsPerMicroSiemens, tracedWeight,
        0.4 * Math.max(1, Math.abs(tracedWeight)));
  }

  @Test
  void rejectsSynapsesOutsideTheNetworkAndCellsWithoutBothParts() {
    AnalogNetwork net = new AnalogNetwork(SHAPE, Activation.SIGMOID, HYBRID, 3);
    var e = assertThrows(IllegalArgumentException.class, () -> new SynapseTrace(net, List.of(new SynapseTrace.Synapse(1, 4, 0))));
    assertTrue(e.getMessage().contains("outputs 0..3"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new SynapseTrace(net, List.of(new SynapseTrace.Synapse(2, 0, 0))));
    AnalogNetwork ideal = new AnalogNetwork(SHAPE, Activation.SIGMOID,
        new AnalogConfig(TileConfig.ideal(), TransferConfig.none(), ClockConfig.ambrogio2018()), 3);
    e = assertThrows(IllegalArgumentException.class, () -> new SynapseTrace(ideal, SYNAPSES));
    assertTrue(e.getMessage().contains("hybrid"), e.getMessage());
  }
}
