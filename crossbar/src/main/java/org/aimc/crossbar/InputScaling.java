package org.aimc.crossbar;

/** How an input vector is scaled onto the DAC's full scale before an analog MVM. */
public enum InputScaling {
  /**
   * A fixed range: inputs are divided by {@link PeripheryConfig#inputRange()} and clipped to ±1 full
   * scale. Inputs beyond the range saturate the DAC (counted as {@link Event#DAC_CLIPPED}).
   */
  FIXED,
  /**
   * Per-vector scaling (aihwkit's "noise management" {@code ABS_MAX}): inputs are divided by their
   * largest magnitude, so the DAC's full scale is always used, and the digitised outputs are
   * multiplied back. Needed for the backward pass, whose errors are orders of magnitude smaller
   * than the forward activations.
   */
  MAX_ABS
}
