package org.aimc.devices;

import java.util.Locale;

/**
 * Parameters of a 3T1C capacitor array: the lower-significance, volatile part {@code g} (and the
 * shared reference {@code g_shared}) of an Ambrogio et al. (Nature 558, 2018) synapse. Units:
 * voltage V, conductance µS, time s. Immutable; the canonical constructor validates every field
 * NaN-safely and names the bad one.
 *
 * <p>Model (equations in {@link CapacitorArray}): a PMOS pull-up adds charge, an NMOS pull-down
 * removes it (paper). One pull-up pulse raises {@code V_C} by
 * {@code ΔV_up(V) = chargeStep_i·(1 − chargeNonlinearity·(V − vInit)/(vMax − vInit))}, one
 * pull-down pulse lowers it by {@code ΔV_down(V) = dischargeStep_i·(1 − dischargeNonlinearity·(vInit
 * − V)/(vInit − vMin))}: the step shrinks as the FET approaches its rail and leaves saturation
 * (nonlinearity 1: the step vanishes at the rail). {@code chargeStep_i} and {@code dischargeStep_i}
 * are drawn independently per device (threshold-voltage spread of the two FETs), so each cell's
 * up and down steps differ. {@code V_C} saturates at the supply rails and leaks toward
 * {@code vLeak} with time constant τ_i. The read transistor, at small drain bias, conducts
 * {@code g(V_C) = max(0, K_i·(V_C − Vth_i))} (triode region: linear in the overdrive).
 *
 * @param vInitVolts re-initialisation voltage at transfer, V (paper: 0.5 V)
 * @param vMinVolts lower supply rail, V
 * @param vMaxVolts upper supply rail, V
 * @param vLeakVolts voltage the capacitor leaks toward, V (paper: ≈ 0.8 V)
 * @param leakTimeConstantSeconds leakage time constant τ, s; {@code Infinity} means no leakage
 * @param leakDtod relative device-to-device spread of τ, [0, 0.3]
 * @param chargeStepVolts nominal ΔV of one pull-up pulse at vInit, V
 * @param dischargeStepVolts nominal |ΔV| of one pull-down pulse at vInit, V
 * @param stepDtod relative device-to-device spread of each device's up and (independently) down
 *     step, [0, 0.3]
 * @param stepCtoc relative cycle-to-cycle spread of one pulse's step, [0, 1]
 * @param chargeNonlinearity V_C dependence of the up step, [0, 1] (0: constant step)
 * @param dischargeNonlinearity V_C dependence of the down step, [0, 1] (0: constant step)
 * @param readSlopeMicroSPerVolt read-transistor gain K = dg/dV_C, µS/V
 * @param readGAtInitMicroS nominal g at vInit, µS (sets the nominal Vth = vInit − g/K)
 * @param readSlopeDtod relative device-to-device spread of K, [0, 0.3]
 * @param readThresholdDtodVolts device-to-device standard deviation of the read FET's Vth, V
 *     (truncated at ±3σ)
 * @param readSubthresholdVolts subthreshold conduction of the read FET: with overdrive
 *     {@code x = V_C − Vth} and this width s, {@code g = K·x} for {@code x ≥ s} and
 *     {@code g = K·s·e^{x/s − 1}} below (exponential, one e-fold per s, joined with equal value and
 *     slope at x = s); 0 gives the hard floor {@code g = max(0, K·x)}, V, [0, 0.5]
 */
