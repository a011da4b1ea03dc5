package org.aimc.devices;

/**
 * Parameters of a phase-change-memory (PCM) array: the higher-significance, non-volatile part of
 * an Ambrogio et al. (Nature 558, 2018) synapse. Units: conductance µS, time s. Immutable; the
 * canonical constructor validates every field NaN-safely and names the bad one.
 *
 * <p>Model (see {@link PcmArray} for the equations): a device is RESET to {@code gReset}; each
 * 8-step staircase partial-SET pulse of per-step duration τ_step delivers a crystallisation dose
 * {@code d = 8·τ_step / setTimeConstant · (1 + setCtoc·ξ)} and raises the conductance by
 * {@code (1 − e^{−d})·[(gSat − gReset) − setNonlinearity·(G − gReset)]} plus programming noise;
 * with {@code setNonlinearity = 1} the increment shrinks to zero at {@code gSat} (soft
 * saturation), with 0 it is constant (linear). Conductance drifts from the drift onset t_d after the
 * last pulse, {@code G(t) = G_v·((t − t_p)/t_d)^−ν} for {@code t − t_p > t_d} (G_v the conductance
 * the verify read sees), with ν drawn at every programming event from a Normal whose mean and
 * spread depend on the conductance (Nandakumar et al., 2019, as in IBM aihwkit's
 * {@code PCMLikeNoiseModel}). Those statistics and the programming error σ_prog(G) were measured at
 * t_c ≈ 20 s after the last pulse ({@code driftReferenceSeconds}): a completed closed-loop tuning
 * adds, at its last verify read, only the part of σ_prog that the tuner's window and the drift
 * spread between t_d and t_c do not already give ({@link #programErrorAtVerifySigmaMicroS}), so a
 * programmed and drifted population shows σ_prog at t_c. Reads carry 1/f noise that grows with the
 * time since programming (same sources).
 *
 * <p>Suffixes follow aihwkit: {@code Dtod} is a relative device-to-device spread (standard
 * deviation of a Normal factor around 1, truncated at ±3σ, drawn once per device); {@code Ctoc} a
 * relative cycle-to-cycle spread (drawn at every pulse). Sources of each preset's values are given
 * in {@link DevicePreset}.
 *
 * @param gResetMicroS conductance after a full RESET, µS (&gt;= 0)
 * @param gResetDtod relative device-to-device spread of the RESET conductance, [0, 0.3]
 * @param gSatMicroS saturation conductance that partial SET approaches, µS (&gt; gUsefulMax)
 * @param gSatDtod relative device-to-device spread of the saturation conductance, [0, 0.3]
 * @param gUsefulMaxMicroS upper bound of the useful, well-controlled range, µS (paper: 20 µS)
 * @param setTimeConstantSeconds total staircase duration that delivers a dose of 1 (G reaches
 *     63 % of the way from gReset to gSat from RESET), s
 * @param setTimeConstantDtod relative device-to-device spread of setTimeConstant, [0, 0.3]
 * @param setNonlinearity state dependence of the partial-SET increment, [0, 1]: 1 soft-saturating,
 *     0 linear (constant increment, hard bound at gSat)
 * @param setCtoc relative cycle-to-cycle spread of the dose of one pulse, [0, 1]
 * @param programNoiseMicroS additive Gaussian programming noise per SET pulse, µS (&gt;= 0)
 * @param setStepSeconds per-step duration of the standard (fine) staircase SET pulse, s; the pulse
 *     lasts 8× this (paper range 1.7–550 ns per step)
 * @param readNoiseMicroS constant part of the read-noise standard deviation, µS (&gt;= 0)
 * @param readNoiseRelative conductance-proportional part of the read-noise standard deviation:
 *     σ_read(G) = readNoiseMicroS + readNoiseRelative·G + the 1/f part, [0, 1]
 * @param programErrorC0MicroS constant term of the programming error left by closed-loop tuning,
 *     {@code σ_prog(G) = max(0, c0 + c1·(G/gSat) + c2·(G/gSat)²)} µS, drawn once when a tuning
 *     completes, [0, 10] µS
 * @param programErrorC1MicroS linear term of σ_prog in G/gSat, [−10, 10] µS
 * @param programErrorC2MicroS quadratic term of σ_prog in G/gSat, [−10, 10] µS
 * @param readNoiseQsAtGSat 1/f read noise: {@code σ = G·q_s·√ln((Δt + t_r)/(2·t_r))} with
 *     {@code q_s = min(readNoiseQsAtGSat/(G/gSat)^readNoiseQsExponent, readNoiseQsMax)}, Δt the time
 *     since programming, t_r the read duration, [0, 1]
 * @param readNoiseQsExponent exponent of q_s in G/gSat, [0, 5]
 * @param readNoiseQsMax upper clip of q_s, [0, 10]
 * @param readDurationSeconds t_r, the duration of one read (integration time), s, [1e-10, 1e-3]
 * @param driftNuAtGSat mean drift exponent at G = gSat: the mean is
 *     {@code clip(driftNuAtGSat + driftNuLogSlope·ln(G/gSat), driftNuMin, driftNuMax)}, [−1, 1]
 * @param driftNuLogSlope slope of the mean drift exponent in ln(G/gSat), [−1, 1]
 * @param driftNuMin lower clip of the mean drift exponent, [0, 1]
 * @param driftNuMax upper clip of the mean drift exponent, [driftNuMin, 1]
 * @param driftNuSpreadAtGSat standard deviation of ν at G = gSat (absolute): the spread is
 *     {@code clip(driftNuSpreadAtGSat + driftNuSpreadLogSlope·ln(G/gSat), driftNuSpreadMin,
 *     driftNuSpreadMax)}; ν is drawn at every programming event, truncated at ±3σ and at 0, [−1, 1]
 * @param driftNuSpreadLogSlope slope of the spread in ln(G/gSat), [−1, 1]
 * @param driftNuSpreadMin lower clip of the spread, [0, 0.5]
 * @param driftNuSpreadMax upper clip of the spread, [driftNuSpreadMin, 0.5]
 * @param verifyReadDelaySeconds the delay of the verify read after a programming pulse, s: the
 *     earliest time since programming at which any read is taken (floor of the 1/f noise's time
 *     factor); not a drift parameter (was driftVerifyDelaySeconds), [1e-9, 1e-3]
 * @param stuckFraction fraction of devices stuck (never change), [0, 1]
 * @param stuckHighFraction of the stuck devices, the fraction stuck at their saturation
 *     conductance (the rest stuck at RESET), [0, 1]
 * @param tuneToleranceMicroS closed-loop tuning stops when a verify read is within ± this of the
 *     target, µS (&gt; 0)
 * @param tuneMaxPulses iteration cap of closed-loop tuning: SET plus RESET pulses, [1, 100000]
 * @param tuneCoarseFraction after a RESET the tuner fires one longer staircase pulse aimed (by the
 *     nominal duration→conductance curve) at this fraction of the target, then fine pulses;
 *     0 disables the coarse pulse, [0, 1)
 * @param driftOnsetSeconds t_d, the time after the last pulse at which power-law drift begins
 *     (before it G stays at G_v), s, [1e-9, 1e4]
 * @param tuneStallPulses stop rule of closed-loop tuning: the tuner gives up on a cell whose
 *     verify reads have not moved by more than the tolerance plus three read-noise SDs over this many consecutive pulses
 *     (a stuck or unresponsive device), so a column waits only for its slowest responsive cell;
 *     0 disables the rule (the cell runs to {@code tuneMaxPulses}), [0, 100000]
 * @param driftReferenceSeconds t_c, the time after the last pulse at which the programming error
 *     σ_prog and the ν statistics were measured (Nandakumar et al. 2019; aihwkit t0 = 20 s), s,
 *     [1e-9, 1e6]
 */
