package org.aimc.devices;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Named device configurations. Each value in a preset is marked with its source: "(paper)" for
 * Ambrogio et al., Nature 558, 60–67 (2018); a named model (NeuroSim 3T1C, IBM aihwkit) where
 * taken from one; "assumed" otherwise, with the reasoning. {@link #sources()} returns the same
 * notes keyed like the JSON ({@code pcm.driftNuMax}).
 */
public enum DevicePreset {
  /** The reference design of Ambrogio et al. 2018, unknown numbers filled from related models. */
  AMBROGIO2018(
      "ambrogio2018",
      "Reference design of Ambrogio et al., Nature 558 (2018): PCM pair + 3T1C cell; unknown values from NeuroSim/aihwkit or assumed (see sources)."),
  /** No noise, no variability; linear, symmetric and without leakage or drift. */
  IDEAL(
      "ideal",
      "No noise, no device-to-device variability, no drift, no leakage, no stuck devices; linear and symmetric steps."),
  /** ambrogio2018 with a strongly asymmetric, more nonlinear and leakier capacitor. */
  CAPACITOR_ASYMMETRIC(
      "capacitor-asymmetric",
      "ambrogio2018 PCM; capacitor with a 30 % weaker pull-down, doubled step spread, stronger V_C dependence and 20x shorter retention (tau = 0.45 ms).");

  private final String id;
  private final String description;

  DevicePreset(String id, String description) {
    this.id = id;
    this.description = description;
  }

  /** The name used on the command line and in configuration files. */
  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public PcmParams pcm() {
    return switch (this) {
      case AMBROGIO2018, CAPACITOR_ASYMMETRIC -> AMBROGIO_PCM;
      case IDEAL -> IDEAL_PCM;
    };
  }

  public CapacitorParams capacitor() {
    return switch (this) {
      case AMBROGIO2018 -> AMBROGIO_CAP;
      case IDEAL -> IDEAL_CAP;
      case CAPACITOR_ASYMMETRIC -> ASYM_CAP;
    };
  }

  /** Both parameter records. */
  public DeviceParams params() {
    return new DeviceParams(pcm(), capacitor());
  }

  /** Source of every value, keyed by dotted path ({@code pcm.driftNuMax}), in declaration order. */
  public Map<String, String> sources() {
    Map<String, String> m = new LinkedHashMap<>();
    switch (this) {
      case AMBROGIO2018 -> {
        m.putAll(AMBROGIO_PCM_SOURCES);
        m.putAll(AMBROGIO_CAP_SOURCES);
      }
      case IDEAL -> {
        for (var k : AMBROGIO_PCM_SOURCES.keySet()) m.put(k, IDEAL_NOTE);
        for (var k : AMBROGIO_CAP_SOURCES.keySet()) m.put(k, IDEAL_NOTE);
        m.put("pcm.gUsefulMaxMicroS", "(paper) useful range < 20 µS");
        m.put("capacitor.vInitVolts", "(paper) re-initialised to 0.5 V");
        m.put("capacitor.vLeakVolts", "(paper) leaks toward 0.8 V (unused: no leakage)");
      }
      case CAPACITOR_ASYMMETRIC -> {
        m.putAll(AMBROGIO_PCM_SOURCES);
        m.putAll(AMBROGIO_CAP_SOURCES);
        m.put("capacitor.dischargeStepVolts", "assumed: 0.7 x the pull-up step (strong systematic asymmetry)");
        m.put("capacitor.stepDtod", "assumed: 2 x ambrogio2018 (0.2)");
        m.put("capacitor.chargeNonlinearity", "assumed: step falls to 40 % at the rail");
        m.put("capacitor.dischargeNonlinearity", "assumed: step falls to 40 % at the rail");
        m.put("capacitor.leakTimeConstantSeconds", "assumed: 20 x shorter retention than ambrogio2018 (9 ms / 20 = 0.45 ms; was 0.75 ms = 15 ms / 20)");
        m.put("capacitor.readThresholdDtodVolts", "assumed: 2 x ambrogio2018 (40 mV)");
      }
    }
    return Collections.unmodifiableMap(m);
  }

  /**
   * The preset with this id (case-insensitive; '_' and '-' are interchangeable).
   *
   * @throws IllegalArgumentException naming the allowed ids
   */
  public static DevicePreset byId(String id) {
    if (id != null) {
      String k = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
      for (DevicePreset p : values()) if (p.id.equals(k)) return p;
    }
    throw new IllegalArgumentException("unknown device preset '" + id + "'; allowed: " + ids());
  }

  /** The allowed ids, comma-separated. */
  public static String ids() {
    return Arrays.stream(values()).map(DevicePreset::id).collect(Collectors.joining(", "));
  }

  // ---------------------------------------------------------------------------------------------
  // ambrogio2018

  private static final PcmParams AMBROGIO_PCM =
      new PcmParams(
          0.1, // gResetMicroS: assumed
          0.2, // gResetDtod: assumed
          25.0, // gSatMicroS: aihwkit PCMLikeNoiseModel g_max
          0.1, // gSatDtod: assumed
          20.0, // gUsefulMaxMicroS: (paper)
          1.47e-6, // setTimeConstantSeconds: assumed, 8 x 550 ns reaches 95 %
          0.2, // setTimeConstantDtod: assumed
          1.0, // setNonlinearity: assumed, soft saturation
          0.3, // setCtoc: assumed, as aihwkit pulsed presets
          0.1, // programNoiseMicroS: assumed
          3.7e-9, // setStepSeconds: assumed, within the paper's 1.7-550 ns
          0.0, // readNoiseMicroS: none besides the measured 1/f noise
          0.0, // readNoiseRelative: none besides the measured 1/f noise
          0.0244, // driftNuAtGSat: Nandakumar 2019 / aihwkit PCMLikeNoiseModel
          -0.0155, // driftNuLogSlope: idem
          0.049, // driftNuMin: idem
          0.1, // driftNuMax: idem
          -0.0059, // driftNuSpreadAtGSat: idem
          -0.0125, // driftNuSpreadLogSlope: idem
          0.008, // driftNuSpreadMin: idem
          0.045, // driftNuSpreadMax: idem
          1e-6, // verifyReadDelaySeconds: assumed
          0.005, // stuckFraction: assumed
          0.5, // stuckHighFraction: assumed
          0.5, // tuneToleranceMicroS: assumed
          100, // tuneMaxPulses: assumed
          0.7, // tuneCoarseFraction: assumed
          0.263, // programErrorC0MicroS: Nandakumar 2019 / aihwkit PCMLikeNoiseModel
          1.965, // programErrorC1MicroS: idem
          -1.173, // programErrorC2MicroS: idem
          0.0088, // readNoiseQsAtGSat: idem
          0.65, // readNoiseQsExponent: idem
          0.2, // readNoiseQsMax: idem
          250e-9, // readDurationSeconds: aihwkit PCMLikeNoiseModel t_read
          0.02, // driftOnsetSeconds: inferred (consistency of σ_prog and σ_ν at t_c)
          20.0, // driftReferenceSeconds: aihwkit PCMLikeNoiseModel t0 (Nandakumar 2019)
          20); // tuneStallPulses: assumed

  private static final Map<String, String> AMBROGIO_PCM_SOURCES = ordered(
      "pcm.gResetMicroS", "assumed: RESET well below the paper's 2 µS offset",
      "pcm.gResetDtod", "assumed",
      "pcm.gSatMicroS", "aihwkit PCMLikeNoiseModel g_max = 25 µS; above the paper's 20 µS control limit",
      "pcm.gSatDtod", "assumed",
      "pcm.gUsefulMaxMicroS", "(paper) good control below 20 µS, poor above",
      "pcm.setTimeConstantSeconds", "assumed: the paper's longest staircase (8 x 550 ns = 4.4 µs) reaches 95 % of saturation (4.4 µs / 3)",
      "pcm.setTimeConstantDtod", "assumed",
      "pcm.setNonlinearity", "assumed: increments shrink to 0 at gSat (paper: state-dependent increments, poor control above 20 µS)",
      "pcm.setCtoc", "assumed: 0.3, as aihwkit's pulsed-device presets (dw_min_std)",
      "pcm.programNoiseMicroS", "assumed",
      "pcm.setStepSeconds", "assumed: within the paper's 1.7-550 ns per step; first increment from RESET ≈ 2 % of the range (≈ 0.5 µS ≈ the tuning tolerance)",
      "pcm.readNoiseMicroS", "0: no white read noise beyond the measured 1/f noise (readNoiseQs*); was 0.1 µS assumed",
      "pcm.readNoiseRelative", "0: as readNoiseMicroS; was 0.01 assumed",
      "pcm.driftNuAtGSat", "Nandakumar et al. 2019 (as in aihwkit PCMLikeNoiseModel, g_max = 25 µS = gSat): mean ν = clip(−0.0155·ln(G/25) + 0.0244, 0.049, 0.1)",
      "pcm.driftNuLogSlope", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: −0.0155",
      "pcm.driftNuMin", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 0.049",
      "pcm.driftNuMax", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 0.1",
      "pcm.driftNuSpreadAtGSat", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: spread of ν = clip(−0.0125·ln(G/25) − 0.0059, 0.008, 0.045), drawn at every programming event",
      "pcm.driftNuSpreadLogSlope", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: −0.0125",
      "pcm.driftNuSpreadMin", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 0.008",
      "pcm.driftNuSpreadMax", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 0.045",
      "pcm.verifyReadDelaySeconds", "assumed: the verify read follows the pulse within ≈ 1 µs; only the floor of the 1/f read noise's time since programming (was driftVerifyDelaySeconds, which also started drift). The ambrogio2018 technology table prices a verify read at 100 ns; with t_r = 250 ns the 1/f factor √ln((Δt + t_r)/(2 t_r)) is 0 below Δt = 250 ns, so 1 µs keeps a verify read as noisy as before",
      "pcm.stuckFraction", "assumed",
      "pcm.stuckHighFraction", "assumed",
      "pcm.tuneToleranceMicroS", "assumed (paper: closed-loop tuning, tolerance not given)",
      "pcm.tuneMaxPulses", "assumed",
      "pcm.tuneCoarseFraction", "assumed: first pulse after RESET aims at 70 % of the target",
      "pcm.programErrorC0MicroS", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: σ_prog = 0.263 + 1.965·(G/25) − 1.173·(G/25)² µS after program-and-verify (≈ 0.34-1.0 µS over 1-19 µS)",
      "pcm.programErrorC1MicroS", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 1.965 µS",
      "pcm.programErrorC2MicroS", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: −1.173 µS",
      "pcm.readNoiseQsAtGSat", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 1/f read noise σ = G·q_s·√ln((t + t_r)/(2 t_r)), q_s = 0.0088/(G/25)^0.65",
      "pcm.readNoiseQsExponent", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel: 0.65",
      "pcm.readNoiseQsMax", "aihwkit PCMLikeNoiseModel: q_s clipped at 0.2",
      "pcm.readDurationSeconds", "aihwkit PCMLikeNoiseModel: t_read = 250 ns",
      "pcm.driftOnsetSeconds", "inferred: 20 ms, the earliest onset (16.5 ms, rounded up) at which the measured statistics are consistent: a device verified at G_v and drifted from t_d with Nandakumar's ν spread (at its conductance at t_c) reaches t_c = 20 s with a spread G_v·σ_ν·ln(t_c/t_d) that, with the tuner's window (±0.5 µS, σ = tol/√3, assumed), must not exceed the measured σ_prog at t_c (referred back to G_v) anywhere in 0.5-20 µS of G_v (binding near 3.2 µS; rule: PcmParams.programErrorShortfallMicroS = 0). An earlier onset makes the population at t_c wider than measured (1 µs: 1.9-2.3x, the old model). Literature: Le Gallo et al. (IRPS 2016) validated the log-time law over ten decades; Kersting et al. (Adv. Funct. Mater. 2021) measured an onset of relaxation, below which the law does not hold (its value was not read here). An onset of µs with the 20-s ν spread is not consistent with σ_prog: ablation row 'drift onset 1 µs'",
      "pcm.tuneStallPulses", "assumed: 20 pulses without a verify read moving by more than the tolerance (0.5 µS) plus 3 read-noise SDs (≤ 0.65 µS at 25 µS): a responsive device moves ≈ 2 µS in 20 fine pulses even at 20 µS (≈ 0.1 µS per pulse there; ≈ 0.5 µS from RESET), while a stuck one does not move; program-and-verify controllers stop pulsing a cell that does not respond (value not sourced). Was effectively tuneMaxPulses (100): every stuck device ran to the cap",
      "pcm.driftReferenceSeconds", "Nandakumar et al. 2019 / aihwkit PCMLikeNoiseModel t0 = 20 s: the time after programming at which σ_prog and the ν statistics were measured");

  private static final CapacitorParams AMBROGIO_CAP =
      new CapacitorParams(
          0.5, // vInitVolts: (paper)
          0.0, // vMinVolts: assumed, ground rail
          1.0, // vMaxVolts: NeuroSim 3T1C 1 V supply
          0.8, // vLeakVolts: (paper)
          0.009, // leakTimeConstantSeconds: assumed (rule: a third of the distance to 0.8 V per transfer cycle)
          0.3, // leakDtod: aihwkit capacitor lifetime_dtod
          0.005, // chargeStepVolts: assumed
          0.005, // dischargeStepVolts: assumed
          0.1, // stepDtod: aihwkit capacitor dw_min_dtod
          0.3, // stepCtoc: aihwkit capacitor dw_min_std
          0.05, // chargeNonlinearity: paper "near-linear"; aihwkit capacitor ≈ 5 %
          0.05, // dischargeNonlinearity: as chargeNonlinearity
          16.0, // readSlopeMicroSPerVolt: NeuroSim g 4-20 µS over 1 V
          4.0, // readGAtInitMicroS: assumed, paper: "relatively small" at 0.5 V
          0.05, // readSlopeDtod: assumed
          0.02, // readThresholdDtodVolts: assumed
          0.039); // readSubthresholdVolts: inferred, n·kT/q

  private static final Map<String, String> AMBROGIO_CAP_SOURCES = ordered(
      "capacitor.vInitVolts", "(paper) re-initialised to V_C = 0.5 V at every transfer",
      "capacitor.vMinVolts", "assumed: ground rail",
      "capacitor.vMaxVolts", "NeuroSim 3T1C: 1 V supply",
      "capacitor.vLeakVolts", "(paper) leaks toward ≈ 0.8 V, raising g",
      "capacitor.leakTimeConstantSeconds", "assumed: 9 ms, so that V_C loses about a third of its distance to 0.8 V over one transfer cycle (τ = T/ln 1.5), the time a capacitor holds its charge between two transfers of its column: 8,000 examples (0.83 ms) and one transfer (2.75 ms: layers programmed in parallel, the tuner giving up on unresponsive devices after pcm.tuneStallPulses) on the chip clock of the ambrogio2018 technology table, 3.58 ms for 784-250-125-10 (aimc train mnist --config ambrogio2018 --epochs 1 --seed 1: secondsPerTransfer 2.75e-3); τ = 3.58/0.405 = 8.8 ms. Was 15 ms on the old cycle of 6.2 ms (layers programmed one after another, every stuck device run to the 100-pulse cap), earlier 20 ms (1 µs per example, 100 µs per column), first 1 s (≈ aihwkit's lifetime of 1e6 updates, inert). The paper implies substantial decay within an interval but gives no value. Accuracy against τ: README, aimc sweep --vary analog.tile.devices.capacitor.leakTimeConstantSeconds",
      "capacitor.leakDtod", "aihwkit capacitor lifetime_dtod = 0.3",
      "capacitor.chargeStepVolts", "assumed: 5 mV ⇒ ≈ 100 pulses per half range, so the paper's typical ±100 net pulses per 16,000 images fit (NeuroSim's 100 fF / 6.67 µA / 500 ps gives 33 mV; aihwkit's capacitor ≈ 200 steps per half range)",
      "capacitor.dischargeStepVolts", "assumed: symmetric on average (the paper's asymmetry is per device)",
      "capacitor.stepDtod", "aihwkit capacitor dw_min_dtod = 0.1 (stands for the FETs' threshold spread; up/down asymmetry spread ≈ 0.1/√2 ≈ 0.07, cf. aihwkit up_down_dtod 0.06)",
      "capacitor.stepCtoc", "aihwkit capacitor dw_min_std = 0.3",
      "capacitor.chargeNonlinearity", "assumed: step 5 % smaller at the rail (paper: \"near-linear updates of volatile capacitors\", the step depends on V_C; aihwkit capacitor ≈ 5 %). Was 0.2 (NeuroSim ±0.2): under the many ± pulses of dense inputs that pulls V_C back toward 0.5 V, a decay of the accumulated update (MNIST-backrand 20 epochs seed 1: 71.7 % at 0.2, 74.0 % at 0.05; MNIST 98.05 / 98.09 %)",
      "capacitor.dischargeNonlinearity", "assumed: as chargeNonlinearity",
      "capacitor.readSlopeMicroSPerVolt", "NeuroSim 3T1C: g 4-20 µS over the 1 V swing ⇒ 16 µS/V",
      "capacitor.readGAtInitMicroS", "assumed: 4 µS. The paper: g is \"relatively small\" at V_C = 0.5 V and has room mainly upward as V_C decays toward 0.8 V (which is why the 2 µS offset exists). With 16 µS/V the read FET's threshold is 0.25 V: g has 4 µS of room down (floor 0) and 8 µS up (12 µS at the 1 V rail). Was 12 µS (NeuroSim midpoint, symmetric ±8 µS). The transfer lowers each PCM target by s·2 µS (training config, paper); that the offset's sign follows the polarity s is our inference",
      "capacitor.readSlopeDtod", "assumed (paper: read-transistor spread by SPICE Monte Carlo, value not given)",
      "capacitor.readThresholdDtodVolts", "assumed (paper: threshold spread by SPICE Monte Carlo, value not given)",
      "capacitor.readSubthresholdVolts", "inferred: 39 mV = n·kT/q with n = 1.5 (assumed; a subthreshold swing of ≈ 90 mV/decade) at 300 K. The paper gives no threshold for g(V_C) (only that g is \"relatively small\" at 0.5 V), and the threshold 0.25 V is itself assumed (readGAtInitMicroS, readSlopeMicroSPerVolt); NeuroSim's 3T1C gives g = 4-20 µS over the whole 0-1 V swing, i.e. no dead zone. So g has no dead zone: below Vth + s the read FET conducts exponentially (one e-fold per 39 mV), joined to K·(V_C − Vth) with equal value and slope. Was a hard floor g = max(0, K·(V_C − Vth)) (0 below 0.25 V, a dead zone where V_C moved while g stayed 0); 0 restores it");

  // ---------------------------------------------------------------------------------------------
  // ideal

  private static final String IDEAL_NOTE = "ideal: no noise, no variability, linear and symmetric";

  private static final PcmParams IDEAL_PCM =
      new PcmParams(0.0, 0, 25.0, 0, 20.0, 1.47e-6, 0, 0.0, 0, 0, 3.7e-9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1e-6, 0, 0, 0.5, 100, 0.7,
          0, 0, 0, 0, 0, 0, 250e-9, 0.02, 20.0, 20);

  private static final CapacitorParams IDEAL_CAP =
      new CapacitorParams(0.5, 0.0, 1.0, 0.8, Double.POSITIVE_INFINITY, 0, 0.005, 0.005, 0, 0, 0, 0, 16.0, 12.0, 0, 0, 0);

  // ---------------------------------------------------------------------------------------------
  // capacitor-asymmetric

  private static final CapacitorParams ASYM_CAP =
      new CapacitorParams(0.5, 0.0, 1.0, 0.8, 0.00045, 0.3, 0.005, 0.0035, 0.2, 0.3, 0.6, 0.6, 16.0, 4.0, 0.05, 0.04, 0.039);

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
    return Collections.unmodifiableMap(m);
  }
}
