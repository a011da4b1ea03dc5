package org.aimc.crossbar.cells;

import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.PcmArray;
import org.aimc.devices.PcmParams;
import org.aimc.devices.TuningResult;

/**
 * The PCM pair {@code F·(G⁺ − G⁻)} of every cell of a block (cell index {@code col·rows + row}):
 * two {@link PcmArray}s and a cache of each cell's pair weight at the last refresh, which is what
 * the MVM cache is built from. Shared by the hybrid and the PCM-only layouts.
 */
final class PcmPairs {
  final PcmArray plus;
  final PcmArray minus;
  final double gain;
  final int rows;
  final DriftCompensation compensation;
  /**
   * Compensated F·(G⁺ − G⁻) of each cell, µS, as of the last refresh or programming of that cell,
   * with the cell's 1/f read-noise excursion of the present refresh period ({@link #oneOverF}).
   */
  final double[] part;
  /** Drift-compensation gain of each column (all equal for GLOBAL; 1 for NONE). */
  final double[] columnGain;
  /** The device time of each column's gain estimate (+∞: programmed since, gain 1 until the next refresh). */
  private final double[] gainTime;
  /** The two sums of the last {@link #estimateColumnGain}, µS. */
  private double columnRef;
  private double columnNow;
  /**
   * Per-read (white) read-noise variance of each cell's pair weight at the last refresh, µS²
   * (compensation gain included). The 1/f part is not here: it is drawn once per refresh into
   * {@link #part} ({@link #oneOverF}).
   */
  final double[] readVariance;
  /**
   * The 1/f read noise of each cell's pair, µS (σ_f⁺·z⁺ − σ_f⁻·z⁻, drawn as one Normal of their
   * summed variance; before the gain), drawn at the
   * last refresh and held until the next: most of the 1/f power lies below the inverse of a refresh
   * period (1,000 examples ≈ 0.1 ms), so successive MVMs within it see the same 1/f excursion
   * (chosen model: one draw per refresh period; the white part is drawn per read). 0 for a cell
   * programmed since the last refresh.
   */
  final double[] oneOverF;
  /** Scratch of {@link #refreshAll}, one column: G⁺ and G⁻, their white variances and 1/f SDs. */
  private final double[] columnPlus;
  private final double[] columnMinus;
  private final double[] columnPlusWhite;
  private final double[] columnMinusWhite;
  private final double[] columnPlusOneOverF;
  private final double[] columnMinusOneOverF;
  /** Each column's reference sum Σ(G_v⁺ + G_v⁻) as read (noisy) after its programming, µS. */
  private final double[] referenceSum;
  /** Columns programmed since their reference sum was read. */
  private final boolean[] referenceStale;
  /** The stream of the column-sum reads' noise and of the 1/f excursions. */
  private final org.apache.commons.rng.RestorableUniformRandomProvider sumReadRng;
  private final org.apache.commons.rng.sampling.distribution.ContinuousSampler sumReadNoise;

  PcmPairs(PcmParams params, double gain, int rows, int cols, long seedPlus, long seedMinus, DriftCompensation compensation) {
    int count = Math.multiplyExact(rows, cols);
    this.plus = PcmArray.create(params, count, seedPlus);
    this.minus = PcmArray.create(params, count, seedMinus);
    this.gain = gain;
    this.rows = rows;
    this.compensation = compensation;
    this.part = new double[count];
    this.columnGain = new double[cols];
    java.util.Arrays.fill(columnGain, 1.0);
    this.gainTime = new double[cols];
    this.readVariance = new double[count];
    this.oneOverF = new double[count];
    this.columnPlus = new double[rows];
    this.columnMinus = new double[rows];
    this.columnPlusWhite = new double[rows];
    this.columnMinusWhite = new double[rows];
    this.columnPlusOneOverF = new double[rows];
    this.columnMinusOneOverF = new double[rows];
    this.referenceSum = new double[cols];
    this.referenceStale = new boolean[cols];
    java.util.Arrays.fill(referenceStale, true);
    this.sumReadRng = (org.apache.commons.rng.RestorableUniformRandomProvider)
        org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(seedPlus * 0x9E3779B97F4A7C15L + seedMinus + 0x5EEDL);
    this.sumReadNoise = org.apache.commons.rng.sampling.distribution.ZigguratSampler.NormalizedGaussian.of(sumReadRng);
    refreshAll(0.0);
  }

