package org.aimc.crossbar.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.transfer.TransferRules;
import org.junit.jupiter.api.Test;

/** The analytic counts against real tiles driven the way aimc's trainer drives them. */
class AnalyticCountsTest {
  static final Event[] EXACT = {Event.FORWARD_MVMS, Event.BACKWARD_MVMS, Event.MVM_CELL_OPERATIONS, Event.DAC_CONVERSIONS,
      Event.ADC_CONVERSIONS, Event.UPDATES};
  static final Event[] TRANSFER = {Event.CELL_READS, Event.CAPACITOR_RESETS, Event.TRANSFERS, Event.POLARITY_FLIPS};

  @Test
  void mvmConversionAndTransferCountsMatchRealTiles() {
    TileConfig c = TileConfig.ambrogio2018().withSize(8, 4);
    int[] sizes = {10, 6, 3};
    List<AnalogLayer> layers = List.of(AnalogLayer.create(11, 6, c, 1L), AnalogLayer.create(7, 3, c, 2L));
    PhaseLedger ledger = PhaseLedger.start(layers);
    int examples = 3;
    for (int k = 0; k < examples; k++) {
      float[][] in = {ramp(11, k), ramp(7, k + 1)};
      float[][] out = {new float[6], new float[3]};
      for (int l = 0; l < 2; l++) layers.get(l).forward(in[l], out[l]);
      ledger.charge(Phase.FORWARD);
      layers.get(1).backward(ramp(3, k), new float[7]); // not through the first layer, as the trainer does
      ledger.charge(Phase.BACKWARD);
      for (int l = 0; l < 2; l++) layers.get(l).update(in[l], ramp(l == 0 ? 6 : 3, k + 2), 0.1f);
      ledger.charge(Phase.UPDATE);
    }
    for (AnalogLayer layer : layers) {
      double[] col = new double[layer.inputs()];
      for (int o = 0; o < layer.outputs(); o++) {
        layer.transferColumn(o, TransferRules.ambrogio2018());
      }
    }
    ledger.charge(Phase.TRANSFER);
    PhaseCounts real = ledger.counts();

    TileGrid grid = TileGrid.ofNetwork(c, sizes, true);
    assertEquals(real.grid(), grid);
    Workload w = Workload.mnistEpoch(c.layout()).withExamples(examples).withTransferInterval(examples);
    PhaseCounts model = AnalyticCounts.epoch(grid, HardwareSummary.of(c), w);
    for (Phase p : List.of(Phase.FORWARD, Phase.BACKWARD, Phase.UPDATE)) {
      for (int l = 0; l < 2; l++) {
        for (Event e : EXACT) assertEquals(real.get(p, l).get(e), model.get(p, l).get(e), p + " layer " + l + " " + e);
      }
    }
    for (int l = 0; l < 2; l++) {
      for (Event e : TRANSFER) assertEquals(real.get(Phase.TRANSFER, l).get(e), model.get(Phase.TRANSFER, l).get(e), "transfer layer " + l + " " + e);
    }
    assertEquals(0, model.get(Phase.BACKWARD, 0).get(Event.BACKWARD_MVMS));
    // The model's pulse counts are expectations: λ per cell per update.
    EventCounts u = model.total(Phase.UPDATE);
    double cells = grid.cells();
    assertEquals(Workload.HYBRID_PULSES_PER_CELL * cells * examples,
        u.get(Event.CAPACITOR_CHARGE_PULSES) + u.get(Event.CAPACITOR_DISCHARGE_PULSES), 2.0);
  }

  @Test
  void mnistNetworkOnThePapersTiles() {
    TileConfig c = TileConfig.ambrogio2018();
    TileGrid grid = TileGrid.ofNetwork(c, new int[] {784, 250, 125, 10}, true);
    assertEquals(3, grid.tiles());
    assertEquals(785L * 250 + 251 * 125 + 126 * 10, grid.cells());
    PhaseCounts pc = AnalyticCounts.epoch(grid, HardwareSummary.of(c), Workload.mnistEpoch(c.layout()));
    assertEquals(60_000L * grid.cells(), pc.total(Phase.FORWARD).get(Event.MVM_CELL_OPERATIONS));
    assertEquals(60_000L * (251 * 125 + 126 * 10), pc.total(Phase.BACKWARD).get(Event.MVM_CELL_OPERATIONS));
    // 7.5 transfers per epoch (60,000 / 8,000): every cell read 7.5 times.
    assertEquals(Math.round(7.5 * grid.cells()), pc.total(Phase.TRANSFER).get(Event.CELL_READS), 3);
  }

  /** With the residual carry, a transfer reads each cell again and pulses its capacitor: both are priced. */
  @Test
  void transferReadsAndCapacitorPulsesFollowTheWorkload() {
    TileConfig c = TileConfig.ambrogio2018();
    TileGrid grid = TileGrid.ofNetwork(c, new int[] {784, 250, 125, 10}, true);
    Workload plain = Workload.mnistEpoch(c.layout());
    Workload carry = plain.withTransferReadsAndCapacitorPulses(Workload.TRANSFER_READS_PER_CELL_CARRY,
        Workload.TRANSFER_CAPACITOR_PULSES_PER_CELL_CARRY);
    EventCounts p = AnalyticCounts.epoch(grid, HardwareSummary.of(c), plain).total(Phase.TRANSFER);
    EventCounts q = AnalyticCounts.epoch(grid, HardwareSummary.of(c), carry).total(Phase.TRANSFER);
    double cellTransfers = 7.5 * grid.cells();
    assertEquals(Workload.TRANSFER_READS_PER_CELL_CARRY * cellTransfers, q.get(Event.CELL_READS), 3);
    assertEquals(Workload.TRANSFER_CAPACITOR_PULSES_PER_CELL_CARRY * cellTransfers,
        q.get(Event.CAPACITOR_CHARGE_PULSES) + q.get(Event.CAPACITOR_DISCHARGE_PULSES), 3);
    assertEquals(0, p.get(Event.CAPACITOR_CHARGE_PULSES));
    assertEquals(p.get(Event.PCM_SET_PULSES), q.get(Event.PCM_SET_PULSES), "tuning itself is the same");
  }

  static float[] ramp(int n, int k) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) Math.sin(0.7 * i + k) * 0.8f;
    return v;
  }
}
