package org.aimc.crossbar;

/**
 * The parallel update of a tile.
 *
 * @param encoding how x and δ become pulse trains (see {@link PulseEncoding})
 * @param bitLength BL, the number of time slots of a pulse train, 1..64 (a train is one
 *     {@code long}); the most pulses a cell can receive in one update
 */
public record UpdateConfig(PulseEncoding encoding, int bitLength) {
  /** The largest supported BL: a train is held in one {@code long}. */
  public static final int MAX_BIT_LENGTH = 64;

  public UpdateConfig {
    if (encoding == null) throw new IllegalArgumentException("encoding is null");
    if (bitLength < 1 || bitLength > MAX_BIT_LENGTH) {
      throw new IllegalArgumentException("bitLength (BL) must be 1.." + MAX_BIT_LENGTH + ", got " + bitLength);
    }
  }

  /** Exact float outer product, no pulses (ideal tiles). */
  public static UpdateConfig exact() {
    return new UpdateConfig(PulseEncoding.EXACT, 1);
  }

  /**
   * Stochastic pulse trains of BL = 31 slots: <b>assumed</b> (aihwkit {@code PresetUpdateParameters}:
   * stochastic trains, {@code desired_bl = 31}, update management on); the paper's encoding is not
   * known to us.
   */
  public static UpdateConfig ambrogio2018() {
    return new UpdateConfig(PulseEncoding.STOCHASTIC, 31);
  }

  public UpdateConfig withEncoding(PulseEncoding e) {
    return new UpdateConfig(e, bitLength);
  }

  public UpdateConfig withBitLength(int bl) {
    return new UpdateConfig(encoding, bl);
  }
}