  /** The largest pair weight programmed on purpose, µS: F × the useful PCM range (paper: 20 µS). */
  static double maxWeightMicroSiemens(PcmParams p, double gain) {
    return gain * p.gUsefulMaxMicroS();
  }

  /** The gain factor F of a layout with PCM pairs: finite and &gt; 0. */
  static void checkGainFactor(double gainFactor) {
    if (!(gainFactor > 0 && gainFactor < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gainFactor must be finite and > 0, got " + gainFactor);
    }
  }

  /** F × the expected first partial-SET increment from RESET, µS: the nominal update step of a PCM-only cell. */
  static double nominalSetStepMicroSiemens(PcmParams p, double gain) {
    return gain * (p.expectedConductanceFromResetMicroS(p.setStepSeconds()) - p.gResetMicroS());
  }

  /** Reads what a pulse on {@code cell} reads, both devices' records and the pair's weight ({@link PcmArray#touch}). */
  double touch(int cell) {
    return plus.touch(cell) + minus.touch(cell) + part[cell];
  }

  /** The true (drifted) pair weight at time t, µS, times its column's compensation gain. */
  double weightAt(int cell, double t) {
    return currentGain(cell / rows, t) * gain * (plus.conductanceMicroSiemens(cell, t) - minus.conductanceMicroSiemens(cell, t));
  }

  /** One noisy read of each device at time t, µS, times the column's compensation gain. */
  double readAt(int cell, double t) {
    return currentGain(cell / rows, t) * gain * (plus.readMicroSiemens(cell, t) - minus.readMicroSiemens(cell, t));
  }

  /**
   * Every pair weight at time t: re-estimates the drift-compensation gains from the column sums
   * {@code Σ(G_v⁺ + G_v⁻) / Σ(G⁺(t) + G⁻(t))}, each read with its noise (or exact for the oracle
   * modes; see {@link DriftCompensation}), then the compensated weights (the same numbers as
   * {@link #weightAt}) and their read-noise variances.
   */
  void refreshAll(double t) {
    refresh(t, true);
  }

  private void refresh(double t, boolean estimateGains) {
    int cols = columnGain.length;
    boolean compensate = estimateGains && compensation != DriftCompensation.NONE;
    // A global gain is known only after every column: the columns are written unscaled and scaled after.
    boolean deferGain = compensate && compensation.global();
    double refAll = 0;
    double nowAll = 0;
    final double[] gp = columnPlus;
    final double[] gm = columnMinus;
    final double[] wp = columnPlusWhite;
    final double[] wm = columnMinusWhite;
    final double[] fp = columnPlusOneOverF;
    final double[] fm = columnMinusOneOverF;
    // Column by column, so that a column's conductances and noise parts stay in L1 between the passes.
    for (int c = 0; c < cols; c++) {
      int from = c * rows;
      readColumn(c, t);
      if (compensate) {
        estimateColumnGain(c);
        refAll += columnRef;
        nowAll += columnNow;
      }
      if (estimateGains) { // a new 1/f excursion of every pair for this refresh period: σ_f⁺·z⁺ − σ_f⁻·z⁻ in one draw
        for (int r = 0; r < rows; r++) {
          double v = fp[r] * fp[r] + fm[r] * fm[r];
          oneOverF[from + r] = v == 0 ? 0 : Math.sqrt(v) * sumReadNoise.sample();
        }
      }
      if (deferGain) {
        for (int r = 0, i = from; r < rows; r++, i++) {
          part[i] = gp[r] - gm[r] + oneOverF[i];
          readVariance[i] = wp[r] + wm[r];
        }
      } else {
        double k = columnGain[c] * gain;
        for (int r = 0, i = from; r < rows; r++, i++) {
          part[i] = k * (gp[r] - gm[r] + oneOverF[i]);
          readVariance[i] = k * k * (wp[r] + wm[r]);
        }
      }
    }
    if (deferGain) { // the same products as a refresh at these gains (a checkpoint's restore) gives
      java.util.Arrays.fill(columnGain, nowAll > 0 && refAll > 0 ? refAll / nowAll : 1.0);
      double k = columnGain[0] * gain;
      for (int i = 0; i < part.length; i++) {
        part[i] = k * part[i];
        readVariance[i] = k * k * readVariance[i];
      }
    }
    if (estimateGains) java.util.Arrays.fill(gainTime, t);
  }

  /** Column c's conductances at time t and their read-noise parts, into the column scratch. */
  private void readColumn(int c, double t) {
    int from = c * rows;
    int to = from + rows;
    plus.conductancesMicroSiemens(t, from, to, columnPlus);
    minus.conductancesMicroSiemens(t, from, to, columnMinus);
    plus.readNoisePartsMicroS(t, from, to, columnPlus, columnPlusWhite, columnPlusOneOverF);
    minus.readNoisePartsMicroS(t, from, to, columnMinus, columnMinusWhite, columnMinusOneOverF);
  }

  /**
   * Column c's drift gain {@code Σ(G_v⁺ + G_v⁻) / Σ(G⁺(t) + G⁻(t))} from the column scratch
   * ({@link #readColumn}), each sum read with its noise (exact for the oracle modes); leaves the two
   * sums in {@link #columnRef} and {@link #columnNow}.
   */
  private void estimateColumnGain(int c) {
    int from = c * rows;
    double ref = 0;
    double now = 0;
    double nowVar = 0;
    for (int r = 0; r < rows; r++) {
      ref += plus.verifiedConductanceMicroSiemens(from + r) + minus.verifiedConductanceMicroSiemens(from + r);
      now += columnPlus[r] + columnMinus[r];
      nowVar += columnPlusWhite[r] + columnMinusWhite[r] + columnPlusOneOverF[r] * columnPlusOneOverF[r]
          + columnMinusOneOverF[r] * columnMinusOneOverF[r];
    }
    if (!compensation.oracle()) {
      if (referenceStale[c]) { // the column-sum read right after the column's programming
        double refVar = 0;
        for (int i = from, to = from + rows; i < to; i++) {
          double sp = plus.verifyReadSigmaMicroS(i);
          double sm = minus.verifyReadSigmaMicroS(i);
          refVar += sp * sp + sm * sm;
        }
        referenceSum[c] = ref + Math.sqrt(refVar) * sumReadNoise.sample();
        referenceStale[c] = false;
      }
      ref = referenceSum[c];
      now += Math.sqrt(nowVar) * sumReadNoise.sample();
    }
    columnGain[c] = now > 0 && ref > 0 ? ref / now : 1.0;
    columnRef = ref;
    columnNow = now;
  }

  /**
   * The device time moved to t without a refresh (a transfer's step, {@link CellArray#advanceClockTo}):
   * a global gain, which every column's sums make, is re-estimated with a full refresh; a
   * per-column gain is re-estimated when its column is next read ({@link #currentGain}).
   */
  void advanceClockTo(double t) {
    if (compensation.global()) refreshAll(t);
  }

  /**
   * Column c's drift gain at time t: with per-column compensation, re-estimated from the column's
   * sums if it was estimated at an earlier time (the device time moved by clock steps since), as a
   * refresh at t would have; a column programmed since the last refresh keeps its gain of 1.
   */
  private double currentGain(int c, double t) {
    if (gainTime[c] < t && compensation.perColumn()) {
      readColumn(c, t);
      estimateColumnGain(c);
      gainTime[c] = t;
    }
    return columnGain[c];
  }

  /**
   * A column is about to be programmed: with per-column compensation its gain restarts at 1 (every
   * device of the column is programmed now, so the verify sums are the present sums); its
   * reference sum is read anew at the next refresh.
   */
  void beginColumnProgramming(int col) {
    if (compensation.perColumn()) {
      columnGain[col] = 1.0;
      gainTime[col] = Double.POSITIVE_INFINITY; // until the next refresh
    }
    referenceStale[col] = true;
  }

  /** Mean read-noise variance of each column's and each row's pair weights at the last refresh, µS². */
  void lineReadVariances(double[] perColumn, double[] perRow) {
    int cols = columnGain.length;
    java.util.Arrays.fill(perRow, 0, rows, 0.0);
    for (int c = 0; c < cols; c++) {
      double sum = 0;
      for (int r = 0, i = c * rows; r < rows; r++, i++) {
        double v = readVariance[i];
        sum += v;
        perRow[r] += v;
      }
      perColumn[c] = sum / rows;
    }
    for (int r = 0; r < rows; r++) perRow[r] /= cols;
  }

  /**
   * Closed-loop programming toward {@code k·F·(G⁺ − G⁻) = target} (k the column's compensation
   * gain): the device on the other side is RESET, the device on the target's side is tuned to
   * {@code |target|/(k·F)} (the tuner RESETs it first if it is above). A magnitude beyond the useful range is clipped to it and counted.
   */
  void program(int cell, double targetMicroSiemens, double t, EventCounter counter) {
    Checks.checkFinite("PCM target (µS)", targetMicroSiemens);
    if (targetMicroSiemens == 0.0) { // nothing to hold: RESET both, no tuning toward "almost zero"
      referenceStale[cell / rows] = true;
      plus.reset(cell, t);
      minus.reset(cell, t);
      counter.add(Event.PCM_RESET_PULSES, 2);
      oneOverF[cell] = 0;
      part[cell] = weightAt(cell, t);
      return;
    }
    referenceStale[cell / rows] = true;
    double g = Math.abs(targetMicroSiemens) / (gain * columnGain[cell / rows]);
    double max = plus.maxMicroSiemens();
    if (g > max) {
      g = max;
      counter.add(Event.WEIGHTS_CLIPPED, 1);
    }
    PcmArray on = targetMicroSiemens >= 0 ? plus : minus;
    PcmArray off = targetMicroSiemens >= 0 ? minus : plus;
    off.reset(cell, t);
    TuningResult r = on.tune(cell, g, t);
    counter.add(Event.PCM_RESET_PULSES, 1L + r.resetPulses());
    counter.add(Event.PCM_SET_PULSES, r.setPulses());
    counter.add(Event.PCM_VERIFY_READS, r.verifyReads());
    if (r.gaveUp()) counter.add(Event.PCM_CELLS_GIVEN_UP, 1);
    oneOverF[cell] = 0;
    part[cell] = weightAt(cell, t);
  }

  /** Both devices' state ({@link PcmArray#writeState}), G⁺ first, then the compensation gains. */
  void writeState(java.io.DataOutput out) throws java.io.IOException {
    plus.writeState(out);
    minus.writeState(out);
    org.aimc.devices.StateIo.writeDoubles(out, columnGain);
    org.aimc.devices.StateIo.writeDoubles(out, referenceSum);
    double[] stale = new double[referenceStale.length];
    for (int c = 0; c < stale.length; c++) stale[c] = referenceStale[c] ? 1 : 0;
    org.aimc.devices.StateIo.writeDoubles(out, stale);
    org.aimc.devices.StateIo.writeRng(out, sumReadRng);
    org.aimc.devices.StateIo.writeDoubles(out, oneOverF);
  }

  /**
   * Restores what {@link #writeState} wrote and recomputes the pair weights at the cell array's time
   * t with the saved gains ({@link #part} holds the weights at that time whenever a state is written,
   * after a refresh, not within a transfer's clock steps; so it is derived, not saved).
   */
  void readState(java.io.DataInput in, double t) throws java.io.IOException {
    plus.readState(in);
    minus.readState(in);
    double[] g = new double[columnGain.length];
    org.aimc.devices.StateIo.readDoubles(in, g);
    double[] ref = new double[columnGain.length];
    org.aimc.devices.StateIo.readDoubles(in, ref);
    double[] stale = new double[columnGain.length];
    org.aimc.devices.StateIo.readDoubles(in, stale);
    byte[] rng = org.aimc.devices.StateIo.readRngState(in, "PcmPairs column-sum reads");
    double[] f = new double[oneOverF.length];
    org.aimc.devices.StateIo.readDoubles(in, f);
    System.arraycopy(f, 0, oneOverF, 0, f.length);
    org.aimc.devices.StateIo.restoreRng(sumReadRng, rng, "PcmPairs column-sum reads");
    System.arraycopy(g, 0, columnGain, 0, g.length);
    System.arraycopy(ref, 0, referenceSum, 0, ref.length);
    for (int c = 0; c < stale.length; c++) referenceStale[c] = stale[c] != 0;
    refresh(t, false);
    java.util.Arrays.fill(gainTime, t);
  }

  /**
   * {@link #setPulses(int, int, double)} on pairs {@code cells[k]} with {@code n[k]} for {@code k < count},
   * the pairs distinct: the same numbers as the calls pair after pair. Each side's pulses go to its
   * array in one batch ({@link PcmArray#applySetPulses}); the two arrays draw from streams of their
   * own, so only the order within a side matters.
   */
  void setPulses(int[] cells, int[] n, int count, double t) {
    if (batchPlus.length < count) {
      batchPlus = new int[count];
      batchPlusPulses = new int[count];
      batchMinus = new int[count];
      batchMinusPulses = new int[count];
    }
    for (int k = 0; k < count; k++) {
      // A column gain re-estimated from its devices' reads midway would see some pulses and not
      // others; a time before a device's programming must fail where the calls fail, with the same
      // pulses done before it.
      int c = cells[k];
      if (compensation.perColumn() && gainTime[c / rows] < t
          || !(t >= plus.lastProgrammedSeconds(c) && t >= minus.lastProgrammedSeconds(c))) {
        for (int j = 0; j < count; j++) setPulses(cells[j], n[j], t);
        return;
      }
    }
    int np = 0;
    int nm = 0;
    for (int k = 0; k < count; k++) {
      int c = cells[k];
      int pulses = n[k];
      if (pulses > 0) {
        batchPlus[np] = c;
        batchPlusPulses[np++] = pulses;
      } else if (pulses < 0) {
        batchMinus[nm] = c;
        batchMinusPulses[nm++] = -pulses;
      }
    }
    plus.applySetPulses(batchPlus, batchPlusPulses, np, t);
    minus.applySetPulses(batchMinus, batchMinusPulses, nm, t);
    for (int k = 0; k < count; k++) pulsed(cells[k], t);
  }

  /** Pair {@code cell} was pulsed at t: its column's reference sum is stale, its 1/f excursion gone, its weight new. */
  private void pulsed(int cell, double t) {
    referenceStale[cell / rows] = true;
    oneOverF[cell] = 0;
    part[cell] = weightAt(cell, t);
  }

  /** Scratch of the batched {@link #setPulses(int[], int[], int, double)}: each side's devices and pulse counts. */
  private int[] batchPlus = new int[0];
  private int[] batchPlusPulses = new int[0];
  private int[] batchMinus = new int[0];
  private int[] batchMinusPulses = new int[0];

  /** {@code n > 0} SET pulses on G⁺ (weight up), {@code n < 0} on G⁻ (weight down), at time t. */
  void setPulses(int cell, int n, double t) {
    PcmArray target = n > 0 ? plus : minus;
    int count = Math.abs(n);
    for (int k = 0; k < count; k++) target.applySetPulse(cell, t);
    pulsed(cell, t);
  }
}
