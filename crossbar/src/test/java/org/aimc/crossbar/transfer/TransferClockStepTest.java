package org.aimc.crossbar.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.Tile;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.PcmParams;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * During a transfer a tile's device time moves by {@link Tile#advanceClockTo}, which leaks the
 * capacitors, re-estimates a column's drift gain when the column is read, and leaves the 1/f
 * excursions and the cache as they were; a full
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
    sameDistribution(TileConfig.ambrogio2018(), 4);
  }

  /**
   * With drift from 1 µs (the former reading), the PCM pairs drift within a transfer and the drift
   * gains that its reads use must follow them: re-estimated per column when the column is read
   * (per-column compensation) or at each step (global), as a refresh at each step did.
   */
  @ParameterizedTest
  @EnumSource(value = DriftCompensation.class, names = {"PER_COLUMN", "GLOBAL"})
  void withDriftWithinTheTransferTheGainsFollowIt(DriftCompensation mode) {
    TileConfig c = TileConfig.ambrogio2018().withDriftCompensation(mode);
    DeviceParams d = c.devices();
    sameDistribution(c.withDevices(new DeviceParams(withDriftOnset(d.pcm(), 1e-6), d.capacitor(), d.fast(), d.slow())), 4);
  }

  /**
   * The changes of one column share its drift gain and its noisy sums, so a column, not a weight,
   * is the independent sample: the columns' mean changes and their spreads (within a column) are
   * compared, over independent tiles of each kind.
   */
  private static void sameDistribution(TileConfig config, int seeds) {
    double[][] steps = new double[3][0];
    double[][] full = new double[3][0];
    for (long seed = 1; seed <= seeds; seed++) {
      double[][] a = perColumn(changeAcrossTransfer(config, seed, true));
      double[][] b = perColumn(changeAcrossTransfer(config, 100 + seed, false));
      for (int k = 0; k < 3; k++) {
        steps[k] = concat(steps[k], a[k]);
        full[k] = concat(full[k], b[k]);
      }
    }
    same(steps[0], full[0], "columns' mean change");
    same(steps[1], full[1], "columns' spread of the change");
    same(steps[2], full[2], "columns' relative change (a gain error scales every weight of a column)");
  }

  /** Two samples from one distribution: a two-sample KS test and the means within 4 standard errors. */
  private static void same(double[] a, double[] b, String what) {
    double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(a, b);
    assertTrue(p > 1e-3, what + ": the distributions differ (KS p = " + p + ")");
    SummaryStatistics x = stats(a);
    SummaryStatistics y = stats(b);
    double se = Math.sqrt(x.getVariance() / x.getN() + y.getVariance() / y.getN());
    assertEquals(y.getMean(), x.getMean(), 4 * se, what + ": mean");
  }

  /**
   * Each column's mean and standard deviation of the change, and its relative change: the
   * least-squares slope of the change on the weight before ({@code change[0]}, then the weights
   * before in {@code change[1]}; both column-major).
   */
  private static double[][] perColumn(double[][] change) {
    double[][] out = new double[3][COLS];
    for (int c = 0; c < COLS; c++) {
      SummaryStatistics s = stats(Arrays.copyOfRange(change[0], c * ROWS, (c + 1) * ROWS));
      out[0][c] = s.getMean();
      out[1][c] = s.getStandardDeviation();
      double xy = 0;
      double xx = 0;
      for (int i = c * ROWS; i < (c + 1) * ROWS; i++) {
        xy += change[0][i] * change[1][i];
        xx += change[1][i] * change[1][i];
      }
      out[2][c] = xy / xx;
    }
    return out;
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
   * just before the transfer to just after it, and the weights before, network units.
   */
  private static double[][] changeAcrossTransfer(TileConfig config, long seed, boolean clockSteps) {
    Tile tile = Tile.create(config, ROWS, COLS, UNITS_PER_MICROSIEMENS, seed);
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
    double[][] change = new double[2][after.length];
    for (int i = 0; i < after.length; i++) {
      change[0][i] = after[i] - before[i];
      change[1][i] = before[i];
    }
    return change;
  }

  /** The PCM parameters with another drift onset (a copy of the record). */
  private static PcmParams withDriftOnset(PcmParams p, double seconds) {
    try {
      RecordComponent[] comps = PcmParams.class.getRecordComponents();
      Object[] args = new Object[comps.length];
      for (int i = 0; i < comps.length; i++) {
        args[i] = comps[i].getName().equals("driftOnsetSeconds") ? seconds : comps[i].getAccessor().invoke(p);
      }
      return PcmParams.class.getDeclaredConstructor(Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static SummaryStatistics stats(double[] v) {
    SummaryStatistics s = new SummaryStatistics();
    for (double d : v) s.addValue(d);
    return s;
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
