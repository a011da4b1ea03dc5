package org.aimc.devices;

import java.util.Locale;

/**
 * Parameters of one of IBM aihwkit's pulsed device families ({@link StepFamily}), named and
 * meant as in aihwkit's {@code PulsedDevice} and its subclasses
 * ({@code src/aihwkit/simulator/configs/devices.py}), plus what a device needs to sit in a role of
 * the hybrid cell: its conductance per weight unit and how it is programmed. Weights {@code w}
 * are in aihwkit's dimensionless weight units; {@code microSiemensPerUnit} turns them into µS.
 * Suffixes as aihwkit's: {@code Dtod} device to device (drawn once per device), {@code Ctoc} cycle
 * to cycle (aihwkit's {@code _std}, drawn per pulse). Equations in {@link PulsedDeviceArray}.
 * Immutable; the canonical constructor validates every field NaN-safely and names the bad one.
 * Fields a family does not use are validated but ignored (e.g. the γ of a constant-step device).
 *
 * @param family the step model
 * @param dwMin mean step of one pulse at w = 0, weight units (aihwkit {@code dw_min})
 * @param dwMinDtod relative device-to-device spread of the step (aihwkit {@code dw_min_dtod}), [0, 2]
 * @param dwMinCtoc relative cycle-to-cycle spread of one pulse's step (aihwkit {@code dw_min_std}), [0, 10]
 * @param upDown systematic up/down difference in units of dwMin (aihwkit {@code up_down}): &gt; 0 makes the
 *     down step {@code (1 − upDown)·dwMin}, &lt; 0 the up step {@code (1 + upDown)·dwMin} (as aihwkit's code), (−1, 1)
 * @param upDownDtod device-to-device spread of the up/down difference, units of dwMin (aihwkit {@code up_down_dtod}), [0, 1]
 * @param wMax mean upper bound, weight units (aihwkit {@code w_max}), ≥ 0
 * @param wMaxDtod relative device-to-device spread of the upper bound (aihwkit {@code w_max_dtod}), [0, 1]
 * @param wMin mean lower bound, weight units (aihwkit {@code w_min}), ≤ 0
 * @param wMinDtod relative device-to-device spread of the lower bound (aihwkit {@code w_min_dtod}), [0, 1]
 * @param gammaUp LINEAR_STEP: relative decrease of the up step at the bound (aihwkit {@code gamma_up}), [0, 10]
 * @param gammaDown LINEAR_STEP: the same for the down step (aihwkit {@code gamma_down}), [0, 10]
 * @param gammaUpDtod LINEAR_STEP: device-to-device spread of gammaUp, absolute (aihwkit {@code gamma_up_dtod}), [0, 10]
 * @param gammaDownDtod LINEAR_STEP: the same for gammaDown (aihwkit {@code gamma_down_dtod}), [0, 10]
 * @param multiplicativeNoise LINEAR_STEP and SOFT_BOUNDS: whether the cycle-to-cycle noise scales the
 *     whole state-dependent step (true) or only its constant part (aihwkit {@code mult_noise})
 * @param meanBoundReference LINEAR_STEP: whether γ refers to the mean bounds wMax/wMin (true) or each
 *     device's own (aihwkit {@code mean_bound_reference}); SOFT_BOUNDS always uses the device's own
 * @param expA EXP_STEP: slope a of {@code z = 2a·w/(b_max − b_min) + b} (aihwkit {@code a})
 * @param expB EXP_STEP: offset b of z (aihwkit {@code b})
 * @param expAUp EXP_STEP: factor A of the up step (aihwkit {@code A_up})
 * @param expADown EXP_STEP: factor A of the down step (aihwkit {@code A_down})
 * @param expGammaUp EXP_STEP: exponent γ of the up step (aihwkit {@code gamma_up}), [0, 100]
 * @param expGammaDown EXP_STEP: exponent γ of the down step (aihwkit {@code gamma_down}), [0, 100]
 * @param dwMinCtocAdd EXP_STEP: additive part of the cycle-to-cycle noise, weight units (aihwkit
 *     {@code dw_min_std_add}); with dwMinCtocSlope &gt; 0 or this &gt; 0 the noise is
 *     {@code dwMinCtoc·(|Δw| + add + slope·|w|)·ξ}, added (aihwkit's "complex noise"), [0, 10]
 * @param dwMinCtocSlope EXP_STEP: part of that noise proportional to |w| (aihwkit {@code dw_min_std_slope}), [0, 10]
 * @param powGamma POW_STEP: exponent of the distance to the bound (aihwkit {@code pow_gamma}), (0, 10]
 * @param powGammaDtod POW_STEP: relative device-to-device spread of the exponent (aihwkit {@code pow_gamma_dtod}), [0, 1]
 * @param powUpDown POW_STEP: up/down difference of the exponent, relative (aihwkit {@code pow_up_down}), (−1, 1)
 * @param powUpDownDtod POW_STEP: its device-to-device spread (aihwkit {@code pow_up_down_dtod}), [0, 1]
 * @param writeNoise write noise in units of dwMin (aihwkit {@code write_noise_std}): the update acts
 *     on a hidden weight, reads see it plus {@code writeNoise·dwMin·ξ}, redrawn whenever the device
 *     is pulsed or reset, [0, 1000]
 * @param reset mean weight a reset drives the device to, weight units (aihwkit {@code reset}), in [wMin, wMax]
 * @param resetDtod device-to-device spread of the reset point, absolute (aihwkit {@code reset_dtod}), [0, 1]
 * @param resetCtoc spread of each reset, absolute (aihwkit {@code reset_std}), [0, 1]
 * @param leakTimeConstantSeconds decay of w toward the reset point, s; {@code Infinity}: none (aihwkit's
 *     {@code lifetime} counts mini-batches; here it is physical time)
 * @param leakDtod relative device-to-device spread of the decay time, [0, 0.3]
 * @param microSiemensPerUnit conductance of one weight unit, µS: the device's conductance is affine in
 *     w, so a difference of two devices is {@code microSiemensPerUnit·(w₁ − w₂)}
 * @param closedLoopTuning in the slow role: program-and-verify (true) or open-loop pulses from the
 *     lower bound (false)
 * @param tuneToleranceMicroS program-and-verify stops within this distance of the target, µS
 * @param tuneMaxPulses program-and-verify gives up after this many pulses, [1, 100000]
 * @param tuneStallPulses program-and-verify also gives up on a device pulsed this many times one way
 *     without its reads crossing the target or coming closer to it by more than the tolerance (a
 *     target beyond the device's own bound), [1, 100000]
 */