public record CapacitorParams(
    double vInitVolts,
    double vMinVolts,
    double vMaxVolts,
    double vLeakVolts,
    double leakTimeConstantSeconds,
    double leakDtod,
    double chargeStepVolts,
    double dischargeStepVolts,
    double stepDtod,
    double stepCtoc,
    double chargeNonlinearity,
    double dischargeNonlinearity,
    double readSlopeMicroSPerVolt,
    double readGAtInitMicroS,
    double readSlopeDtod,
    double readThresholdDtodVolts,
    double readSubthresholdVolts) {

  /** Largest allowed relative device-to-device spread: keeps 1 ± 3σ positive. */
  public static final double MAX_DTOD = 0.3;

  public CapacitorParams {
    Check.closed("vInitVolts", vInitVolts, -10, 10);
    Check.closed("vMinVolts", vMinVolts, -10, 10);
    Check.closed("vMaxVolts", vMaxVolts, -10, 10);
    Check.closed("vLeakVolts", vLeakVolts, -10, 10);
    if (leakTimeConstantSeconds != Double.POSITIVE_INFINITY) Check.plausible("leakTimeConstantSeconds", leakTimeConstantSeconds, 1e-6, 1e9, "s (or Infinity: no leakage)");
    Check.closed("leakDtod", leakDtod, 0, MAX_DTOD);
    Check.plausible("chargeStepVolts", chargeStepVolts, 1e-6, 1, "V");
    Check.plausible("dischargeStepVolts", dischargeStepVolts, 1e-6, 1, "V");
    Check.closed("stepDtod", stepDtod, 0, MAX_DTOD);
    Check.closed("stepCtoc", stepCtoc, 0, 1);
    Check.closed("chargeNonlinearity", chargeNonlinearity, 0, 1);
    Check.closed("dischargeNonlinearity", dischargeNonlinearity, 0, 1);
    Check.plausible("readSlopeMicroSPerVolt", readSlopeMicroSPerVolt, 1e-3, 1e4, "µS/V");
    Check.plausible("readGAtInitMicroS", readGAtInitMicroS, 0, 1000, "µS");
    Check.closed("readSlopeDtod", readSlopeDtod, 0, MAX_DTOD);
    Check.closed("readThresholdDtodVolts", readThresholdDtodVolts, 0, 1);
    Check.closed("readSubthresholdVolts", readSubthresholdVolts, 0, 0.5);
    Check.less("vMinVolts", vMinVolts, "vInitVolts", vInitVolts);
    Check.less("vInitVolts", vInitVolts, "vMaxVolts", vMaxVolts);
    if (!(vLeakVolts >= vMinVolts && vLeakVolts <= vMaxVolts)) {
      throw new DeviceParameterException(String.format(Locale.ROOT,
          "vLeakVolts = %s is outside the rails [vMinVolts, vMaxVolts] = [%s, %s]",
          Check.fmt(vLeakVolts), Check.fmt(vMinVolts), Check.fmt(vMaxVolts)));
    }
    // A step of the largest device (1 + 3σ) must be smaller than the half range it moves in, or
    // the soft-bound recurrence would overshoot its fixed point.
    double maxUp = chargeStepVolts * (1 + 3 * stepDtod);
    double maxDown = dischargeStepVolts * (1 + 3 * stepDtod);
    if (!(maxUp < vMaxVolts - vInitVolts)) {
      throw new DeviceParameterException(String.format(Locale.ROOT,
          "chargeStepVolts·(1 + 3·stepDtod) = %s must be below vMaxVolts − vInitVolts = %s",
          Check.fmt(maxUp), Check.fmt(vMaxVolts - vInitVolts)));
    }
    if (!(maxDown < vInitVolts - vMinVolts)) {
      throw new DeviceParameterException(String.format(Locale.ROOT,
          "dischargeStepVolts·(1 + 3·stepDtod) = %s must be below vInitVolts − vMinVolts = %s",
          Check.fmt(maxDown), Check.fmt(vInitVolts - vMinVolts)));
    }
  }

  /** Nominal read-transistor threshold, V: {@code vInit − readGAtInit/K}. */
  public double readThresholdVolts() {
    return vInitVolts - readGAtInitMicroS / readSlopeMicroSPerVolt;
  }

  /** Nominal g(V_C) of a device without spread, µS. */
  public double nominalConductanceMicroS(double volts) {
    return readCurve(readSlopeMicroSPerVolt, volts - readThresholdVolts(), readSubthresholdVolts);
  }

  /**
   * The read FET's g, µS, at overdrive {@code x = V_C − Vth} (V) for gain {@code k} (µS/V) and
   * subthreshold width {@code s} (V): {@code k·x} for {@code x ≥ s}, {@code k·s·e^{x/s − 1}} below;
   * {@code max(0, k·x)} for s = 0.
   */
  public static double readCurve(double k, double x, double s) {
    if (x >= s) return k * x;
    return s > 0 ? k * s * Math.exp(x / s - 1) : 0;
  }

  /** Nominal mean |Δg| per pulse at vInit, µS: K·(chargeStep + dischargeStep)/2. */
  public double nominalStepMicroS() {
    return readSlopeMicroSPerVolt * 0.5 * (chargeStepVolts + dischargeStepVolts);
  }
}
