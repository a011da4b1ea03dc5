package org.aimc.crossbar.energy;

import static org.aimc.crossbar.energy.TechParameter.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.transfer.TransferRules;
import org.junit.jupiter.api.Test;

class EnergyModelTest {
  static final TechnologyTable T = TechnologyTable.ambrogio2018();

  /** A 5-input, 4-output layer on 4×3 tiles: a 2×2 grid of blocks 4×3, 4×1, 1×3, 1×1. */
  static final TileConfig SMALL = TileConfig.ambrogio2018().withSize(4, 3);

  @Test
  void aSmallRunIsRecomputedByHandFromItsCountsAndTheTable() {
    AnalogLayer layer = AnalogLayer.create(5, 4, SMALL, 11L);
    float[] w = new float[20];
    for (int i = 0; i < w.length; i++) w[i] = 0.05f * ((i % 7) - 3);
    layer.setWeights(w);
    PhaseLedger ledger = PhaseLedger.start(List.of(layer));
    float[] x = {0.5f, -0.2f, 0.9f, 0.1f, 1f};
    float[] y = new float[4];
    float[] d = {0.3f, -0.4f, 0.2f, 0.1f};
    float[] z = new float[5];
    layer.forward(x, y);
    ledger.charge(Phase.FORWARD);
    layer.backward(d, z);
    ledger.charge(Phase.BACKWARD);
    layer.update(x, d, 0.5f);
    ledger.charge(Phase.UPDATE);
    double[] col = new double[5];
    layer.transferColumn(1, TransferRules.ambrogio2018());
    ledger.charge(Phase.TRANSFER);
    PhaseCounts pc = ledger.counts();
    EnergyReport r = EnergyModel.report(pc, SMALL, T, 100);

    EventCounts f = pc.get(Phase.FORWARD, 0);
    EventCounts b = pc.get(Phase.BACKWARD, 0);
    EventCounts u = pc.get(Phase.UPDATE, 0);
    EventCounts t = pc.get(Phase.TRANSFER, 0);
    // The counts themselves, by hand: one forward pass over 4 tiles and 20 cells.
    assertEquals(4, f.get(Event.FORWARD_MVMS));
    assertEquals(20, f.get(Event.MVM_CELL_OPERATIONS));
    assertEquals(5 * 2, f.get(Event.DAC_CONVERSIONS)); // each input drives a row of 2 tiles
    assertEquals(4 * 2, f.get(Event.ADC_CONVERSIONS)); // each output is sensed in 2 tiles
    assertEquals(4, u.get(Event.UPDATES));

    double pj = 1e-12;
    double cellRead = 2 * T.get(PCM_READ_ENERGY) + T.get(CAPACITOR_READ_ENERGY);
    double fwd = f.get(Event.MVM_CELL_OPERATIONS) * cellRead
        + f.get(Event.DAC_CONVERSIONS) * (T.get(LINE_DRIVE_ENERGY) + T.get(DAC_ENERGY) / 2 /* 7 bits */ + T.get(DATA_MOVEMENT_ENERGY))
        + f.get(Event.ADC_CONVERSIONS) * (T.get(LINE_SENSE_ENERGY) + 2 * T.get(ADC_ENERGY) /* 9 bits */ + T.get(NEURON_OP_ENERGY)
            + T.get(DATA_MOVEMENT_ENERGY))
        + f.get(Event.FORWARD_MVMS) * T.get(MVM_CONTROL_ENERGY);
    double bwd = b.get(Event.MVM_CELL_OPERATIONS) * cellRead
        + b.get(Event.DAC_CONVERSIONS) * (T.get(LINE_DRIVE_ENERGY) + T.get(DAC_ENERGY) / 2 + T.get(DATA_MOVEMENT_ENERGY))
        + b.get(Event.ADC_CONVERSIONS) * (T.get(LINE_SENSE_ENERGY) + 2 * T.get(ADC_ENERGY) + T.get(NEURON_OP_ENERGY) + T.get(DATA_MOVEMENT_ENERGY))
        + b.get(Event.BACKWARD_MVMS) * T.get(MVM_CONTROL_ENERGY);
    double lines = (5 + 4) * 2; // rows and columns used, summed over the 4 tiles: 2·5 + 2·4
    double upd = (u.get(Event.UPDATE_ROW_PULSES) + u.get(Event.UPDATE_COLUMN_PULSES)) * T.get(UPDATE_LINE_PULSE_ENERGY)
        + (u.get(Event.UPDATES) / 4.0) * lines * T.get(PULSE_TRAIN_ENERGY)
        + (u.get(Event.CAPACITOR_CHARGE_PULSES) + u.get(Event.CAPACITOR_DISCHARGE_PULSES)) * T.get(CAPACITOR_PULSE_ENERGY);
    double xfer = t.get(Event.CELL_READS) * T.get(TRANSFER_READ_ENERGY)
        + t.get(Event.CAPACITOR_RESETS) * T.get(CAPACITOR_RESET_ENERGY)
        + t.get(Event.PCM_SET_PULSES) * T.get(PCM_SET_ENERGY)
        + t.get(Event.PCM_RESET_PULSES) * T.get(PCM_RESET_ENERGY)
        + t.get(Event.PCM_VERIFY_READS) * T.get(PCM_VERIFY_ENERGY)
        + t.get(Event.TRANSFERS) * T.get(TRANSFER_COLUMN_ENERGY)
        + t.get(Event.POLARITY_FLIPS) * T.get(POLARITY_FLIP_ENERGY);
    assertTrue(upd > 0 && xfer > 0 && t.get(Event.PCM_VERIFY_READS) > 0, "the run must exercise update and transfer");
    assertEquals(5, t.get(Event.CELL_READS));
    assertEquals(2, t.get(Event.TRANSFERS)); // the column spans 2 tiles
    assertEquals(fwd * pj, r.byPhase().get(0).energyJoules(), 1e-9 * fwd * pj);
    assertEquals(bwd * pj, r.byPhase().get(1).energyJoules(), 1e-9 * bwd * pj);
    assertEquals(upd * pj, r.byPhase().get(2).energyJoules(), 1e-9 * upd * pj);
    assertEquals(xfer * pj, r.byPhase().get(3).energyJoules(), 1e-9 * xfer * pj);
    assertEquals((fwd + bwd + upd + xfer) * pj, r.energyJoules(), 1e-9 * r.energyJoules());
    assertEquals(1, r.trainingExamples());
    assertEquals(r.energyJoules(), r.energyPerExampleJoules(), 0);
    assertEquals(100 * r.energyJoules(), r.energyPerEpochJoules(), 1e-12 * r.energyJoules());
    assertEquals(fwd * pj, r.energyPerInferenceJoules(), 1e-9 * fwd * pj);

    // Operations: 2 × (20 forward + 20 backward + 20 update) MACs.
    assertEquals(120, r.operations(), 1e-9);
    // Time: one MVM step each way (tiles in parallel), one update of BL slots, the transfer's programming.
    double step = T.dacLatencyNs(7) + T.get(READ_LATENCY) + T.adcLatencyNs(9) + T.get(NEURON_LATENCY) + T.get(DATA_MOVEMENT_LATENCY);
    // A column's rows are read and reset at once; its cells are tuned in parallel: it waits for its slowest cell.
    double prog = (t.get(Event.CELL_READS) * T.get(TRANSFER_READ_LATENCY) + t.get(Event.CAPACITOR_RESETS) * T.get(CAPACITOR_RESET_LATENCY))
        / 10.0 // rows used over the tiles: 2 × 5
        + (t.get(Event.TRANSFER_SLOWEST_SET_PULSES) * T.get(PCM_SET_LATENCY) + t.get(Event.TRANSFER_SLOWEST_RESET_PULSES) * T.get(PCM_RESET_LATENCY)
            + t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) * T.get(PCM_VERIFY_LATENCY) + t.get(Event.TRANSFERS) * T.get(TRANSFER_COLUMN_LATENCY)) / 4.0;
    assertTrue(t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) > 0 && t.get(Event.TRANSFER_SLOWEST_VERIFY_READS) <= t.get(Event.PCM_VERIFY_READS),
        "the slowest cell's verify reads are some of the column's");
    double ns = 2 * step + 31 * T.get(UPDATE_SLOT_LATENCY) + prog;
    assertEquals(ns * 1e-9, r.seconds(), 1e-9 * ns * 1e-9);
    // Area: 4 physical tiles of 4×3.
    double cell = 2 * T.get(PCM_DEVICE_AREA) + T.get(CAPACITOR_CELL_AREA);
    double tile = 12 * cell + 4 * (T.dacAreaUm2(7) + T.adcAreaUm2(9)) + 3 * (T.dacAreaUm2(7) + T.adcAreaUm2(9))
        + 7 * (T.get(UPDATE_DRIVER_AREA) + T.get(NEURON_AREA)) + T.get(TILE_OVERHEAD_AREA);
    assertEquals(4 * tile * 1e-6, r.areaMm2(), 1e-12);
    assertEquals(r.operations() / r.energyJoules() / 1e9, r.gopsPerWatt(), 1e-9 * r.gopsPerWatt());
    assertEquals(r.operations() / r.seconds() / r.areaMm2() / 1e12, r.topsPerMm2(), 1e-9 * r.topsPerMm2());
    assertEquals(r.energyJoules() / r.seconds(), r.averagePowerWatts(), 1e-9 * r.averagePowerWatts());

    // Components add up to the total; line items add up to the phases.
    double comps = r.byComponent().stream().mapToDouble(EnergyReport.ComponentFigures::energyJoules).sum();
    assertEquals(r.energyJoules(), comps, 1e-12 * r.energyJoules());
    double itemSum = r.lineItems().stream().mapToDouble(EnergyReport.LineItem::energyJoules).sum();
    assertEquals(r.energyJoules(), itemSum, 1e-12 * r.energyJoules());
    assertEquals(2, r.convention().opsPerMac());
  }

  @Test
  void moreAdcBitsCostMoreEnergyAndArea() {
    TileConfig c9 = TileConfig.ambrogio2018();
    TileConfig c10 = c9.withPeriphery(c9.forward().withAdc(10, c9.forward().outputRange()));
    EnergyReport r9 = mnist(c9, Workload.mnistEpoch(c9.layout()));
    EnergyReport r10 = mnist(c10, Workload.mnistEpoch(c10.layout()));
    assertTrue(r10.energyJoules() > r9.energyJoules());
    assertTrue(component(r10, Component.ADC) > component(r9, Component.ADC));
    assertEquals(2 * component(r9, Component.ADC), component(r10, Component.ADC), 1e-9 * component(r10, Component.ADC));
    assertTrue(r10.areaMm2() > r9.areaMm2());
    assertTrue(r10.gopsPerWatt() < r9.gopsPerWatt());
    // DAC bits too.
    TileConfig d8 = c9.withPeriphery(c9.forward().withDacBits(8));
    assertTrue(component(mnist(d8, Workload.mnistEpoch(d8.layout())), Component.DAC) > component(r9, Component.DAC));
  }

  @Test
  void aShorterTransferIntervalCostsMorePcmProgrammingEnergy() {
    TileConfig c = TileConfig.ambrogio2018();
    EnergyReport every8000 = mnist(c, Workload.mnistEpoch(c.layout()).withTransferInterval(8000));
    EnergyReport every2000 = mnist(c, Workload.mnistEpoch(c.layout()).withTransferInterval(2000));
    double p8000 = component(every8000, Component.PCM_PROGRAMMING);
    double p2000 = component(every2000, Component.PCM_PROGRAMMING);
    assertTrue(p8000 > 0);
    assertEquals(4, p2000 / p8000, 1e-3);
    assertTrue(every2000.energyJoules() > every8000.energyJoules());
    assertTrue(every2000.seconds() > every8000.seconds());
    EnergyReport never = mnist(c, Workload.mnistEpoch(c.layout()).withTransferInterval(0));
    assertEquals(0, component(never, Component.PCM_PROGRAMMING));
  }

  @Test
  void everyCountedEventIsPricedUnlessItIsADiagnostic() {
    TileConfig c = TileConfig.ambrogio2018();
    TileGrid grid = TileGrid.ofNetwork(c, new int[] {10, 5}, false);
    PhaseCounts base = AnalyticCounts.epoch(grid, HardwareSummary.of(c), Workload.mnistEpoch(c.layout()).withExamples(3).withTransferInterval(0));
    double e0 = EnergyModel.report(base, c, T, 3).energyJoules();
    for (Event ev : Event.values()) {
      long[] v = new long[Event.values().length];
      v[ev.ordinal()] = 1000;
      Map<Phase, List<EventCounts>> extra = new EnumMap<>(Phase.class);
      extra.put(Phase.TRANSFER, List.of(new EventCounts(v)));
      EnergyReport r = EnergyModel.report(base.plus(PhaseCounts.of(grid, extra)), c, T, 3);
      double e = r.energyJoules();
      if (EnergyModel.DIAGNOSTIC_EVENTS.contains(ev)) {
        assertEquals(e0, e, 0, ev + " is a diagnostic and must cost nothing");
      } else if (EnergyModel.TIME_ONLY_EVENTS.contains(ev)) {
        assertEquals(e0, e, 0, ev + " sets time only: its energy is counted as PCM_SET_PULSES and its siblings");
        assertTrue(r.seconds() > EnergyModel.report(base, c, T, 3).seconds(), ev + " must take time");
      } else {
        assertTrue(e > e0, ev + " is counted but priced at nothing");
      }
    }
  }

  @Test
  void inferenceIsReportedApartFromTraining() {
    TileConfig c = TileConfig.ambrogio2018();
    TileGrid grid = TileGrid.ofNetwork(c, new int[] {784, 250, 125, 10}, true);
    Workload w = Workload.mnistEpoch(c.layout());
    EnergyReport without = EnergyModel.report(AnalyticCounts.epoch(grid, HardwareSummary.of(c), w), c, T, 60_000);
    EnergyReport with = EnergyModel.report(AnalyticCounts.epoch(grid, HardwareSummary.of(c), w.withInferences(10_000)), c, T, 60_000);
    assertEquals(without.energyJoules(), with.energyJoules(), 0);
    assertEquals(10_000, with.inferences());
    assertEquals(without.energyPerInferenceJoules(), with.energyPerInferenceJoules(), 1e-9 * with.energyPerInferenceJoules());
    assertEquals(with.inference().energyJoules() / 10_000, with.energyPerInferenceJoules(), 1e-12 * with.energyPerInferenceJoules());
    assertEquals(60_000, with.trainingExamples());
  }

  @Test
  void gpuComparisonAndBadInput() {
    TileConfig c = TileConfig.ambrogio2018();
    EnergyReport r = mnist(c, Workload.mnistEpoch(c.layout()));
    assertEquals(r.gopsPerWatt() / ReferenceGpu.P100_FP16.gopsPerWatt(), r.gpu().energyEfficiencyRatio(), 1e-9);
    assertEquals(r.operations() / r.trainingExamples() / (ReferenceGpu.P100_FP16.gopsPerWatt() * 1e9), r.gpu().energyPerExampleJoules(), 1e-18);

    TileGrid other = TileGrid.ofNetwork(c.withSize(512, 512), new int[] {10, 5}, false);
    PhaseCounts pc = AnalyticCounts.epoch(other, HardwareSummary.of(c.withSize(512, 512)), Workload.mnistEpoch(c.layout()).withExamples(2));
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> EnergyModel.report(pc, c, T, 2));
    assertTrue(size.getMessage().contains("512×512"), size.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> EnergyModel.report(PhaseCounts.empty(TileGrid.ofNetwork(c, new int[] {10, 5}, false)), c, T, 2));
    assertTrue(none.getMessage().contains("no training example"), none.getMessage());
    IllegalArgumentException xfer = assertThrows(IllegalArgumentException.class, () -> AnalyticCounts.epoch(
        TileGrid.ofNetwork(c, new int[] {10, 5}, false), HardwareSummary.of(c.withLayout(org.aimc.crossbar.CellLayout.CAPACITOR)),
        Workload.mnistEpoch(c.layout())));
    assertTrue(xfer.getMessage().contains("transfers need PCM"), xfer.getMessage());
  }

  @Test
  void theIdealConfigIsPricedAsHybridAndSaysSo() {
    TileConfig c = TileConfig.ideal();
    EnergyReport r = mnist(c, Workload.mnistEpoch(c.layout()));
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("ideal cells are priced as the hybrid")), r.notes().toString());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("unquantised ADC (0 bits) charged at")), r.notes().toString());
    assertEquals(0, component(r, Component.CAPACITOR));
  }

  static EnergyReport mnist(TileConfig c, Workload w) {
    TileGrid grid = TileGrid.ofNetwork(c, new int[] {784, 250, 125, 10}, true);
    return EnergyModel.report(AnalyticCounts.epoch(grid, HardwareSummary.of(c), w), c, T, w.examples());
  }

  static double component(EnergyReport r, Component c) {
    return r.byComponent().stream().filter(x -> x.component().equals(c.id())).findFirst().orElseThrow().energyJoules();
  }
}