public record PcmParams(
    double gResetMicroS,
    double gResetDtod,
    double gSatMicroS,
    double gSatDtod,
    double gUsefulMaxMicroS,
    double setTimeConstantSeconds,
    double setTimeConstantDtod,
    double setNonlinearity,
    double setCtoc,
    double programNoiseMicroS,
    double setStepSeconds,
    double readNoiseMicroS,
    double readNoiseRelative,
    double driftNuAtGSat,
    double driftNuLogSlope,
    double driftNuMin,
    double driftNuMax,
    double driftNuSpreadAtGSat,
    double driftNuSpreadLogSlope,
    double driftNuSpreadMin,
    double driftNuSpreadMax,
    double verifyReadDelaySeconds,
    double stuckFraction,
    double stuckHighFraction,
    double tuneToleranceMicroS,
    int tuneMaxPulses,
    double tuneCoarseFraction,
    double programErrorC0MicroS,
    double programErrorC1MicroS,
    double programErrorC2MicroS,
    double readNoiseQsAtGSat,
    double readNoiseQsExponent,
    double readNoiseQsMax,
    double readDurationSeconds,
    double driftOnsetSeconds,
    double driftReferenceSeconds,
    int tuneStallPulses) {

  /** Steps of the staircase SET pulse (paper). */
  public static final int STAIRCASE_STEPS = 8;
  /** Shortest per-step duration of the paper's staircase, s (paper: 1.7 ns, 13.6 ns in total). */
  public static final double MIN_STEP_SECONDS = 1.7e-9;
  /** Longest per-step duration of the paper's staircase, s (paper: 550 ns, 4.4 µs in total). */
  public static final double MAX_STEP_SECONDS = 550e-9;
  /** Largest allowed relative device-to-device spread: keeps 1 ± 3σ positive. */
  public static final double MAX_DTOD = 0.3;

  public PcmParams {
    Check.plausible("gResetMicroS", gResetMicroS, 0, 100, "µS");
    Check.closed("gResetDtod", gResetDtod, 0, MAX_DTOD);
    Check.plausible("gSatMicroS", gSatMicroS, 0.01, 1000, "µS");
    Check.closed("gSatDtod", gSatDtod, 0, MAX_DTOD);
    Check.plausible("gUsefulMaxMicroS", gUsefulMaxMicroS, 0.01, 1000, "µS");
    Check.plausible("setTimeConstantSeconds", setTimeConstantSeconds, 1e-10, 1e-3, "s");
    Check.closed("setTimeConstantDtod", setTimeConstantDtod, 0, MAX_DTOD);
    Check.closed("setNonlinearity", setNonlinearity, 0, 1);
    Check.closed("setCtoc", setCtoc, 0, 1);
    Check.plausible("programNoiseMicroS", programNoiseMicroS, 0, 100, "µS");
    Check.plausible("setStepSeconds", setStepSeconds, 1e-12, 1e-3, "s");
    Check.plausible("readNoiseMicroS", readNoiseMicroS, 0, 100, "µS");
    Check.closed("readNoiseRelative", readNoiseRelative, 0, 1);
    Check.closed("driftNuAtGSat", driftNuAtGSat, -1, 1);
    Check.closed("driftNuLogSlope", driftNuLogSlope, -1, 1);
    Check.closed("driftNuMin", driftNuMin, 0, 1);
    Check.closed("driftNuMax", driftNuMax, driftNuMin, 1);
    Check.closed("driftNuSpreadAtGSat", driftNuSpreadAtGSat, -1, 1);
    Check.closed("driftNuSpreadLogSlope", driftNuSpreadLogSlope, -1, 1);
    Check.closed("driftNuSpreadMin", driftNuSpreadMin, 0, 0.5);
    Check.closed("driftNuSpreadMax", driftNuSpreadMax, driftNuSpreadMin, 0.5);
    Check.plausible("verifyReadDelaySeconds", verifyReadDelaySeconds, 1e-9, 1e-3, "s");
    Check.closed("stuckFraction", stuckFraction, 0, 1);
    Check.closed("stuckHighFraction", stuckHighFraction, 0, 1);
    Check.plausible("tuneToleranceMicroS", tuneToleranceMicroS, 1e-4, 100, "µS");
    Check.intRange("tuneMaxPulses", tuneMaxPulses, 1, 100_000);
    Check.closed("tuneCoarseFraction", tuneCoarseFraction, 0, 0.999);
    Check.plausible("programErrorC0MicroS", programErrorC0MicroS, 0, 10, "µS");
    Check.plausible("programErrorC1MicroS", programErrorC1MicroS, -10, 10, "µS");
    Check.plausible("programErrorC2MicroS", programErrorC2MicroS, -10, 10, "µS");
    Check.closed("readNoiseQsAtGSat", readNoiseQsAtGSat, 0, 1);
    Check.closed("readNoiseQsExponent", readNoiseQsExponent, 0, 5);
    Check.closed("readNoiseQsMax", readNoiseQsMax, 0, 10);
    Check.plausible("readDurationSeconds", readDurationSeconds, 1e-10, 1e-3, "s");
    Check.plausible("driftOnsetSeconds", driftOnsetSeconds, 1e-9, 1e4, "s");
    Check.plausible("driftReferenceSeconds", driftReferenceSeconds, 1e-9, 1e6, "s");
    Check.intRange("tuneStallPulses", tuneStallPulses, 0, 100_000);
    // Relations, after each field is known to be valid.
    Check.less("gResetMicroS", gResetMicroS, "gUsefulMaxMicroS", gUsefulMaxMicroS);
    if (!(gUsefulMaxMicroS <= gSatMicroS)) {
      throw new DeviceParameterException(String.format(java.util.Locale.ROOT,
          "gUsefulMaxMicroS = %s must not exceed gSatMicroS = %s", Check.fmt(gUsefulMaxMicroS), Check.fmt(gSatMicroS)));
    }
    // One fine SET pulse must move a device measurably and must not saturate it (derived: dose per pulse).
    double dose = STAIRCASE_STEPS * setStepSeconds / setTimeConstantSeconds;
    if (!(dose >= 1e-6 && dose <= 10)) {
      throw new DeviceParameterException(String.format(java.util.Locale.ROOT,
          "8·setStepSeconds/setTimeConstantSeconds = %s (the dose of one SET pulse, from setStepSeconds = %s s and setTimeConstantSeconds = %s s)"
              + " is outside the plausible range [1e-6, 10]: the device would never move, or saturate in one pulse",
          Check.fmt(dose), Check.fmt(setStepSeconds), Check.fmt(setTimeConstantSeconds)));
    }
    // The lowest device's saturation (gSat·(1 − 3·gSatDtod)) must stay above the highest RESET level.
    double lowSat = gSatMicroS * (1 - 3 * gSatDtod);
    double highReset = gResetMicroS * (1 + 3 * gResetDtod);
    if (!(lowSat > highReset)) {
      throw new DeviceParameterException(String.format(java.util.Locale.ROOT,
          "gSatMicroS·(1 − 3·gSatDtod) = %s must exceed gResetMicroS·(1 + 3·gResetDtod) = %s",
          Check.fmt(lowSat), Check.fmt(highReset)));
    }
  }

  /** Total duration of a staircase pulse with this per-step duration, s. */
  public static double pulseSeconds(double stepSeconds) {
    return STAIRCASE_STEPS * stepSeconds;
  }

  /**
   * The programming primitive's nominal curve: expected conductance, µS, after one staircase SET
   * pulse of per-step duration {@code stepSeconds} applied to a nominal device in the RESET state
   * (no noise, no drift): {@code gReset + (gSat − gReset)·(1 − e^{−8·τ_step/τ_set})}.
   */
  public double expectedConductanceFromResetMicroS(double stepSeconds) {
    if (!(stepSeconds >= 0)) throw Check.bad("stepSeconds", stepSeconds, "[0, +inf)");
    return gResetMicroS - (gSatMicroS - gResetMicroS) * Math.expm1(-pulseSeconds(stepSeconds) / setTimeConstantSeconds);
  }

  /**
   * Inverse of {@link #expectedConductanceFromResetMicroS}: the per-step duration, s, whose pulse
   * from RESET is expected to reach {@code targetMicroS}, clipped to the paper's 1.7–550 ns.
   */
  public double stepSecondsForConductance(double targetMicroS) {
    if (!(targetMicroS >= 0)) throw Check.bad("targetMicroS", targetMicroS, "[0, +inf)");
    double frac = (targetMicroS - gResetMicroS) / (gSatMicroS - gResetMicroS);
    if (!(frac > 0)) return MIN_STEP_SECONDS;
    if (frac >= 1) return MAX_STEP_SECONDS;
    double step = -setTimeConstantSeconds * Math.log1p(-frac) / STAIRCASE_STEPS;
    return Math.min(MAX_STEP_SECONDS, Math.max(MIN_STEP_SECONDS, step));
  }

  /**
   * Read-noise standard deviation of a device programmed to {@code g} µS and read at that
   * conductance (no drift), {@code sinceProgrammingSeconds} after programming, µS: see
   * {@link #readNoiseSigmaMicroS(double, double, double)}.
   */
  public double readNoiseSigmaMicroS(double g, double sinceProgrammingSeconds) {
    return readNoiseSigmaMicroS(g, g, sinceProgrammingSeconds);
  }

  /**
   * Read-noise standard deviation, µS, of a device now at {@code g} that was programmed to
   * {@code gProgrammed}, {@code sinceProgrammingSeconds} after its last programming: the white part
   * {@code readNoiseMicroS + readNoiseRelative·|G|} plus the 1/f part
   * {@code |G|·q_s(G_prog)·√ln((Δt + t_r)/(2·t_r))} of Nandakumar et al. (2019), with q_s evaluated
   * at the programmed conductance as in aihwkit's {@code PCMLikeNoiseModel}; the 1/f part is 0 for
   * reads within one read duration of programming.
   */
  public double readNoiseSigmaMicroS(double g, double gProgrammed, double sinceProgrammingSeconds) {
    return readNoiseSigmaFromPartsMicroS(g, readNoiseQs(gProgrammed), readNoiseTimeFactor(sinceProgrammingSeconds));
  }

  /**
   * {@link #readNoiseSigmaMicroS(double, double, double)} from its parts, for callers that hold them:
   * q_s and the 1/f time factor.
   */
  public double readNoiseSigmaFromPartsMicroS(double g, double qs, double timeFactor) {
    double a = Math.abs(g);
    return readNoiseMicroS + readNoiseRelative * a + a * qs * timeFactor;
  }

  /** q_s of the 1/f read noise for a device programmed to {@code gProgrammed} µS: {@code min(q_sat/(G/gSat)^e, q_max)}. */
  public double readNoiseQs(double gProgrammed) {
    return readNoiseQsAtLog(logRelative(gProgrammed));
  }

  /** {@link #readNoiseQs} at {@code x = ln(|G|/gSat)} ({@link #logRelative}): {@code min(q_sat·e^{−e·x}, q_max)}. */
  public double readNoiseQsAtLog(double x) {
    if (readNoiseQsAtGSat == 0) return 0;
    if (x == Double.NEGATIVE_INFINITY) return readNoiseQsMax;
    return Math.min(readNoiseQsAtGSat * Math.exp(-readNoiseQsExponent * x), readNoiseQsMax);
  }

  /**
   * {@code x = ln(|g|/gSat)}, −∞ for g = 0: the variable of the conductance-dependent laws (ν's mean
   * and spread, q_s), so that a device's programming event takes one logarithm for all of them.
   */
  public double logRelative(double g) {
    double a = Math.abs(g);
    return a > 0 ? Math.log(a / gSatMicroS) : Double.NEGATIVE_INFINITY;
  }

  /** The 1/f noise's time factor {@code √ln((Δt + t_r)/(2·t_r))}, 0 for Δt ≤ t_r. */
  public double readNoiseTimeFactor(double sinceProgrammingSeconds) {
    double arg = (sinceProgrammingSeconds + readDurationSeconds) / (2 * readDurationSeconds);
    return arg > 1 ? Math.sqrt(Math.log(arg)) : 0;
  }

  /** ln 10⁻³: below 10⁻³·gSat the ν statistics keep their value there. */
  private static final double LOG_NU_FLOOR = Math.log(1e-3);

  /** Mean drift exponent of a device programmed to {@code g} µS: {@code clip(ν_sat + slope·ln(G/gSat), min, max)}. */
  public double driftNuMean(double g) {
    return driftNuMeanAtLog(logRelative(g));
  }

  /** Standard deviation of the drift exponent of a device programmed to {@code g} µS (clipped likewise). */
  public double driftNuSpread(double g) {
    return driftNuSpreadAtLog(logRelative(g));
  }

  /** {@link #driftNuMean} at {@code x = ln(G/gSat)}; below 10⁻³·gSat the law holds its value there. */
  public double driftNuMeanAtLog(double x) {
    double v = driftNuAtGSat + driftNuLogSlope * Math.max(x, LOG_NU_FLOOR);
    return Math.min(driftNuMax, Math.max(driftNuMin, v));
  }

  /** {@link #driftNuSpread} at {@code x = ln(G/gSat)}. */
  public double driftNuSpreadAtLog(double x) {
    double v = driftNuSpreadAtGSat + driftNuSpreadLogSlope * Math.max(x, LOG_NU_FLOOR);
    return Math.min(driftNuSpreadMax, Math.max(driftNuSpreadMin, v));
  }

  /** Whether any device can drift (the largest mean or spread of ν is above 0). */
  public boolean drifts() {
    return driftNuMax > 0 || driftNuSpreadMax > 0;
  }

  /** Standard deviation of the programming error a completed closed-loop tuning leaves at {@code g} µS. */
  public double programErrorSigmaMicroS(double g) {
    double x = Math.abs(g) / gSatMicroS;
    return Math.max(0, programErrorC0MicroS + programErrorC1MicroS * x + programErrorC2MicroS * x * x);
  }

  /**
   * ln(t_c/t_d): the log-time span over which a device's ν acts between the drift onset and the
   * reference time of the measured statistics (0 if the onset is not before t_c).
   */
  public double driftLogSpanToReference() {
    return driftReferenceSeconds > driftOnsetSeconds ? Math.log(driftReferenceSeconds / driftOnsetSeconds) : 0;
  }

  /**
   * Standard deviation, µS, of the verify-time residual that a completed closed-loop tuning is
   * taken to leave inside its window: {@code tuneTolerance/√3} (assumed: uniform over ± the
   * tolerance).
   */
  public double tuneResidualSigmaMicroS() {
    return tuneToleranceMicroS / Math.sqrt(3);
  }

  /**
   * Standard deviation, µS, of the programming error added once at the end of a tuning of a
   * device verified at {@code gVerified} µS, so that the population at t_c shows the measured
   * σ_prog (inferred): σ_prog at the mean conductance at t_c, {@code G_c = G_v·e^{−μ_ν·L}} with
   * {@code L = ln(t_c/t_d)}, referred back to the verify read ({@code ·e^{μ_ν·L}}), less in
   * quadrature the drift spread {@code G_v·σ_ν·L} that the ν draw adds by t_c and the tuner's own
   * residual {@link #tuneResidualSigmaMicroS}; 0 where those two already exceed it (then the
   * population at t_c is wider than measured: {@link #programErrorShortfallMicroS} says by how much).
   */
  public double programErrorAtVerifySigmaMicroS(double gVerified) {
    double v = programErrorVarianceBudget(gVerified);
    return v > 0 ? Math.sqrt(v) : 0;
  }

  /**
   * How far, µS (in quadrature, at the verify read), the tuner's residual and the drift spread to
   * t_c exceed the measured σ_prog for a device verified at {@code gVerified}: 0 when the model can
   * reproduce σ_prog at t_c there.
   */
  public double programErrorShortfallMicroS(double gVerified) {
    double v = programErrorVarianceBudget(gVerified);
    return v < 0 ? Math.sqrt(-v) : 0;
  }

  /**
   * The mean conductance, µS, that a device verified at {@code gVerified} reaches at the reference
   * time t_c: {@code G_c = G_v·e^{−μ_ν(G_c)·ln(t_c/t_d)}} (solved by fixed-point iteration; the
   * map contracts since |dμ_ν/d ln G|·ln(t_c/t_d) &lt; 1 for the presets). The ν statistics of
   * Nandakumar et al. are functions of this conductance (aihwkit evaluates them at the programmed
   * target, which is the conductance at t0).
   */
  public double expectedConductanceAtReferenceMicroS(double gVerified) {
    double a = Math.abs(gVerified);
    double span = driftLogSpanToReference();
    if (span == 0 || !drifts() || a == 0) return a;
    return gSatMicroS * Math.exp(logAtReference(logRelative(a), span));
  }

  /**
   * {@code ln(G_c/gSat)} of {@link #expectedConductanceAtReferenceMicroS} for {@code x = ln(|G_v|/gSat)}
   * and {@code span = }{@link #driftLogSpanToReference}: the same fixed point, {@code x_c = x −
   * μ_ν(x_c)·span}, iterated in log space, where it needs no logarithm or exponential.
   */
  public double logAtReference(double x, double span) {
    if (span == 0 || !drifts()) return x;
    double xc = x;
    for (int k = 0; k < 4; k++) {
      double next = x - driftNuMeanAtLog(xc) * span;
      if (next == xc) break; // a fixed point (μ_ν clipped): the remaining steps would repeat it
      xc = next;
    }
    return xc;
  }

  private double programErrorVarianceBudget(double gv) {
    double a = Math.abs(gv);
    double span = driftLogSpanToReference();
    double xc = logAtReference(logRelative(a), span);
    double gc = span == 0 || !drifts() ? a : gSatMicroS * Math.exp(xc);
    double sNu = drifts() ? driftNuSpreadAtLog(xc) : 0;
    double back = gc > 0 ? a / gc : 1;
    double atRef = programErrorSigmaMicroS(gc) * back;
    double drift = a * sNu * span;
    double tuner = tuneResidualSigmaMicroS();
    return atRef * atRef - drift * drift - tuner * tuner;
  }
}
