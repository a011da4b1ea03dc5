package org.aimc.training;

/**
 * When and how the capacitor part of each weight is moved into its PCM pair (Ambrogio et al. 2018).
 *
 * @param enabled whether transfers happen at all (off: capacitor-only and ideal configurations)
 * @param intervalExamples training examples between transfers; 8,000 for MNIST (paper)
 * @param offsetMicroSiemens the paper's offset, 2 µS: each PCM target is lowered by it, in the direction
 *     g can correct ({@code s·offset}, s the column's polarity: the sign is our inference), and a
 *     target on g's side but below it RESETs both PCM devices (paper: "if the target is positive but
 *     below the offset, both PCM devices are RESET"); 0 turns both off (see {@code Tile.transferColumn})
 * @param polarityInversion whether the polarity s of each column flips at every transfer (paper)
 * @param carryTuningResidual whether, after closed-loop tuning, each programmed pair is read again and
 *     the capacitor is pulsed to carry what tuning left of its target. <b>Our own idea</b>, not the
 *     paper's, off in ambrogio2018 (ablation {@code ambrogio2018-carry-residual}): one more read and
 *     a few capacitor pulses per cell per transfer; the weight is then re-drawn within that read's
 *     noise instead of the tuner's window
 * @param openLoopResidual how g "corrects" what the PCM was not asked to hold (the offset, or a small
 *     target left to g): false (default, assumed) leaves it to training; true pulses g at the
 *     transfer, open loop, by the nominal step. The paper says only that g corrects it
 */
public record TransferConfig(boolean enabled, long intervalExamples, double offsetMicroSiemens, boolean polarityInversion,
    boolean carryTuningResidual, boolean openLoopResidual) {
  public TransferConfig {
    if (intervalExamples < 1) throw new IllegalArgumentException("intervalExamples = " + intervalExamples + " must be at least 1");
    if (!(offsetMicroSiemens >= 0 && offsetMicroSiemens < 1e3))
      throw new IllegalArgumentException("offsetMicroSiemens = " + offsetMicroSiemens + " is outside [0, 1000) µS");
  }

  /** g left to training for what the PCM was not asked to hold. */
  public TransferConfig(boolean enabled, long intervalExamples, double offsetMicroSiemens, boolean polarityInversion,
      boolean carryTuningResidual) {
    this(enabled, intervalExamples, offsetMicroSiemens, polarityInversion, carryTuningResidual, false);
  }

  /**
   * The paper's schedule, as the {@code ambrogio2018} configuration has it: every 8,000 examples, 2 µS
   * offset subtracted, polarity inversion; g corrects through training (sources in its file).
   */
  public static TransferConfig ambrogio2018() {
    return TrainingPreset.AMBROGIO2018.config().analog().transfer();
  }

  public TransferConfig withOffsetMicroSiemens(double offset) {
    return new TransferConfig(enabled, intervalExamples, offset, polarityInversion, carryTuningResidual, openLoopResidual);
  }

  public TransferConfig withCarryTuningResidual(boolean on) {
    return new TransferConfig(enabled, intervalExamples, offsetMicroSiemens, polarityInversion, on, openLoopResidual);
  }

  public TransferConfig withOpenLoopResidual(boolean on) {
    return new TransferConfig(enabled, intervalExamples, offsetMicroSiemens, polarityInversion, carryTuningResidual, on);
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
    return new TransferConfig(enabled, intervalExamples, offsetMicroSiemens, on, carryTuningResidual, openLoopResidual);
  }
}
