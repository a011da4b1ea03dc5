package org.aimc.devices;

/**
 * The update-step models of IBM aihwkit's pulsed devices ({@code src/rpucuda/rpu_*_device.cpp}),
 * rewritten in {@link PulsedDeviceArray}: how one pulse's step Δw depends on the device's present
 * weight w. The equations, one per family, are in {@link PulsedDeviceArray} and docs/DEVICES.md.
 */
public enum StepFamily {
  /** Constant step up to hard bounds (aihwkit {@code ConstantStepDevice}). */
  CONSTANT_STEP,
  /** Step falling linearly with w, slope γ relative to a bound (aihwkit {@code LinearStepDevice}). */
  LINEAR_STEP,
  /** Step falling linearly to 0 at each device's own bound (aihwkit {@code SoftBoundsDevice}). */
  SOFT_BOUNDS,
  /** Step {@code max(0, 1 − A·e^{±γ·z})} with z linear in w (aihwkit {@code ExpStepDevice}). */
  EXP_STEP,
  /** Step a power of the distance to the bound (aihwkit {@code PowStepDevice}). */
  POW_STEP
}
