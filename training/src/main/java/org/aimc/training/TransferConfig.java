package org.aimc.training;

/**
 * When and how the capacitor part of each weight is moved into its PCM pair (Ambrogio et al. 2018).
 *
 * @param enabled whether transfers happen at all (off: capacitor-only and ideal configurations)
 * @param intervalExamples training examples between transfers; 8,000 for MNIST (paper)
 * @param offsetMicroSiemens PCM targets whose magnitude is below this are not programmed: both PCM
 *     devices are RESET and the capacitor carries the residual; 2 µS (paper: "if the target is
 *     positive but below the offset, both PCM devices are RESET"; we apply it to both signs, since
 *     a PCM pair is symmetric — an interpretation, not a fact from the paper)
 * @param polarityInversion whether the polarity s of each column flips at every transfer (paper)
 * @param carryTuningResidual whether, after closed-loop tuning, each programmed pair is read again and
 *     the capacitor is pulsed to carry {@code W_read − W_now}. <b>Assumed</b>: the paper says "g
 *     carries the residual" for targets below the offset; we extend it to every programmed cell
 *     (one more read and ≈ 9 capacitor pulses per cell per transfer, measured on MNIST). A transfer
 *     then re-draws the weight within the read noise of that second read instead of the tuner's
 *     window (a smaller noise floor, not none), and a pair that cannot reach its target (a stuck
 *     device, a weight beyond F × 20 µS) is made up by the capacitor, within its ±8 µS. Measured
 *     with {@code aimc reproduce mnist}, 3 seeds: 97.79 ± 0.13 % without, 98.11 ± 0.06 % with.
 */
public record TransferConfig(boolean enabled, long intervalExamples, double offsetMicroSiemens, boolean polarityInversion,
    boolean carryTuningResidual) {
  public TransferConfig {
    if (intervalExamples < 1) throw new IllegalArgumentException("intervalExamples = " + intervalExamples + " must be at least 1");
    if (!(offsetMicroSiemens >= 0 && offsetMicroSiemens < 1e3))
      throw new IllegalArgumentException("offsetMicroSiemens = " + offsetMicroSiemens + " is outside [0, 1000) µS");
  }

  /** The paper's schedule: every 8,000 examples, 2 µS offset, polarity inversion; g carries the tuning residual. */
  public static TransferConfig ambrogio2018() {
    return new TransferConfig(true, 8_000, 2.0, true, true);
  }

  /** No transfers. */
  public static TransferConfig none() {
    return new TransferConfig(false, 8_000, 2.0, false, false);
  }

  /** The occasional refresh of a PCM-only pair every {@code intervalExamples}: no offset, no capacitor. */
  public static TransferConfig refresh(long intervalExamples) {
    return new TransferConfig(true, intervalExamples, 0.0, false, false);
  }

  public TransferConfig withPolarityInversion(boolean on) {
    return new TransferConfig(enabled, intervalExamples, offsetMicroSiemens, on, carryTuningResidual);
  }
}
