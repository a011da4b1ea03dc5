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
 * An array of PCM devices stored array-wise: one flat {@code double[]} of per-device records (state
 * and the parameters drawn once at creation), and one seeded random stream. No object per device. Not
 * thread-safe: one array belongs to one tile (one thread).
 *
 * <h2>Model (Ambrogio et al., Nature 558, 2018; numbers in {@link DevicePreset})</h2>
 *
 * <ul>
 *   <li><b>State.</b> Per device: the conductance at the verify read after its last programming
 *       event {@code G_v} (µS), the time of that event {@code t_p} (s) and the drift exponent
 *       {@code ν} drawn at that event. Initially every device is RESET at t = 0.
 *   <li><b>Per-device draws.</b> {@code gReset_i}, {@code gSat_i}, {@code τset_i} are the nominal
 *       values times {@code 1 + Dtod·z} (z standard normal truncated at ±3); a device is stuck with probability
 *       {@code stuckFraction}, then at {@code gSat_i} with probability {@code stuckHighFraction},
 *       else at {@code gReset_i}. A stuck device ignores SET and RESET and does not drift.
 *   <li><b>Drift</b> acts from the drift onset t_d after programming:
 *       {@code G(t) = G_v·((t − t_p)/t_d)^(−ν)} for {@code t − t_p > t_d}, else {@code G_v}
 *       ({@link PcmParams#driftOnsetSeconds}; Le Gallo et al., IRPS 2016: a log-time relaxation
 *       from programming; Kersting et al. 2021: the law holds from an onset on). At every
 *       programming event (SET pulse, RESET, end of a tuning) ν is drawn anew,
 *       {@code ν = max(0, μ_ν(G) + σ_ν(G)·z)}, z truncated at ±3, with mean and spread depending on
 *       the conductance as measured by Nandakumar et al. (2019) at t_c ≈ 20 s and used in IBM
 *       aihwkit's {@code PCMLikeNoiseModel}. Reading at a time before {@code t_p} is an error.
 *   <li><b>Partial SET</b> (one 8-step staircase pulse, per-step duration τ): dose
 *       {@code d = 8τ/τset_i·max(0, 1 + setCtoc·ξ)}; {@code G ← G(t) + (1 − e^{−d})·[(gSat_i −
 *       gReset_i) − nl·(G(t) − gReset_i)] + programNoise·ξ'}, clipped to {@code [0, gSat_i]};
 *       then {@code G_p = G, t_p = t} (a pulse restarts drift). From RESET, one pulse of
 *       duration T is expected to give {@code gReset + (gSat − gReset)(1 − e^{−T/τset})} — the
 *       paper's staircase as a duration→conductance primitive.
 *   <li><b>RESET:</b> {@code G_p = gReset_i, t_p = t}.
 *   <li><b>Read:</b> {@code G(t) + σ(G, t − t_p)·ξ} with σ from {@link PcmParams#readNoiseSigmaMicroS}:
 *       a white part and the 1/f part of Nandakumar et al. (2019); zero-mean measurement noise, not
 *       clipped (a read can come out slightly negative).
 *   <li><b>Closed-loop tuning:</b> see {@link #tune}.
 * </ul>
 *
 * <p>Random numbers: {@code XO_RO_SHI_RO_128_PP} seeded with {@link #seed()} (see
 * {@code DeviceRandom}); same parameters, count, seed and call sequence give the same numbers on any
 * machine.
 *
 * <p>Checkpoints: {@link #writeState} saves what changes after construction (each device's
 * {@code G_p} and {@code t_p}, and the cycle-to-cycle stream's state); {@link #readState} restores
 * it into an array created with the same parameters, count and seed, which re-creates the per-device
 * draws. The calls after a restore give the same numbers, bit for bit, as in the saved array.
 */
public final class PcmArray {
  /** Format tag of {@link #writeState}: "PCM" and format version 2 (ν per programming event). */
  private static final int STATE_TAG = 0x50434D02;

  private final PcmParams p;
  private final long seed;
  private final int n;

  // One record per device, interleaved: a SET pulse reads and writes every field of a device at
  // random (an update pulses a few hundred of a layer's devices), and one record is one or two cache
  // lines where eight parallel arrays were eight. State: G_v (µS), t_p (s), the ν drawn at t_p, and
  // q_s of the 1/f read noise at G_v (derived from G_v); constants drawn once: gReset_i, gSat_i (µS),
  // 1/τset_i (1/s), and 1 for a stuck device (0 otherwise).
  private static final int STRIDE = 8;
  private static final int G_PROG = 0;
  private static final int T_PROG = 1;
  private static final int NU = 2;
  private static final int QS = 3;
  private static final int G_RESET = 4;
  private static final int G_SAT = 5;
  private static final int INV_TAU_SET = 6;
  private static final int STUCK = 7;
  private final double[] rec;
  /**
   * The laws a RESET applies besides its conductance gReset_i, one row per device computed at
   * creation: ν's mean and spread at the conductance gReset_i is expected to have at t_c
   * ({@link #nuFor}) and q_s at gReset_i. A transfer RESETs the other device of every pair it
   * programs, and each RESET took a logarithm, ν's fixed point and an exponential for the same
   * numbers. (A second cache line per RESET, read in device order.)
   */
  private final double[] resetLaws;
  private static final int RESET_LAWS = 3;
  private static final int RESET_NU_MEAN = 0;
  private static final int RESET_NU_SPREAD = 1;
  private static final int RESET_QS = 2;
  /** False only in the test that compares a RESET from {@link #resetLaws} with one that computes the laws. */
  boolean resetLawsFromTable = true;
  /** The most devices of one array (its records must fit one Java array). */
  public static final int MAX_COUNT = (Integer.MAX_VALUE - 8) / STRIDE;

  /** The cycle-to-cycle stream (the only one drawn from after construction). */
  private final RestorableUniformRandomProvider ctoc;
  /** Ziggurat Gaussian over {@link #ctoc}; holds no state of its own (tables are static). */
  private final ContinuousSampler normal;
  private final double invT0;
  /** ln(t_c/t_d) of the ν statistics ({@link PcmParams#driftLogSpanToReference}). */
  private final double driftSpan;
  /** The 1/f time factor of a read one verify-read delay after programming, the earliest read. */
  private final double verifyTimeFactor;
  /**
   * Per refresh, the values that depend only on t_p: devices keep the time of their last
   * programming event (a device tuned at its first verify read keeps an older one), so consecutive
   * devices of a column alternate among a few earlier transfers' times.
   */
  private final ProgrammingTimeMemo logMemo = new ProgrammingTimeMemo();
  private final ProgrammingTimeMemo noiseMemo = new ProgrammingTimeMemo();
  /** Scratch of {@link #applySetPulses}, grown as needed: conductances, logarithms, ν's z then ν, the devices that are not stuck, the draws. */
  private double[] batchG = new double[0];
  private double[] batchX = new double[0];
  private double[] batchZNu = new double[0];
  private int[] batchLive = new int[0];
  private double[] batchZ = new double[0];
  private final double fineStepSeconds;
  /** 1 − e^{−dose} of the nominal fine pulse: the fraction of the way to gSat it goes ({@link #nominalFineIncrementMicroS}). */
  private final double fineIncrementFraction;
  private final double maxSat;

  private PcmArray(PcmParams p, int count, long seed) {
    this.p = p;
    this.seed = seed;
    this.n = count;
    DeviceRandom r = new DeviceRandom(seed);
    ContinuousSampler dn = ZigguratSampler.NormalizedGaussian.of(r.dtod);
    this.ctoc = r.ctoc;
    this.normal = ZigguratSampler.NormalizedGaussian.of(r.ctoc);
    rec = new double[count * STRIDE];
    resetLaws = new double[Math.multiplyExact(count, RESET_LAWS)];
    double mx = 0;
    for (int i = 0; i < count; i++) {
      int o = i * STRIDE;
      double gr = p.gResetMicroS() * DeviceRandom.factor(dn, p.gResetDtod());
      double gs = p.gSatMicroS() * DeviceRandom.factor(dn, p.gSatDtod());
      rec[o + G_RESET] = gr;
      rec[o + G_SAT] = gs;
      rec[o + INV_TAU_SET] = 1.0 / (p.setTimeConstantSeconds() * DeviceRandom.factor(dn, p.setTimeConstantDtod()));
      // Two uniforms per device always, so the stuck draws do not shift other devices' draws.
      boolean isStuck = r.dtod.nextDouble() < p.stuckFraction();
      boolean high = r.dtod.nextDouble() < p.stuckHighFraction();
      rec[o + STUCK] = isStuck ? 1 : 0;
      rec[o + G_PROG] = isStuck && high ? gs : gr;
      mx = Math.max(mx, gs);
    }
    this.driftSpan = p.driftLogSpanToReference();
    for (int i = 0; i < count; i++) {
      double x = p.logRelative(rec[i * STRIDE + G_RESET]);
      double xc = p.logAtReference(x, driftSpan);
      resetLaws[i * RESET_LAWS + RESET_NU_MEAN] = p.driftNuMeanAtLog(xc);
      resetLaws[i * RESET_LAWS + RESET_NU_SPREAD] = p.driftNuSpreadAtLog(xc);
      resetLaws[i * RESET_LAWS + RESET_QS] = p.readNoiseQsAtLog(x);
    }
    this.maxSat = mx;
    this.invT0 = 1.0 / p.driftOnsetSeconds();
    this.verifyTimeFactor = p.readNoiseTimeFactor(p.verifyReadDelaySeconds());
    this.fineStepSeconds = p.setStepSeconds();
    this.fineIncrementFraction = -Math.expm1(-PcmParams.STAIRCASE_STEPS * fineStepSeconds / p.setTimeConstantSeconds());
    // The initial RESET at t = 0 is a programming event: draw its ν from the cycle-to-cycle stream.
    for (int i = 0; i < count; i++) {
      double x = p.logRelative(rec[i * STRIDE + G_PROG]);
      if (rec[i * STRIDE + STUCK] == 0) rec[i * STRIDE + NU] = drawNu(x);
      rec[i * STRIDE + QS] = p.readNoiseQsAtLog(x);
    }
  }

  /**
   * A fresh array of {@code count} devices, all RESET at t = 0, per-device parameters drawn from
   * {@code p}'s distributions with the stream seeded by {@code seed}.
   *
   * @throws IllegalArgumentException if {@code p} is null or {@code count} is negative or above {@link #MAX_COUNT}
   */
  public static PcmArray create(PcmParams p, int count, long seed) {
    if (p == null) throw new IllegalArgumentException("PcmParams must not be null");
    if (count < 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count = " + count + " is outside the allowed range [0, " + MAX_COUNT + "]");
    }
    return new PcmArray(p, count, seed);
  }

  public int size() {
    return n;
  }

  public PcmParams params() {
    return p;
  }

  public long seed() {
    return seed;
  }

  /** The random-number algorithm of this array's stream (Commons RNG {@code RandomSource} name). */
  public String rngAlgorithm() {
    return DeviceRandom.ALGORITHM.name();
  }

  /** Upper bound of the useful, well-controlled range, µS ({@link PcmParams#gUsefulMaxMicroS}). */
  public double maxMicroSiemens() {
    return p.gUsefulMaxMicroS();
  }

  /** No device of this array ever exceeds this conductance, µS (the largest drawn gSat_i). */
  public double saturationBoundMicroSiemens() {
    return maxSat;
  }

  /** Whether the device is stuck (ignores SET and RESET). Ground truth of the model. */
  public boolean isStuck(int cell) {
    return rec[cell * STRIDE + STUCK] != 0;
  }

  /** Time of the device's last programming event (SET or RESET), s. */
  public double lastProgrammedSeconds(int cell) {
    return rec[cell * STRIDE + T_PROG];
  }

  /**
   * Reads device {@code cell}'s record and returns a value of it, so that a caller about to pulse many
   * devices at random can fetch their records in one pass and let the misses overlap (a pulse's
   * logarithms and exponentials are too long for the processor to reach the next device's loads on
   * its own). Changes nothing.
   */
  public double touch(int cell) {
    return rec[cell * STRIDE + T_PROG];
  }

  /** True (drifted) conductance at physical time {@code timeSeconds}, µS, without read noise. */
  public double conductanceMicroSiemens(int cell, double timeSeconds) {
    int o = cell * STRIDE;
    double dt = timeSeconds - rec[o + T_PROG];
    if (!(dt >= 0)) throw timeBefore(cell, timeSeconds);
    double g = rec[o + G_PROG];
    if (dt > p.driftOnsetSeconds()) {
      double v = rec[o + NU];
      if (v != 0) g *= Math.exp(-v * Math.log(dt * invT0));
    }
    return g;
  }

  /**
   * The true conductance of every device at {@code timeSeconds}, µS, into {@code out[0..size())}:
   * the same numbers as {@link #conductanceMicroSiemens} per device, faster. The logarithm of the
   * time since programming is shared by consecutive devices programmed at the same time (a
   * transfer programs a column at one time), leaving one exponential per drifting device.
   *
   * @throws IllegalArgumentException if {@code timeSeconds} is before a device's last programming
   */
  public void conductancesMicroSiemens(double timeSeconds, double[] out) {
    if (out.length < n) throw new IllegalArgumentException("out has " + out.length + " elements, the array " + n + " devices");
    conductancesMicroSiemens(timeSeconds, 0, n, out);
  }

  /** {@link #conductancesMicroSiemens(double, double[])} of devices {@code [from, to)} into {@code out[0 .. to − from)}. */
  public void conductancesMicroSiemens(double timeSeconds, int from, int to, double[] out) {
    java.util.Objects.checkFromToIndex(from, to, n);
    final double t0 = p.driftOnsetSeconds();
    final ProgrammingTimeMemo memo = logMemo.at(timeSeconds);
    double lastTp = Double.NaN;
    double lastLog = 0;
    for (int i = from; i < to; i++) {
      int o = i * STRIDE;
      double tp = rec[o + T_PROG];
      double dt = timeSeconds - tp;
      if (!(dt >= 0)) throw timeBefore(i, timeSeconds);
      double g = rec[o + G_PROG];
      if (dt > t0) {
        double v = rec[o + NU];
        if (v != 0) {
          if (tp != lastTp) {
            int s = ProgrammingTimeMemo.slot(tp);
            if (!memo.holds(s, tp)) memo.put(s, tp, Math.log(dt * invT0));
            lastLog = memo.value(s);
            lastTp = tp;
          }
          g *= Math.exp(-v * lastLog);
        }
      }
      out[i - from] = g;
    }
  }

  /** One noisy read at {@code timeSeconds}, µS: true conductance plus σ(G, t − t_p)·N(0,1). */
  public double readMicroSiemens(int cell, double timeSeconds) {
    double g = conductanceMicroSiemens(cell, timeSeconds);
    // A read comes at the earliest one verify-read delay after programming (the verify read itself).
    double since = timeSeconds - rec[cell * STRIDE + T_PROG];
    double f = since <= p.verifyReadDelaySeconds() ? verifyTimeFactor : p.readNoiseTimeFactor(since);
    double sigma = p.readNoiseSigmaFromPartsMicroS(g, rec[cell * STRIDE + QS], f);
    return sigma == 0 ? g : g + sigma * normal.sample();
  }

  /**
   * The read noise of devices {@code [from, to)} at {@code timeSeconds} split in its two parts, given
   * their true conductances {@code g[0 .. to − from)} at that time: the white part's variance {@code (white + rel·|G|)²}, µS²,
   * into {@code whiteOut}, and the 1/f part's standard deviation {@code |G|·q_s·√ln(...)}, µS, into
   * {@code oneOverFOut} (see {@link PcmParams#readNoiseSigmaMicroS}).
   */
  public void readNoisePartsMicroS(double timeSeconds, int from, int to, double[] g, double[] whiteOut, double[] oneOverFOut) {
    java.util.Objects.checkFromToIndex(from, to, n);
    final double white = p.readNoiseMicroS();
    final double rel = p.readNoiseRelative();
    final double tv = p.verifyReadDelaySeconds();
    final ProgrammingTimeMemo memo = noiseMemo.at(timeSeconds);
    double lastTp = Double.NaN;
    double f = 0;
    for (int i = from; i < to; i++) {
      double tp = rec[i * STRIDE + T_PROG];
      if (tp != lastTp) {
        int s = ProgrammingTimeMemo.slot(tp);
        if (!memo.holds(s, tp)) memo.put(s, tp, p.readNoiseTimeFactor(Math.max(timeSeconds - tp, tv)));
        f = memo.value(s);
        lastTp = tp;
      }
      int k = i - from;
      double a = Math.abs(g[k]);
      double w = white + rel * a;
      whiteOut[k] = w * w;
      oneOverFOut[k] = a * rec[i * STRIDE + QS] * f;
    }
  }

  /**
   * The read-noise SD of the verify read right after the device's last programming event, µS:
   * {@link PcmParams#readNoiseSigmaMicroS} at G_v, one verify-read delay after t_p.
   */
  public double verifyReadSigmaMicroS(int cell) {
    return p.readNoiseSigmaFromPartsMicroS(rec[cell * STRIDE + G_PROG], rec[cell * STRIDE + QS], verifyTimeFactor);
  }

  /** The conductance at the last verify read, G_v, µS (what the drift law starts from). */
  public double verifiedConductanceMicroSiemens(int cell) {
    return rec[cell * STRIDE + G_PROG];
  }

  /** The drift exponent drawn at the device's last programming event (0 for a stuck device). */
  public double driftExponent(int cell) {
    return rec[cell * STRIDE + NU];
  }

  /**
   * ν for a device just programmed to {@code g}: a truncated Normal, ≥ 0, whose mean and spread are
   * those measured for the conductance the device is expected to have at t_c
   * ({@link PcmParams#expectedConductanceAtReferenceMicroS}), where they were measured.
   */
  private double drawNu(double logRelative) {
    if (!p.drifts()) return 0;
    return nuFor(logRelative, normal.sample());
  }

  /** {@link #drawNu}'s ν at {@code x = ln(G/gSat)} for its standard-normal draw z (truncated here at ±3). */
  private double nuFor(double logRelative, double z) {
    double xc = p.logAtReference(logRelative, driftSpan);
    return nuFrom(p.driftNuMeanAtLog(xc), p.driftNuSpreadAtLog(xc), z);
  }

  /** ν of ν's mean and spread and its standard-normal draw z (truncated here at ±3). */
  private static double nuFrom(double mean, double spread, double z) {
    if (z > 3) z = 3;
    else if (z < -3) z = -3;
    return Math.max(0, mean + spread * z);
  }

  /** ν after a RESET of the device, for its draw z: {@link #nuFor} at gReset_i, from {@link #resetLaws}. */
  private double nuAfterReset(int cell, double z) {
    int l = cell * RESET_LAWS;
    return nuFrom(resetLaws[l + RESET_NU_MEAN], resetLaws[l + RESET_NU_SPREAD], z);
  }

  /** A programming event left the device at {@code g} at time t: drift restarts with a new ν. */
  private void programmed(int cell, double g, double timeSeconds) {
    double x = p.logRelative(g); // one logarithm for ν's statistics and q_s
    newNu(cell, false, x);
    record(cell * STRIDE, g, timeSeconds, p.readNoiseQsAtLog(x));
  }

  /**
   * A programming event's ν: drawn now, and computed now or, within a tuning, when it ends (see
   * tuning); at {@code x = ln(G/gSat)}, or after a RESET from {@link #resetLaws} (x unused).
   */
  private void newNu(int cell, boolean afterReset, double x) {
    if (tuning && deferNuInTuning && p.drifts()) {
      pendingNuX = x;
      pendingNuZ = normal.sample();
      nuPending = true;
      pendingAfterReset = afterReset;
    } else if (afterReset) {
      rec[cell * STRIDE + NU] = p.drifts() ? nuAfterReset(cell, normal.sample()) : 0;
    } else {
      rec[cell * STRIDE + NU] = drawNu(x);
    }
  }

  /** What a programming event writes besides ν: G_v, t_p and q_s at G_v. */
  private void record(int o, double g, double timeSeconds, double qs) {
    rec[o + G_PROG] = g;
    rec[o + T_PROG] = timeSeconds;
    rec[o + QS] = qs;
  }

  /**
   * Set while {@link #tune} runs: its verify reads come at the time of its pulses, before any drift,
   * so no ν of its pulses but the last is ever used; each draws its z (the same stream, in the same
   * order), and only the last ν is computed, when the tuning ends (ν's fixed point took a tenth of a
   * transfer's time).
   */
  private boolean tuning;
  /** False only in the test that compares the deferred ν with ν computed at every pulse. */
  boolean deferNuInTuning = true;
  private boolean nuPending;
  /** Whether the pending ν is a RESET's ({@link #nuAfterReset}); else {@link #nuFor} at {@link #pendingNuX}. */
  private boolean pendingAfterReset;
  private double pendingNuX;
  private double pendingNuZ;

  /** One standard 8-step staircase partial-SET pulse (per-step duration {@link PcmParams#setStepSeconds}). */
  public void applySetPulse(int cell, double timeSeconds) {
    applySetPulse(cell, timeSeconds, fineStepSeconds);
  }

  /**
   * One 8-step staircase partial-SET pulse with per-step duration {@code stepSeconds} (the paper's
   * primitive: longer pulses crystallise more). A stuck device ignores it.
   */
  public void applySetPulse(int cell, double timeSeconds, double stepSeconds) {
    if (!(stepSeconds > 0 && stepSeconds < 1)) throw Check.bad("stepSeconds", stepSeconds, "(0, 1)");
    double g = conductanceMicroSiemens(cell, timeSeconds);
    int o = cell * STRIDE;
    if (rec[o + STUCK] != 0) return;
    double dose = dose(o, stepSeconds, p.setCtoc() != 0 ? normal.sample() : 0);
    g = afterSetPulse(o, g, dose, p.programNoiseMicroS() != 0 ? normal.sample() : 0);
    programmed(cell, g, timeSeconds);
  }

  /** The dose of a staircase SET pulse of {@code stepSeconds} per step on the device at {@code o}, with its set-noise draw z (unused without set noise). */
  private double dose(int o, double stepSeconds, double setNoiseZ) {
    double dose = PcmParams.STAIRCASE_STEPS * stepSeconds * rec[o + INV_TAU_SET];
    if (p.setCtoc() != 0) dose *= Math.max(0, 1 + p.setCtoc() * setNoiseZ);
    return dose;
  }

  /**
   * The conductance a SET pulse of {@code dose} leaves on the device at {@code o} that was at {@code g}, with
   * its programming-noise draw z (unused without programming noise), clipped to [0, gSat_i].
   */
  private double afterSetPulse(int o, double g, double dose, double programNoiseZ) {
    double gr = rec[o + G_RESET];
    double gs = rec[o + G_SAT];
    double dg = -Fdlibm.expm1(-dose) * ((gs - gr) - p.setNonlinearity() * (g - gr));
    g += dg;
    if (p.programNoiseMicroS() != 0) g += p.programNoiseMicroS() * programNoiseZ;
    if (g < 0) g = 0;
    else if (g > gs) g = gs;
    return g;
  }

  /**
   * {@code pulses[k]} standard SET pulses ({@link #applySetPulse(int, double)}) on device
   * {@code cells[k]} at time t, for {@code k < count}, the devices distinct: the same numbers, random
   * draws included, as the calls device after device.
   *
   * <p>Why in passes: a pulse is a chain (the drift's logarithm and exponential, expm1, the new
   * conductance's logarithm, ν's fixed point, q_s's exponential), each step waiting on the last, and
   * one device's chain is too long for the processor to reach the next device's on its own. Each pass
   * below takes one step of every device of the batch, and those steps are independent. The draws
   * come first, in the order the calls take them: nothing else draws from the stream in between. A
   * pulse after the first on a device starts from the conductance the first left (no time has passed,
   * so no drift), and its ν and q_s replace the earlier ones, so only the last are computed.
   *
   * @throws IllegalArgumentException if a {@code pulses[k]} is below 1, or t is before a device's last
   *     programming (then nothing has changed)
   */
  public void applySetPulses(int[] cells, int[] pulses, int count, double t) {
    if (batchG.length < count) growBatch(count);
    final double[] r = rec;
    final double[] g = batchG;
    final double[] x = batchX;
    final int[] live = batchLive;
    // 1: every device's conductance now; the checks, before anything changes.
    int m = 0;
    long draws = 0;
    for (int k = 0; k < count; k++) {
      g[k] = conductanceMicroSiemens(cells[k], t);
      if (pulses[k] < 1) throw Check.bad("pulses", pulses[k], "[1, +inf)");
      if (r[cells[k] * STRIDE + STUCK] == 0) { // a stuck device ignores the pulse and draws nothing
        live[m++] = k;
        draws += pulses[k];
      }
    }
    // 2: the draws of every pulse, in call order: set noise, programming noise, ν's z.
    final boolean ctocOn = p.setCtoc() != 0;
    final boolean noiseOn = p.programNoiseMicroS() != 0;
    final boolean drifts = p.drifts();
    int perPulse = (ctocOn ? 1 : 0) + (noiseOn ? 1 : 0) + (drifts ? 1 : 0);
    if (batchZ.length < draws * perPulse) batchZ = new double[Math.toIntExact(Math.max(draws * perPulse, 2L * batchZ.length))];
    final double[] z = batchZ;
    for (int i = 0, end = (int) (draws * perPulse); i < end; i++) z[i] = normal.sample();
    // 3: the pulses; each device's last z of ν kept in zNu for pass 5.
    final double[] zNu = batchZNu;
    int next = 0;
    for (int j = 0; j < m; j++) {
      int k = live[j];
      int o = cells[k] * STRIDE;
      double gk = g[k];
      double zk = 0;
      for (int q = pulses[k]; q > 0; q--) {
        double dose = dose(o, fineStepSeconds, ctocOn ? z[next++] : 0);
        gk = afterSetPulse(o, gk, dose, noiseOn ? z[next++] : 0);
        if (drifts) zk = z[next++];
      }
      g[k] = gk;
      zNu[j] = zk;
    }
    // 4: one logarithm per device for ν's statistics and q_s.
    for (int j = 0; j < m; j++) x[j] = p.logRelative(g[live[j]]);
    // 5: ν from the statistics at the conductance expected at t_c (drawNu).
    if (drifts) {
      for (int j = 0; j < m; j++) zNu[j] = nuFor(x[j], zNu[j]);
    }
    // 6: the records (programmed).
    for (int j = 0; j < m; j++) {
      int o = cells[live[j]] * STRIDE;
      record(o, g[live[j]], t, p.readNoiseQsAtLog(x[j]));
      r[o + NU] = drifts ? zNu[j] : 0;
    }
  }

  private void growBatch(int count) {
    int size = Math.max(count, 2 * batchG.length);
    batchG = new double[size];
    batchX = new double[size];
    batchZNu = new double[size];
    batchLive = new int[size];
  }

  /** Full RESET to the device's RESET conductance; restarts drift. A stuck device ignores it. */
  public void reset(int cell, double timeSeconds) {
    if (!(timeSeconds - rec[cell * STRIDE + T_PROG] >= 0)) throw timeBefore(cell, timeSeconds);
    int o = cell * STRIDE;
    if (rec[o + STUCK] != 0) return;
    if (!resetLawsFromTable) {
      programmed(cell, rec[o + G_RESET], timeSeconds);
      return;
    }
    // programmed(cell, gReset_i, t), with the laws at gReset_i taken from resetLaws.
    newNu(cell, true, Double.NaN);
    record(o, rec[o + G_RESET], timeSeconds, resetLaws[cell * RESET_LAWS + RESET_QS]);
  }

  /**
   * Closed-loop tuning (program-and-verify) of one device to {@code targetMicroSiemens} at
   * {@code timeSeconds} (pulses and reads are taken to last no time on the drift scale).
   *
   * <p>Algorithm: verify read; while the read is outside {@code target ± tuneTolerance} and fewer
   * than {@code tuneMaxPulses} pulses were spent: if the read is above the window (overshoot —
   * PCM cannot be partially RESET), fire a RESET and restart from the RESET state; if the device
   * is at the RESET level (just RESET, or read within tolerance of the nominal RESET conductance)
   * fire one coarse staircase pulse whose duration is chosen by the nominal duration→conductance
   * curve to reach {@code tuneCoarseFraction·target} (never shorter than the fine pulse);
   * otherwise fire one fine partial-SET pulse; then verify read again. Stop rule: when
   * {@code tuneStallPulses} &gt; 0 and that many pulses have passed since the verify read last moved
   * by more than the tolerance plus three read-noise SDs, the controller gives up on the cell
   * ({@link TuningResult#gaveUp}).
   * The controller sees only noisy reads, so a converged device can sit slightly outside the window
   * in truth.
   *
   * @throws IllegalArgumentException if the target is negative or not finite
   */
  public TuningResult tune(int cell, double targetMicroSiemens, double timeSeconds) {
    if (!(targetMicroSiemens >= 0 && targetMicroSiemens < Double.POSITIVE_INFINITY)) {
      throw Check.bad("targetMicroSiemens", targetMicroSiemens, "[0, +inf), finite");
    }
    tuning = true;
    try {
      return tuneLoop(cell, targetMicroSiemens, timeSeconds);
    } finally {
      tuning = false;
      if (nuPending) {
        rec[cell * STRIDE + NU] = pendingAfterReset ? nuAfterReset(cell, pendingNuZ) : nuFor(pendingNuX, pendingNuZ);
        nuPending = false;
      }
    }
  }

  private TuningResult tuneLoop(int cell, double targetMicroSiemens, double timeSeconds) {
    double tol = p.tuneToleranceMicroS();
    int max = p.tuneMaxPulses();
    int sets = 0;
    int resets = 0;
    int reads = 1;
    double read = readMicroSiemens(cell, timeSeconds);
    boolean atReset = read <= p.gResetMicroS() + tol;
    // Stop rule: give up on a cell whose verify reads have not moved by more than the tolerance (plus three read-noise SDs) over
    // tuneStallPulses consecutive pulses (an unresponsive device); 0 disables it.
    int stall = p.tuneStallPulses();
    double progressRead = read;
    double progressMargin = progressMargin(progressRead);
    int sinceProgress = 0;
    boolean gaveUp = false;
    // Stop inside the window, but not on the low side while one more fine pulse is expected to bring
    // the device closer: SET pulses only approach from below, so stopping at the window's edge would
    // leave every device low by about the tolerance (a systematic weight loss at every transfer).
    while ((Math.abs(read - targetMicroSiemens) > tol || read < targetMicroSiemens - nominalFineIncrementMicroS(read) / 2)
        && sets + resets < max) {
      if (stall > 0 && sinceProgress >= stall) {
        // Within the window but short of the best position: simply done, not given up on.
        gaveUp = Math.abs(read - targetMicroSiemens) > tol;
        break;
      }
      int pulsesBefore = sets + resets;
      if (read > targetMicroSiemens + tol) {
        reset(cell, timeSeconds);
        resets++;
        atReset = true;
        // A target at the RESET level is reached by the RESET itself: verify before any SET.
        if (targetMicroSiemens <= p.gResetMicroS() + tol || sets + resets >= max) {
          read = readMicroSiemens(cell, timeSeconds);
          reads++;
          if (Math.abs(read - progressRead) > progressMargin) {
            progressRead = read;
            progressMargin = progressMargin(read);
            sinceProgress = 0;
          } else sinceProgress += sets + resets - pulsesBefore;
          continue;
        }
      }
      double step = fineStepSeconds;
      if (atReset && p.tuneCoarseFraction() > 0) {
        step = Math.max(fineStepSeconds, p.stepSecondsForConductance(p.tuneCoarseFraction() * targetMicroSiemens));
      }
      applySetPulse(cell, timeSeconds, step);
      sets++;
      atReset = false;
      read = readMicroSiemens(cell, timeSeconds);
      reads++;
      if (Math.abs(read - progressRead) > progressMargin) {
        progressRead = read;
        progressMargin = progressMargin(read);
        sinceProgress = 0;
      } else sinceProgress += sets + resets - pulsesBefore;
    }
    if (sets > 0) applyProgrammingError(cell);
    return new TuningResult(sets, resets, reads, read, Math.abs(read - targetMicroSiemens) <= tol, gaveUp);
  }

  /**
   * How far a verify read must move from the read of the last progress to show progress: the
   * tuning tolerance plus three read-noise SDs at that conductance (assumed: a controller that
   * knows its read noise does not take a noise excursion for a response). Taken once per progress,
   * not per read: it costs a logarithm and an exponential.
   */
  private double progressMargin(double reference) {
    return p.tuneToleranceMicroS() + 3 * p.readNoiseSigmaFromPartsMicroS(reference, p.readNoiseQs(reference), verifyTimeFactor);
  }

  /**
   * The part of the measured program-and-verify spread {@code σ_prog(G)} of Nandakumar et al.
   * (2019, at t_c ≈ 20 s) that neither the tuner's window nor the drift spread between t_d and t_c
   * gives ({@link PcmParams#programErrorAtVerifySigmaMicroS}): added once to the device's state when
   * a tuning that fired SET pulses ends, after its last verify read, so the tuner does not see it.
   * The state is clipped to [0, gSat_i]; t_p and ν stay those of the last pulse.
   */
  private void applyProgrammingError(int cell) {
    if (rec[cell * STRIDE + STUCK] != 0) return;
    double g = rec[cell * STRIDE + G_PROG];
    double sigma = p.programErrorAtVerifySigmaMicroS(g);
    if (sigma == 0) return;
    g += sigma * normal.sample();
    if (g < 0) g = 0;
    else if (g > rec[cell * STRIDE + G_SAT]) g = rec[cell * STRIDE + G_SAT];
    rec[cell * STRIDE + G_PROG] = g;
    rec[cell * STRIDE + QS] = p.readNoiseQs(g);
  }

  /** The nominal device's expected increment from one fine pulse at conductance g, µS (what a tuner can predict). */
  private double nominalFineIncrementMicroS(double g) {
    double gr = p.gResetMicroS();
    return Math.max(0, fineIncrementFraction * ((p.gSatMicroS() - gr) - p.setNonlinearity() * (g - gr)));
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes the array's dynamic state: a header (format tag, count, seed, a fingerprint of the
   * parameters), the cycle-to-cycle stream's state, then {@code G_p} (µS) and {@code t_p} (s) of
   * every device as big-endian doubles, then each device's current ν. Per-device draws are not
   * written: they follow from the seed.
   */
  public void writeState(DataOutput out) throws IOException {
    StateIo.writeHeader(out, STATE_TAG, n, seed, StateIo.fingerprint(p));
    StateIo.writeRng(out, ctoc);
    StateIo.writeDoubles(out, field(G_PROG));
    StateIo.writeDoubles(out, field(T_PROG));
    StateIo.writeDoubles(out, field(NU));
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
      StateIo.readHeader(in, "PcmArray", STATE_TAG, n, seed, StateIo.fingerprint(p));
      byte[] rng = StateIo.readRngState(in, "PcmArray");
      double[] g = new double[n];
      double[] t = new double[n];
      double[] v = new double[n];
      StateIo.readDoubles(in, g);
      StateIo.readDoubles(in, t);
      StateIo.readDoubles(in, v);
      StateIo.restoreRng(ctoc, rng, "PcmArray");
      for (int i = 0; i < n; i++) {
        int o = i * STRIDE;
        rec[o + G_PROG] = g[i];
        rec[o + T_PROG] = t[i];
        rec[o + NU] = v[i];
        rec[o + QS] = p.readNoiseQs(g[i]);
      }
    } catch (EOFException e) {
      EOFException t = new EOFException(String.format(Locale.ROOT,
          "PcmArray state (%d devices, seed %d) is truncated", n, seed));
      t.initCause(e);
      throw t;
    }
  }

  /** One field of every record, in device order (the checkpoint's layout). */
  private double[] field(int offset) {
    double[] a = new double[n];
    for (int i = 0; i < n; i++) a[i] = rec[i * STRIDE + offset];
    return a;
  }

  private IllegalArgumentException timeBefore(int cell, double t) {
    return new DeviceParameterException(String.format(Locale.ROOT,
        "timeSeconds = %s is before cell %d's last programming at %s s (time must not go backwards)",
        Check.fmt(t), cell, Check.fmt(rec[cell * STRIDE + T_PROG])));
  }
}