public record PulsedDeviceParams(
    StepFamily family,
    double dwMin,
    double dwMinDtod,
    double dwMinCtoc,
    double upDown,
    double upDownDtod,
    double wMax,
    double wMaxDtod,
    double wMin,
    double wMinDtod,
    double gammaUp,
    double gammaDown,
    double gammaUpDtod,
    double gammaDownDtod,
    boolean multiplicativeNoise,
    boolean meanBoundReference,
    double expA,
    double expB,
    double expAUp,
    double expADown,
    double expGammaUp,
    double expGammaDown,
    double dwMinCtocAdd,
    double dwMinCtocSlope,
    double powGamma,
    double powGammaDtod,
    double powUpDown,
    double powUpDownDtod,
    double writeNoise,
    double reset,
    double resetDtod,
    double resetCtoc,
    double leakTimeConstantSeconds,
    double leakDtod,
    double microSiemensPerUnit,
    boolean closedLoopTuning,
    double tuneToleranceMicroS,
    int tuneMaxPulses,
    int tuneStallPulses) {

  public PulsedDeviceParams {
    if (family == null) throw new DeviceParameterException("family is null; allowed: CONSTANT_STEP, LINEAR_STEP, SOFT_BOUNDS, EXP_STEP, POW_STEP");
    Check.closed("dwMin", dwMin, 1e-7, 1);
    Check.closed("dwMinDtod", dwMinDtod, 0, 2);
    Check.closed("dwMinCtoc", dwMinCtoc, 0, 10);
    if (!(upDown > -1 && upDown < 1)) throw Check.bad("upDown", upDown, "(-1, 1)");
    Check.closed("upDownDtod", upDownDtod, 0, 1);
    Check.closed("wMax", wMax, 0, 100);
    Check.closed("wMaxDtod", wMaxDtod, 0, 1);
    Check.closed("wMin", wMin, -100, 0);
    Check.closed("wMinDtod", wMinDtod, 0, 1);
    Check.less("wMin", wMin, "wMax", wMax);
    Check.closed("gammaUp", gammaUp, 0, 10);
    Check.closed("gammaDown", gammaDown, 0, 10);
    Check.closed("gammaUpDtod", gammaUpDtod, 0, 10);
    Check.closed("gammaDownDtod", gammaDownDtod, 0, 10);
    Check.closed("expA", expA, -100, 100);
    Check.closed("expB", expB, -100, 100);
    Check.closed("expAUp", expAUp, -1000, 1000);
    Check.closed("expADown", expADown, -1000, 1000);
    Check.closed("expGammaUp", expGammaUp, 0, 100);
    Check.closed("expGammaDown", expGammaDown, 0, 100);
    Check.closed("dwMinCtocAdd", dwMinCtocAdd, 0, 10);
    Check.closed("dwMinCtocSlope", dwMinCtocSlope, 0, 10);
    if (!(powGamma > 0 && powGamma <= 10)) throw Check.bad("powGamma", powGamma, "(0, 10]");
    Check.closed("powGammaDtod", powGammaDtod, 0, 1);
    if (!(powUpDown > -1 && powUpDown < 1)) throw Check.bad("powUpDown", powUpDown, "(-1, 1)");
    Check.closed("powUpDownDtod", powUpDownDtod, 0, 1);
    Check.closed("writeNoise", writeNoise, 0, 1000);
    Check.closed("resetDtod", resetDtod, 0, 1);
    Check.closed("resetCtoc", resetCtoc, 0, 1);
    if (!(reset >= wMin && reset <= wMax)) {
      throw new DeviceParameterException(String.format(Locale.ROOT, "reset = %s is outside the bounds [wMin, wMax] = [%s, %s]",
          Check.fmt(reset), Check.fmt(wMin), Check.fmt(wMax)));
    }
    if (leakTimeConstantSeconds != Double.POSITIVE_INFINITY) Check.plausible("leakTimeConstantSeconds", leakTimeConstantSeconds, 1e-6, 1e9, "s (or Infinity: no leakage)");
    Check.closed("leakDtod", leakDtod, 0, 0.3);
    Check.plausible("microSiemensPerUnit", microSiemensPerUnit, 1e-3, 1e3, "µS");
    if (!(tuneToleranceMicroS > 0)) throw Check.bad("tuneToleranceMicroS", tuneToleranceMicroS, "(0, 100] µS");
    Check.plausible("tuneToleranceMicroS", tuneToleranceMicroS, 1e-6, 100, "µS");
    Check.intRange("tuneMaxPulses", tuneMaxPulses, 1, 100_000);
    Check.intRange("tuneStallPulses", tuneStallPulses, 1, 100_000);
  }

  /** The mean up step {@code (1 + min(0, upDown))·dwMin} of a device at w = 0 (weight units). */
  public double meanUpStep() {
    return (1 + Math.min(0, upDown)) * dwMin;
  }

  /** The mean down step {@code (1 − max(0, upDown))·dwMin} of a device at w = 0 (weight units). */
  public double meanDownStep() {
    return (1 - Math.max(0, upDown)) * dwMin;
  }

  /** The nominal step of one pulse, µS: {@code microSiemensPerUnit·dwMin}. */
  public double nominalStepMicroS() {
    return microSiemensPerUnit * dwMin;
  }

  /**
   * The noise-free step of one pulse of a nominal device (no device-to-device spread) at weight w,
   * weight units: positive up, the size of the fall for down ({@code up = false}). What
   * {@code aimc device characterize} draws beside the measured steps.
   */
  public double nominalStep(double w, boolean up) {
    double s = up ? meanUpStep() : meanDownStep();
    if (w > wMax || w < wMin) return 0;
    return switch (family) {
      case CONSTANT_STEP -> s;
      case LINEAR_STEP -> s * (1 - (up ? ratio(gammaUp * w, wMax) : ratio(gammaDown * w, wMin)));
      case SOFT_BOUNDS -> s * (1 - (up ? ratio(w, wMax) : ratio(w, wMin)));
      case EXP_STEP -> {
        double z = 2 * w / (wMax - wMin) * expA + expB;
        double y = up ? 1 - expAUp * Math.exp(expGammaUp * z) : 1 - expADown * Math.exp(-expGammaDown * z);
        yield Math.max(0, y) * s;
      }
      case POW_STEP -> {
        double range = wMax - wMin;
        double gUp = (1 + Math.min(0, powUpDown)) * powGamma;
        double gDown = (1 - Math.max(0, powUpDown)) * powGamma;
        yield up ? s * Math.pow((wMax - w) / range, gUp) : s * Math.pow((w - wMin) / range, gDown);
      }
    };
  }

  /** {@code a/b}, 0 for a bound at 0 (aihwkit: no slope toward a bound at 0). */
  private static double ratio(double a, double b) {
    return b == 0 ? 0 : a / b;
  }
}
