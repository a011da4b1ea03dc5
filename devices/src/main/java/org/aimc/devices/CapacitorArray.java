package org.aimc.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An array of 3T1C capacitor cells stored array-wise: one flat {@code double[]} of per-cell records
 * (V_C and the constants drawn once), one seeded random stream, no object per cell. Not
 * thread-safe.
 *
 * <h2>Model (Ambrogio et al., Nature 558, 2018; numbers in {@link DevicePreset})</h2>
 *
 * <ul>
 *   <li><b>State:</b> V_C per cell (V; a double so that the {@code ideal} preset stays linear
 *       to rounding over millions of pulses) and the array's physical time (s). Initially every cell is at {@code vInit} and the time is 0.
 *   <li><b>Per-device draws</b> (Normal factors {@code 1 + Dtod·z}, z truncated at ±3): up step
 *       {@code a_i = chargeStep·(1 + stepDtod·z₁)}, down step {@code d_i = dischargeStep·(1 +
 *       stepDtod·z₂)} with independent z₁, z₂ (threshold-voltage spread of the PMOS and NMOS makes
 *       every cell's up and down steps unequal); read gain {@code K_i}; read threshold {@code
 *       Vth_i = Vth + σ_Vth·z}; leak time constant τ_i.
 *   <li><b>Pull-up</b> ({@link #charge}): one pulse adds {@code a_i·(1 − b_u·(V − vInit))} with
 *       {@code b_u = chargeNonlinearity/(vMax − vInit)}. Successive steps form a geometric
 *       sequence with ratio {@code r_u = 1 − a_i·b_u}, so n pulses add exactly {@code s₁·(1 + r_u
 *       + … + r_u^{n−1})} where s₁ is the first step. Cycle-to-cycle noise: each pulse's step is
 *       multiplied by {@code 1 + stepCtoc·ξ_k}; the sum of the n independent noises is drawn as
 *       one Gaussian of the exact variance {@code stepCtoc²·Σ s_k²} (one random number per call,
 *       however many pulses). The noisy total is clipped so a pull-up never lowers V_C, then V_C is
 *       clipped to the rails.
 *   <li><b>Pull-down</b> ({@link #discharge}): the mirror image with {@code d_i}, {@code b_d =
 *       dischargeNonlinearity/(vInit − vMin)}, step {@code d_i·(1 − b_d·(vInit − V))}.
 *   <li><b>Leakage</b> ({@link #advanceTo}): {@code V ← vLeak + (V − vLeak)·e^{−Δt/τ_i}}, exact for
 *       any Δt; with equal τ (leakDtod = 0) one exponential serves all cells; otherwise the
 *       per-cell factors are cached for the last Δt, so a fixed clock step costs one multiply-add
 *       per cell. With per-cell τ, Δt is first rounded to 40 significant bits (relative error
 *       &lt; 5·10⁻¹³, below the rounding of a clock that sums its steps in seconds): the steps of
 *       such a clock differ in their last bits and would otherwise miss the cache every time.
 *   <li><b>Read transistor:</b> {@code g = K_i·(V_C − Vth_i)} above threshold and exponential
 *       subthreshold conduction below ({@link CapacitorParams#readCurve}; the hard floor
 *       {@code max(0, ·)} when {@code readSubthresholdVolts = 0}), µS, no read noise (the crossbar
 *       adds periphery noise).
 * </ul>
 *
 * <p>The shared reference cell {@code g_shared} of the paper is just another cell: a crossbar
 * holds, e.g., one {@code CapacitorArray} of {@code rows×cols} synapse cells and another of
 * {@code cols} reference cells (each with its own draws), or one array with the references at
 * the end. Nothing here ties a cell to a role.
 *
 * <p>Random numbers: {@code XO_RO_SHI_RO_128_PP} seeded with {@link #seed()}; see {@code
 * DeviceRandom}.
 *
 * <p>Checkpoints: {@link #writeState} saves what changes after construction (the time, every
 * V_C, the cycle-to-cycle stream's state); {@link #readState} restores it into an array created
 * with the same parameters, count and seed. The per-cell leak factors are a memo of {@code
 * e^{−Δt/τ_i}} for the last Δt and are recomputed to the same bits, so they are not saved.
 */
public final class CapacitorArray {
  /** Format tag of {@link #writeState}: "CAP" and format version 1. */
  private static final int STATE_TAG = 0x43415001;
  /** The most cells of one array (its interleaved per-cell record must fit one Java array). */
  public static final int MAX_COUNT = (Integer.MAX_VALUE - 8) / 5;

  private final CapacitorParams p;
  private final long seed;
  private final int n;

  // Per-cell record of the fields an update pulse touches, interleaved so that a pulse on a random
  // cell reads one or two cache lines instead of one per field (an update touches a few % of a
  // 784×250 array at random): cells[STRIDE·i + V] = V_C (V), + UP = a_i, + DOWN = d_i (V),
  // + K = K_i (µS/V), + VTH = Vth_i (V). The ratios r = 1 − a·b are recomputed (the same
  // expression gives the same bits) rather than stored.
  private static final int STRIDE = 5;
  private static final int V = 0;
  private static final int UP = 1;
  private static final int DOWN = 2; // UP + 1: the batched update picks UP + (1 for a discharge)
  private static final int K = 3;
  private static final int VTH = 4;
  private final double[] cells;
  /** Scratch of the batched {@link #applyPulses(int, int[], int[], int, int, float[], double)}: g before. */
  /**
   * Cells per chunk of the batched {@link #applyPulses(int[], int[], int, double[])}: enough misses
   * to overlap, few enough that the chunk's records (≈ 1.6 cache lines each) stay in L1 and L2.
   */
  private static final int PULSE_CHUNK = 256;
  /** {b_u, b_d}: indexed by 1 for a discharge (see {@link #applyPulses(int[], int[], int, double[])}). */
  private final double[] upDownNonlinearity;
  /** 1/τ_i, 1/s (0 = no leakage). */
  private final double[] invTau;
  /** e^{−cachedDt/τ_i}, valid for {@link #cachedDt}; null when all τ are equal. */
  private final double[] leakFactor;
  private double cachedDt = Double.NaN;

  private final double vInit;
  /** The read FET's subthreshold width s, V ({@link CapacitorParams#readSubthresholdVolts}). */
  private final double subthreshold;
  private final double vMin;
  private final double vMax;
  private long railClamps;
  private final double vLeak;
  private final double bUp;
  private final double bDown;
  private final double ctoc;
  private final boolean noLeak;
  private double time;

  /** The cycle-to-cycle stream (the only one drawn from after construction). */
  private final RestorableUniformRandomProvider ctocRng;
  /** Ziggurat Gaussian over {@link #ctocRng}; holds no state of its own. */
  private final ContinuousSampler normal;

  private CapacitorArray(CapacitorParams p, int count, long seed) {
    this.p = p;
    this.seed = seed;
    this.n = count;
    this.vInit = p.vInitVolts();
    this.subthreshold = p.readSubthresholdVolts();
    this.vMin = p.vMinVolts();
    this.vMax = p.vMaxVolts();
    this.vLeak = p.vLeakVolts();
    this.bUp = p.chargeNonlinearity() / (vMax - vInit);
    this.bDown = p.dischargeNonlinearity() / (vInit - vMin);
    this.ctoc = p.stepCtoc();
    this.upDownNonlinearity = new double[] {bUp, bDown};
    DeviceRandom r = new DeviceRandom(seed);
    ContinuousSampler dn = ZigguratSampler.NormalizedGaussian.of(r.dtod);
    this.ctocRng = r.ctoc;
    this.normal = ZigguratSampler.NormalizedGaussian.of(r.ctoc);
    cells = new double[count * STRIDE];
    invTau = new double[count];
    double vth = p.readThresholdVolts();
    double tau = p.leakTimeConstantSeconds();
    boolean anyLeak = false;
    for (int i = 0; i < count; i++) {
      int o = i * STRIDE;
      cells[o + V] = vInit;
      // r = 1 − a_i·b >= 0 because a_i·b <= a_i/(half range) < 1 (checked in CapacitorParams).
      cells[o + UP] = p.chargeStepVolts() * DeviceRandom.factor(dn, p.stepDtod());
      cells[o + DOWN] = p.dischargeStepVolts() * DeviceRandom.factor(dn, p.stepDtod());
      cells[o + K] = p.readSlopeMicroSPerVolt() * DeviceRandom.factor(dn, p.readSlopeDtod());
      cells[o + VTH] = vth + p.readThresholdDtodVolts() * DeviceRandom.truncatedZ(dn);
      double ti = tau * DeviceRandom.factor(dn, p.leakDtod());
      invTau[i] = 1.0 / ti; // 0 for an infinite τ
      anyLeak |= invTau[i] != 0;
    }
    this.noLeak = !anyLeak;
    this.leakFactor = p.leakDtod() == 0 ? null : new double[count];
  }

  /**
   * A fresh array of {@code count} cells at {@code vInit}, time 0, per-device constants drawn from
   * {@code p}'s distributions with the stream seeded by {@code seed}.
   *
   * @throws IllegalArgumentException if {@code p} is null or {@code count} is negative
   */
  public static CapacitorArray create(CapacitorParams p, int count, long seed) {
    if (p == null) throw new IllegalArgumentException("CapacitorParams must not be null");
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count = " + count + " is outside the allowed range [0, " + MAX_COUNT + "]");
    }
    return new CapacitorArray(p, count, seed);
  }

  public int size() {
    return n;
  }

  public CapacitorParams params() {
    return p;
  }

  public long seed() {
    return seed;
  }

  /** The random-number algorithm of this array's stream (Commons RNG {@code RandomSource} name). */
  public String rngAlgorithm() {
    return DeviceRandom.ALGORITHM.name();
  }

  /** The array's physical time, s: the last {@link #advanceTo} argument (0 initially). */
  public double timeSeconds() {
    return time;
  }

  /**
   * {@code pulses} PMOS pull-up pulses on one cell: V_C and g go up. Hot path: no allocation, one
   * Gaussian per call (none when stepCtoc = 0), a loop of two multiply-adds per pulse for pulses
   * up to 16 and a closed form beyond.
   *
   * @throws IllegalArgumentException if {@code pulses} is negative
   */
  public void charge(int cell, int pulses) {
    if (pulses <= 0) {
      if (pulses == 0) return;
      throw negativePulses(pulses);
    }
    chargeRecord(record(cell), pulses);
  }

  /**
   * {@code pulses} NMOS pull-down pulses on one cell: V_C and g go down.
   *
   * @throws IllegalArgumentException if {@code pulses} is negative
   */
  public void discharge(int cell, int pulses) {
    if (pulses <= 0) {
      if (pulses == 0) return;
      throw negativePulses(pulses);
    }
    dischargeRecord(record(cell), pulses);
  }

  /** Positive: {@link #charge}; negative: {@link #discharge} of {@code −signedPulses}; 0: nothing. */
  public void applyPulses(int cell, int signedPulses) {
    if (signedPulses > 0) charge(cell, signedPulses);
    else if (signedPulses < 0) discharge(cell, -signedPulses);
  }

  /**
   * The hot path of a crossbar's parallel update: for {@code k < count}, in that order, {@code
   * signedPulses[k]} pulses ({@link #applyPulses(int, int)}) on cell {@code cellIdx[k]}, and the
   * change of that cell's g, µS, into {@code dgOut[k]}. The same numbers, random draws included, as
   * per-cell calls with g read before and after. The cells must be distinct.
   *
   * <p>Why it is shaped so: an update touches a few % of a large array at random, so the time goes
   * to cache misses and to mispredicted branches. The cells go in chunks: one pass reads every
   * cell's g of the chunk first, so that their misses overlap (a chunk spans the columns of an
   * update, which a column alone at training densities, a handful of cells, would not); the
   * second pass then finds the records in L1 and picks charge or discharge by index arithmetic,
   * not by a branch: the signs are random, and a mispredicted branch that resolves only after the
   * cell's loads costs more than the cell's whole update.
   *
   * @return the charge (pull-up) pulses applied; the discharges are the rest of {@code Σ|signedPulses|}
   * @throws IllegalArgumentException if a count is {@code Integer.MIN_VALUE}
   * @throws IndexOutOfBoundsException if a cell is outside the array
   */
  public long applyPulses(int[] cellIdx, int[] signedPulses, int count, double[] dgOut) {
    final double[] c = cells;
    final double[] nonlinearity = upDownNonlinearity;
    long charges = 0;
    int clamps = 0;
    for (int from = 0; from < count; from += PULSE_CHUNK) {
      int to = Math.min(count, from + PULSE_CHUNK);
      for (int k = from; k < to; k++) {
        int o = record(cellIdx[k]);
        dgOut[k] = CapacitorParams.readCurve(c[o + K], c[o + V] - c[o + VTH], subthreshold);
      }
      for (int k = from; k < to; k++) {
        int o = cellIdx[k] * STRIDE;
        int n = signedPulses[k];
        if (n == 0) {
          dgOut[k] = 0;
          continue;
        }
        if (n == Integer.MIN_VALUE) throw negativePulses(n);
        // down = 1 for a discharge, the mirror image of a charge: (vInit − V) = −(V − vInit) and
        // V − dv = V + (−1)·dv exactly, so the bits equal chargeRecord's and dischargeRecord's.
        int down = n >>> 31;
        int pulses = Math.abs(n);
        double sign = 1 - 2 * down;
        double a = c[o + UP + down];
        double b = nonlinearity[down];
        double v = c[o + V];
        double dv = step(a * (1.0 - b * (sign * (v - vInit))), 1.0 - a * b, pulses);
        if (dv < 0) dv = 0;
        double unclamped = v + sign * dv;
        v = Math.min(Math.max(unclamped, vMin), vMax);
        long moved = Double.doubleToRawLongBits(unclamped) ^ Double.doubleToRawLongBits(v);
        clamps += (int) ((moved | -moved) >>> 63);
        c[o + V] = v;
        charges += pulses & (down - 1);
        dgOut[k] = CapacitorParams.readCurve(c[o + K], v - c[o + VTH], subthreshold) - dgOut[k];
      }
    }
    railClamps += clamps;
    return charges;
  }

  /**
   * Pulse bursts (one cell's pulses of one call) that would have driven V_C beyond a rail and were
   * clamped there, since this array was created: the part of an update the capacitor could not
   * hold. A running count for diagnostics, not part of the checkpointed state (take differences).
   */
  public long railClamps() {
    return railClamps;
  }

  /** Pull-up pulses on the record at o; returns the new V_C. */
  private double chargeRecord(int o, int pulses) {
    final double[] c = cells;
    double v = c[o + V];
    double a = c[o + UP];
    double first = a * (1.0 - bUp * (v - vInit));
    double dv = step(first, 1.0 - a * bUp, pulses);
    if (dv < 0) dv = 0;
    v += dv;
    if (v > vMax) {
      v = vMax;
      railClamps++;
    }
    c[o + V] = v;
    return v;
  }

  /** Pull-down pulses on the record at o; returns the new V_C. */
  private double dischargeRecord(int o, int pulses) {
    final double[] c = cells;
    double v = c[o + V];
    double d = c[o + DOWN];
    double first = d * (1.0 - bDown * (vInit - v));
    double dv = step(first, 1.0 - d * bDown, pulses);
    if (dv < 0) dv = 0;
    v -= dv;
    if (v < vMin) {
      v = vMin;
      railClamps++;
    }
    c[o + V] = v;
    return v;
  }

  /** Noisy sum of n geometric steps s₁, s₁r, …; see the class comment. */
  private double step(double first, double r, int pulses) {
    if (pulses == 1) {
      // The common case of a sparse update; the same bits as the general path with s = s2 = 1.
      return ctoc == 0 ? first : first + ctoc * first * normal.sample();
    }
    double s;
    double s2;
    if (r == 1.0) {
      s = pulses;
      s2 = pulses;
    } else if (pulses <= 16) {
      s = 0;
      s2 = 0;
      double q = 1;
      for (int k = 0; k < pulses; k++) {
        s += q;
        s2 += q * q;
        q *= r;
      }
    } else {
      double rn = Math.pow(r, pulses);
      s = (1 - rn) / (1 - r);
      s2 = (1 - rn * rn) / (1 - r * r);
    }
    double dv = first * s;
    if (ctoc != 0) dv += ctoc * first * Math.sqrt(s2) * normal.sample();
    return dv;
  }

  /**
   * Leakage of every cell from the array's time up to {@code timeSeconds}: V_C relaxes toward
   * vLeak by the exact exponential {@code e^{−Δt/τ_i}} (Δt rounded to 40 bits when τ differs per
   * cell; see the class comment). Cost: one multiply-add per cell (plus one exponential per cell
   * when τ differs per cell and the rounded Δt differs from the previous call's).
   *
   * @throws IllegalArgumentException if {@code timeSeconds} is before the array's time or not finite
   */
  public void advanceTo(double timeSeconds) {
    if (!(timeSeconds >= time && timeSeconds < Double.POSITIVE_INFINITY)) {
      throw new DeviceParameterException(String.format(Locale.ROOT,
          "timeSeconds = %s is outside the allowed range [%s, +inf) (the array's time must not go backwards)",
          Check.fmt(timeSeconds), Check.fmt(time)));
    }
    double dt = timeSeconds - time;
    time = timeSeconds;
    if (dt == 0 || noLeak) return;
    final double[] c = cells;
    final double vl = vLeak;
    if (leakFactor == null) {
      double f = Math.exp(-dt * invTau[0]);
      for (int o = V; o < c.length; o += STRIDE) c[o] = vl + (c[o] - vl) * f;
    } else {
      final double[] f = leakFactor;
      double step = roundTo40Bits(dt);
      if (step != cachedDt) {
        for (int i = 0; i < n; i++) f[i] = Math.exp(-step * invTau[i]);
        cachedDt = step;
      }
      for (int i = 0, o = V; i < n; i++, o += STRIDE) c[o] = vl + (c[o] - vl) * f[i];
    }
  }

  /**
   * dt (&gt; 0, finite) rounded to the nearest double with 40 significant bits: a pure function of
   * dt, so that the leak does not depend on what was cached (and a checkpoint need not save it).
   */
  static double roundTo40Bits(double dt) {
    long bits = Double.doubleToRawLongBits(dt);
    return Double.longBitsToDouble((bits + (1L << 11)) & ~((1L << 12) - 1));
  }

  /** V_C of one cell, V. */
  public double voltage(int cell) {
    return cells[record(cell) + V];
  }

  /** Forces V_C of one cell (a write driver), V; must lie within the rails. */
  public void setVoltage(int cell, double volts) {
    if (!(volts >= vMin && volts <= vMax)) {
      throw Check.bad("volts", volts, "[" + Check.fmt(vMin) + ", " + Check.fmt(vMax) + "] (the rails)");
    }
    cells[record(cell) + V] = volts;
  }

  /** g(V_C) of one cell through its read transistor, µS, without read noise. */
  public double conductanceMicroSiemens(int cell) {
    int o = record(cell);
    return CapacitorParams.readCurve(cells[o + K], cells[o + V] - cells[o + VTH], subthreshold);
  }

  /** g of the cell if its V_C were {@code volts}, µS (its own read-transistor curve). */
  public double conductanceAtMicroSiemens(int cell, double volts) {
    int o = record(cell);
    return CapacitorParams.readCurve(cells[o + K], volts - cells[o + VTH], subthreshold);
  }

  /** V_C = vInit (paper: 0.5 V), as at every transfer. */
  public void reinitialize(int cell) {
    cells[record(cell) + V] = vInit;
  }

  /** Every cell to vInit. */
  public void reinitializeAll() {
    for (int o = V; o < cells.length; o += STRIDE) cells[o] = vInit;
  }

  /**
   * Nominal mean |Δg| per pulse near vInit, µS: {@code K·(chargeStep + dischargeStep)/2} of the
   * parameters (not of this array's draws), for mapping weights to pulse counts.
   */
  public double nominalStepMicroSiemens() {
    return p.nominalStepMicroS();
  }

  /** This cell's drawn up step at vInit, V (model ground truth, for diagnostics). */
  public double chargeStepVolts(int cell) {
    return cells[record(cell) + UP];
  }

  /** This cell's drawn down step at vInit, V (model ground truth, for diagnostics). */
  public double dischargeStepVolts(int cell) {
    return cells[record(cell) + DOWN];
  }

  /** The start of a cell's record; checks the index (a record index alone could land in another cell). */
  private int record(int cell) {
    if (cell < 0 || cell >= n) throw new IndexOutOfBoundsException("cell " + cell + " of an array of " + n);
    return cell * STRIDE;
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes the array's dynamic state: a header (format tag, count, seed, a fingerprint of the
   * parameters), the cycle-to-cycle stream's state, the time (s) and every cell's V_C (V) as
   * big-endian doubles. Per-device draws are not written: they follow from the seed.
   */
  public void writeState(DataOutput out) throws IOException {
    StateIo.writeHeader(out, STATE_TAG, n, seed, StateIo.fingerprint(p));
    StateIo.writeRng(out, ctocRng);
    out.writeDouble(time);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) v[i] = cells[i * STRIDE + V];
    StateIo.writeDoubles(out, v);
  }

  /**
   * Restores what {@link #writeState} wrote. The array must have been created with the same
   * parameters, count and seed; nothing changes unless the whole state is read.
   *
   * @throws IOException if the state is of another kind, count, seed or parameters (the message
   *     names both), or is truncated ({@link EOFException})
   */
  public void readState(DataInput in) throws IOException {
    try {
      StateIo.readHeader(in, "CapacitorArray", STATE_TAG, n, seed, StateIo.fingerprint(p));
      byte[] rng = StateIo.readRngState(in, "CapacitorArray");
      double t = in.readDouble();
      double[] v = new double[n];
      StateIo.readDoubles(in, v);
      if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
        throw new IOException("CapacitorArray state has time " + t + " s; a corrupt state");
      }
      StateIo.restoreRng(ctocRng, rng, "CapacitorArray");
      time = t;
      for (int i = 0; i < n; i++) cells[i * STRIDE + V] = v[i];
    } catch (EOFException e) {
      EOFException t = new EOFException(String.format(Locale.ROOT,
          "CapacitorArray state (%d cells, seed %d) is truncated", n, seed));
      t.initCause(e);
      throw t;
    }
  }

  private static IllegalArgumentException negativePulses(int pulses) {
    return new DeviceParameterException("pulses = " + pulses + " is outside the allowed range [0, 2^31)");
  }
}
