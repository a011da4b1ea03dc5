package org.aimc.crossbar;

/**
 * How the parallel rank-1 update {@code ΔW = η·δ·xᵀ} is delivered to the array.
 *
 * <p>Row r carries a train of BL time slots encoding {@code |x_r|}, column c one encoding
 * {@code |δ_c|}; a cell receives one pulse in every slot where both its row and its column fire.
 * The firing fractions are {@code p_r = |x_r|·√K / max|x|} and {@code p_c = |δ_c|·√K / max|δ|}
 * with {@code K = |η|·max|x|·max|δ| / (weightUnitsPerMicroSiemens·stepMicroSiemens·BL)}, so the
 * expected number of pulses is {@code BL·p_r·p_c = |η·x_r·δ_c| / (weightUnitsPerMicroSiemens ·
 * stepMicroSiemens)} — the requested weight change in units of one pulse's step — and both trains
 * use the same share of BL (aihwkit's "update management"). A fraction above 1 is clipped to 1 and
 * counted as {@link Event#UPDATE_SATURATED_TRAINS}. The pulse sign is {@code sign(η·x_r·δ_c)}.
 */
public enum PulseEncoding {
  /** No pulses: the float outer product is added to the weights; only for ideal (float) cells. */
  EXACT,
  /**
   * Deterministic trains: row r fires its first {@code a = round(p_r·BL)} slots (a thermometer
   * code), column c fires {@code b = round(p_c·BL)} slots spread evenly over the train (slot t
   * fires when {@code ⌊(t+1)·b/BL + ½⌋ > ⌊t·b/BL + ½⌋}), so the coincidences number exactly
   * {@code ⌊a·b/BL + ½⌋}: the product rounded to the nearest pulse, the same for every repetition.
   */
  DETERMINISTIC,
  /**
   * Stochastic trains (Gokmen &amp; Vlasov 2016): each slot of row r fires with probability
   * {@code p_r}, each slot of column c with {@code p_c}, independently, so a cell's pulse count is
   * Binomial(BL, p_r·p_c) with the mean above. Probabilities are resolved to 2⁻⁸ with stochastic
   * rounding, which keeps the mean exact (see {@code PulseTrains}).
   */
  STOCHASTIC
}
