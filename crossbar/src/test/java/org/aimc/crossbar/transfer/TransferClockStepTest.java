package org.aimc.crossbar.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.Tile;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * During a transfer a tile's device time moves by {@link Tile#advanceClockTo}, which leaks the
 * capacitors and leaves the drift gains, the 1/f excursions and the cache as they were; a full
 * {@link Tile#advanceTo} at each step (what transfers did before) also refreshes those. No MVM runs
 * within a transfer, so what a transfer leaves must have the same distribution either way: the
 * change of each weight across a transfer, from independent tiles (seeds) of each kind, compared by
 * a two-sample Kolmogorov–Smirnov test and by mean and spread at tolerances from the sample size.
 */
class TransferClockStepTest {
  private static final int ROWS = 200;
  private static final int COLS = 40;
  private static final double UNITS_PER_MICROSIEMENS = 1.0 / 40;

  @Test
  void aTransferWithClockStepsLeavesTheWeightsAsWithFullRefreshes() {
    double[] steps = new double[0];
    double[] full = new double[0];
    for (long seed = 1; seed <= 3; seed++) {
      steps = concat(steps, changeAcrossTransfer(seed, true));
      full = concat(full, changeAcrossTransfer(100 + seed, false));
    }
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(steps, full);
    assertTrue(p > 1e-3, "the weight changes differ in distribution (KS p = " + p + ")");
    SummaryStatistics a = stats(steps);
    SummaryStatistics b = stats(full);
    double se = Math.sqrt(a.getVariance() / a.getN() + b.getVariance() / b.getN());
    assertEquals(b.getMean(), a.getMean(), 4 * se, "mean change");
    // SD of a sample SD ≈ σ/√(2n) for a near-normal spread; 4.5 of them, summed in quadrature.
    double sdTol = 4.5 * Math.hypot(a.getStandardDeviation(), b.getStandardDeviation()) / Math.sqrt(2.0 * a.getN());
    assertEquals(b.getStandardDeviation(), a.getStandardDeviation(), sdTol, "spread of the change");
  }

  @Test
  void aClockStepLeaksTheCapacitorsExactlyAsAFullAdvance() {
    Tile stepped = chargedTile(7L);
    Tile full = chargedTile(7L);
    double t = stepped.timeSeconds();
    for (int k = 1; k <= 3; k++) { // 3 ms: a third of the leak time constant
      stepped.advanceClockTo(t + k * 1e-3);
      full.advanceTo(t + k * 1e-3);
    }
    double[] a = new double[ROWS];
    double[] b = new double[ROWS];
    double moved = 0;
    for (int c = 0; c < COLS; c++) {
      stepped.readColumnCapacitorMicroSiemens(c, a, 0);
      full.readColumnCapacitorMicroSiemens(c, b, 0);
      for (int r = 0; r < ROWS; r++) {
        assertEquals(b[r], a[r], 0.0, "capacitor part of cell (" + r + ", " + c + ")");
        moved += Math.abs(a[r]);
      }
    }
    assertTrue(moved > 0, "the capacitors hold charge");
  }

  private static Tile chargedTile(long seed) {
    Tile tile = Tile.create(TileConfig.ambrogio2018(), ROWS, COLS, UNITS_PER_MICROSIEMENS, seed);
    SplittableRandom r = new SplittableRandom(seed);
    tile.advanceTo(1e-3);
    float[] x = new float[ROWS];
    float[] delta = new float[COLS];
    for (int k = 0; k < 50; k++) {
      for (int i = 0; i < ROWS; i++) x[i] = (float) r.nextDouble();
      for (int j = 0; j < COLS; j++) delta[j] = (float) r.nextGaussian();
      tile.update(x, 0, delta, 0, 0.05f);
    }
    return tile;
  }

  /**
   * A tile with random weights and charged capacitors, then a transfer of every column, the device
   * time stepped every few columns as a trainer's transfer does; the change of every weight from
   * just before the transfer to just after it, network units.
   */
  private static double[] changeAcrossTransfer(long seed, boolean clockSteps) {
    Tile tile = Tile.create(TileConfig.ambrogio2018(), ROWS, COLS, UNITS_PER_MICROSIEMENS, seed);
    SplittableRandom r = new SplittableRandom(seed);
    for (int c = 0; c < COLS; c++) {
      for (int row = 0; row < ROWS; row++) tile.programWeightMicroSiemens(row, c, 10 * r.nextGaussian());
    }
    double t = 1e-3;
    tile.advanceTo(t);
    float[] x = new float[ROWS];
    float[] delta = new float[COLS];
    for (int k = 0; k < 200; k++) { // updates that leave charge in the capacitors
      for (int i = 0; i < ROWS; i++) x[i] = (float) r.nextDouble();
      for (int j = 0; j < COLS; j++) delta[j] = (float) r.nextGaussian();
      tile.update(x, 0, delta, 0, 0.05f);
    }
    t += 1e-4;
    tile.advanceTo(t);
    float[] before = new float[ROWS * COLS];
    tile.copyWeights(before, 0);
    TransferRules rules = TransferRules.ambrogio2018();
    for (int c = 0; c < COLS; c++) {
      if (c % 5 == 4) { // a refresh period every few columns, as in a trainer's transfer
        t += 1e-4;
        if (clockSteps) tile.advanceClockTo(t);
        else tile.advanceTo(t);
      }
      tile.transferColumn(c, rules);
    }
    t += 1e-4;
    tile.advanceTo(t);
    float[] after = new float[ROWS * COLS];
    tile.copyWeights(after, 0);
    double[] change = new double[after.length];
    for (int i = 0; i < change.length; i++) change[i] = after[i] - before[i];
    return change;
  }

  private static SummaryStatistics stats(double[] v) {
    SummaryStatistics s = new SummaryStatistics();
    for (double d : v) s.addValue(d);
    return s;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
