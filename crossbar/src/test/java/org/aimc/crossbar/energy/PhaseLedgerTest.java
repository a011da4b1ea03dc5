package org.aimc.crossbar.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.junit.jupiter.api.Test;

class PhaseLedgerTest {
  @Test
  void phasesSumToWhatTheTilesCountedAndSkippedWorkIsLeftOut() throws Exception {
    TileConfig c = TileConfig.ambrogio2018().withSize(6, 4);
    AnalogLayer layer = AnalogLayer.create(9, 5, c, 3L);
    layer.setWeights(new float[45]);
    EventCounts before = layer.counts();
    PhaseLedger ledger = PhaseLedger.start(List.of(layer));
    float[] x = AnalyticCountsTest.ramp(9, 0);
    float[] d = AnalyticCountsTest.ramp(5, 1);
    layer.forward(x, new float[5]);
    ledger.charge(Phase.FORWARD);
    layer.backward(d, new float[9]);
    ledger.charge(Phase.BACKWARD);
    layer.setWeights(new float[45]); // not training: skipped
    ledger.skip();
    layer.update(x, d, 0.2f);
    ledger.charge(Phase.UPDATE);
    layer.forward(x, new float[5]);
    ledger.charge(Phase.INFERENCE);

    PhaseCounts pc = ledger.counts();
    EventCounts sum = pc.trainingTotal().plus(pc.total(Phase.INFERENCE));
    EventCounts all = layer.counts().minus(before);
    long skippedSets = all.get(Event.PCM_RESET_PULSES);
    assertTrue(skippedSets > 0);
    assertEquals(0, sum.get(Event.PCM_RESET_PULSES));
    assertEquals(all.get(Event.MVM_CELL_OPERATIONS), sum.get(Event.MVM_CELL_OPERATIONS));
    assertEquals(4, pc.get(Phase.FORWARD, 0).get(Event.FORWARD_MVMS));
    assertEquals(4, pc.get(Phase.INFERENCE, 0).get(Event.FORWARD_MVMS));
    assertEquals(4, pc.get(Phase.BACKWARD, 0).get(Event.BACKWARD_MVMS));
    assertEquals(4, pc.get(Phase.UPDATE, 0).get(Event.UPDATES));

    // Checkpoint round trip, then resuming continues from the saved counts.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      pc.writeState(out);
    }
    PhaseCounts back = PhaseCounts.readState(new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(pc, back);
    PhaseLedger resumed = PhaseLedger.resume(List.of(layer), back);
    layer.forward(x, new float[5]);
    resumed.charge(Phase.FORWARD);
    assertEquals(8, resumed.counts().get(Phase.FORWARD, 0).get(Event.FORWARD_MVMS));
    AnalogLayer other = AnalogLayer.create(8, 5, c, 3L);
    assertThrows(IllegalArgumentException.class, () -> PhaseLedger.resume(List.of(other), pc));
  }

  @Test
  void countsByNameRejectUnknownEventsAndNegativeCounts() {
    TileGrid g = new TileGrid(4, 4, List.of(new TileGrid.Layer(3, 3)));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> new PhaseCounts(g, java.util.Map.of("forward", List.of(java.util.Map.of("NO_SUCH_EVENT", 1L)))));
    assertTrue(unknown.getMessage().contains("unknown event 'NO_SUCH_EVENT'"), unknown.getMessage());
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class,
        () -> new PhaseCounts(g, java.util.Map.of("forward", List.of(java.util.Map.of("ADC_CONVERSIONS", -1L)))));
    assertTrue(neg.getMessage().contains("negative"), neg.getMessage());
    IllegalArgumentException layers = assertThrows(IllegalArgumentException.class,
        () -> new PhaseCounts(g, java.util.Map.of("forward", List.of())));
    assertTrue(layers.getMessage().contains("counts for 0 layers, the grid has 1"), layers.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new PhaseCounts(g, java.util.Map.of("sideways", List.of(java.util.Map.of()))));
  }
}
