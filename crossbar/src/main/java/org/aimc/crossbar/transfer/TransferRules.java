package org.aimc.crossbar.transfer;

/**
 * How a column's transfer treats its weights (Ambrogio et al., Nature 558, 2018); see
 * {@link ColumnTransfer#transferColumn}.
 *
 * @param offsetMicroSiemens the offset, µS, ≥ 0 (paper: 2 µS): each PCM target is lowered by
 *     {@code s·offset} (the sign following the polarity s is our inference), and a target on g's side
 *     but below it RESETs both PCM devices; 0 turns both off
 * @param polarityInversion whether the column's polarity s flips at the transfer (paper); only for
 *     cells with a capacitor
 * @param carryTuningResidual whether each programmed pair is read once more and g is pulsed to carry
 *     what closed-loop tuning left of its target (<b>our own idea</b>, off in ambrogio2018)
 * @param openLoopResidual whether g takes up what the PCM was not asked to hold (the offset, or a
 *     small target left to g) at once, by open-loop pulses of the nominal step; false (the default
 *     reading of the paper's "g corrects") leaves it to training
 */
public record TransferRules(double offsetMicroSiemens, boolean polarityInversion, boolean carryTuningResidual,
    boolean openLoopResidual) {
  public TransferRules {
    if (!(offsetMicroSiemens >= 0)) throw new IllegalArgumentException("offsetMicroSiemens must be >= 0, got " + offsetMicroSiemens);
  }

  /** The paper's rules: 2 µS offset, polarity inversion, g corrects through training. */
  public static TransferRules ambrogio2018() {
    return new TransferRules(2.0, true, false, false);
  }

  /** A PCM pair's refresh: no offset, no polarity, no residual. */
  public static TransferRules refresh() {
    return new TransferRules(0.0, false, false, false);
  }

  public TransferRules withCarryTuningResidual(boolean on) {
    return new TransferRules(offsetMicroSiemens, polarityInversion, on, openLoopResidual);
  }
}
