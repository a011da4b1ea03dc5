package org.aimc.crossbar.energy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;

/**
 * The counts one epoch would make, derived from the network's tile grid, the tile config and a
 * {@link Workload} instead of from a run. MVMs and conversions are exact (they follow from the
 * shapes, as {@code AnalyticCountsTest} checks against real tiles); update and programming pulses
 * are the workload's expectations.
 *
 * <p>Per example and per tile of {@code r × c} used cells: forward: 1 MVM, {@code r·c} cell
 * operations, {@code r} DAC and {@code c} ADC conversions; backward (not in the first layer unless
 * asked): the same with DAC and ADC swapped; update: 1 update, {@code λ·r·c} device pulses (λ the
 * expected pulses per cell; capacitor pulses split evenly between charge and discharge, or PCM SET
 * pulses for PCM-only cells) and {@code k} pulses on each of its {@code r + c} lines with
 * {@code k = min(BL, √(λ·BL))}, the mean-field count when rows and columns fire with the same
 * probability ({@code BL·p_r·p_c = λ}, {@code p_r = p_c}). Per transfer and tile: {@code r·c} cell
 * reads and the expected SET, RESET and verify counts per cell, {@code c} column transfers and
 * {@code c} times the slowest cell's counts ({@link Workload.SlowestCell}); for hybrid
 * cells also {@code c·(r + 1)} capacitor resets (cells and g_shared) and, with inversion, {@code c}
 * polarity flips. PCM-pair cells "transfer" by refreshing their pairs (read, re-program), as aimc's
 * pcm-only preset does.
 * Counts are rounded to whole events at the end.
 */
public final class AnalyticCounts {
  private AnalyticCounts() {}

  /**
   * The counts of one epoch.
   *
   * @throws IllegalArgumentException if the workload transfers but the cells have no PCM
   */
  public static PhaseCounts epoch(TileGrid grid, HardwareSummary hw, Workload w) {
    if (grid.physicalRows() != hw.rows() || grid.physicalCols() != hw.cols()) {
      throw new IllegalArgumentException("the grid's tiles (" + grid.physicalRows() + "×" + grid.physicalCols()
          + ") differ from the tile config's (" + hw.rows() + "×" + hw.cols() + ")");
    }
    boolean hybrid = hw.cellLayout() == CellLayout.HYBRID;
    if (w.transferInterval() > 0 && !hybrid && hw.cellLayout() != CellLayout.PCM_PAIR) {
      throw new IllegalArgumentException("transfers need PCM to transfer into; the layout is " + hw.layout() + " (use a transfer interval of 0)");
    }
    int n = Event.values().length;
    Map<Phase, List<EventCounts>> byPhase = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) byPhase.put(p, new ArrayList<>());
    boolean exact = "EXACT".equals(hw.encoding());
    double lambda = exact ? 0 : w.updatePulsesPerCell();
    int bl = hw.bitLength();
    double linePulses = lambda > 0 ? Math.min(bl, Math.sqrt(lambda * bl)) : 0;
    double transfers = w.transfers();
    for (int l = 0; l < grid.layers().size(); l++) {
      double[] fwd = new double[n];
      double[] bwd = new double[n];
      double[] upd = new double[n];
      double[] xfer = new double[n];
      double[] inf = new double[n];
      TileGrid.Layer layer = grid.layers().get(l);
      boolean backward = l > 0 || w.backwardThroughFirstLayer();
      for (int i = 0; i < grid.tileRows(l); i++) {
        for (int j = 0; j < grid.tileCols(l); j++) {
          double r = Math.min(grid.physicalRows(), layer.inputs() - (long) i * grid.physicalRows());
          double c = Math.min(grid.physicalCols(), layer.outputs() - (long) j * grid.physicalCols());
          mvm(fwd, Event.FORWARD_MVMS, r, c, r, c);
          if (backward) mvm(bwd, Event.BACKWARD_MVMS, r, c, c, r);
          upd[Event.UPDATES.ordinal()] += 1;
          if (lambda > 0) {
            upd[Event.UPDATE_ROW_PULSES.ordinal()] += r * linePulses;
            upd[Event.UPDATE_COLUMN_PULSES.ordinal()] += c * linePulses;
            double pulses = lambda * r * c;
            if (hw.updatesPcm()) {
              upd[Event.PCM_SET_PULSES.ordinal()] += pulses;
            } else {
              upd[Event.CAPACITOR_CHARGE_PULSES.ordinal()] += pulses / 2;
              upd[Event.CAPACITOR_DISCHARGE_PULSES.ordinal()] += pulses / 2;
            }
          }
          if (transfers > 0) {
            xfer[Event.CELL_READS.ordinal()] += r * c * w.transferReadsPerCell();
            if (hybrid) {
              xfer[Event.CAPACITOR_CHARGE_PULSES.ordinal()] += r * c * w.transferCapacitorPulsesPerCell() / 2;
              xfer[Event.CAPACITOR_DISCHARGE_PULSES.ordinal()] += r * c * w.transferCapacitorPulsesPerCell() / 2;
            }
            xfer[Event.TRANSFERS.ordinal()] += c;
            if (hybrid) xfer[Event.CAPACITOR_RESETS.ordinal()] += c * (r + 1);
            if (hybrid && w.polarityInversion()) xfer[Event.POLARITY_FLIPS.ordinal()] += c;
            xfer[Event.PCM_SET_PULSES.ordinal()] += r * c * w.transferSetPulsesPerCell();
            xfer[Event.PCM_RESET_PULSES.ordinal()] += r * c * w.transferResetPulsesPerCell();
            xfer[Event.PCM_VERIFY_READS.ordinal()] += r * c * w.transferVerifyReadsPerCell();
            xfer[Event.TRANSFER_SLOWEST_SET_PULSES.ordinal()] += c * w.slowestCell().setPulses();
            xfer[Event.TRANSFER_SLOWEST_RESET_PULSES.ordinal()] += c * w.slowestCell().resetPulses();
            xfer[Event.TRANSFER_SLOWEST_VERIFY_READS.ordinal()] += c * w.slowestCell().verifyReads();
          }
          mvm(inf, Event.FORWARD_MVMS, r, c, r, c);
        }
      }
      byPhase.get(Phase.FORWARD).add(scaled(fwd, w.examples()));
      byPhase.get(Phase.BACKWARD).add(scaled(bwd, w.examples()));
      byPhase.get(Phase.UPDATE).add(scaled(upd, w.examples()));
      byPhase.get(Phase.TRANSFER).add(scaled(xfer, transfers));
      byPhase.get(Phase.INFERENCE).add(scaled(inf, w.inferences()));
    }
    return PhaseCounts.of(grid, byPhase);
  }

  private static void mvm(double[] v, Event kind, double r, double c, double driven, double sensed) {
    v[kind.ordinal()] += 1;
    v[Event.MVM_CELL_OPERATIONS.ordinal()] += r * c;
    v[Event.DAC_CONVERSIONS.ordinal()] += driven;
    v[Event.ADC_CONVERSIONS.ordinal()] += sensed;
  }

  private static EventCounts scaled(double[] perUnit, double times) {
    long[] out = new long[perUnit.length];
    for (int i = 0; i < out.length; i++) out[i] = Math.round(perUnit[i] * times);
    return new EventCounts(out);
  }
}
