package org.aimc.crossbar;

/**
 * The parallel update of a tile.
 *
 * @param encoding how x and δ become pulse trains (see {@link PulseEncoding})
 * @param bitLength BL, the number of time slots of a pulse train, 1..64 (a train is one
 *     {@code long}); the most pulses a cell can receive in one update
 * @param bitLengthManagement aihwkit's {@code update_bl_management}: each update uses only
 *     {@code BL' = min(BL, max(1, ⌈K⌉))} slots, K = η·max|x|·max|δ| / (weight units of one step), the
 *     largest pulse count the update wants, so that a small update fires few slots at higher
 *     probabilities; the mean pulse count is unchanged. STOCHASTIC encoding only. The chip clock
 *     still budgets BL slots per update.
 */
public record UpdateConfig(PulseEncoding encoding, int bitLength, boolean bitLengthManagement) {
  /** The largest supported BL: a train is held in one {@code long}. */
  public static final int MAX_BIT_LENGTH = 64;

  public UpdateConfig {
    if (encoding == null) throw new IllegalArgumentException("encoding is null");
    if (bitLength < 1 || bitLength > MAX_BIT_LENGTH) {
      throw new IllegalArgumentException("bitLength (BL) must be 1.." + MAX_BIT_LENGTH + ", got " + bitLength);
    }
    if (bitLengthManagement && encoding != PulseEncoding.STOCHASTIC) {
      throw new IllegalArgumentException("bitLengthManagement = true shortens stochastic pulse trains; it needs encoding STOCHASTIC, not " + encoding);
    }
  }

  /** Every update uses all BL slots. */
  public UpdateConfig(PulseEncoding encoding, int bitLength) {
    this(encoding, bitLength, false);
  }

  /** Exact float outer product, no pulses (ideal tiles). */
  public static UpdateConfig exact() {
    return new UpdateConfig(PulseEncoding.EXACT, 1);
  }

  /**
   * The update of the {@code ambrogio2018} tile preset: stochastic pulse trains of BL = 31 slots,
   * assumed from aihwkit's {@code PresetUpdateParameters} (sources in {@code presets/tile/ambrogio2018.yaml}).
   */
  public static UpdateConfig ambrogio2018() {
    return TileConfig.ambrogio2018().update();
  }

  public UpdateConfig withEncoding(PulseEncoding e) {
    return new UpdateConfig(e, bitLength, bitLengthManagement && e == PulseEncoding.STOCHASTIC);
  }

  public UpdateConfig withBitLength(int bl) {
    return new UpdateConfig(encoding, bl, bitLengthManagement);
  }

  public UpdateConfig withBitLengthManagement(boolean on) {
    return new UpdateConfig(encoding, bitLength, on);
  }
}
