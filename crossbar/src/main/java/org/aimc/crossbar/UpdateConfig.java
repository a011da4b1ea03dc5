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
   * The update of the {@code ambrogio2018} tile preset: stochastic pulse trains of BL = 31 slots,
   * assumed from aihwkit's {@code PresetUpdateParameters} (sources in {@code presets/tile/ambrogio2018.yaml}).
   */
  public static UpdateConfig ambrogio2018() {
    return TileConfig.ambrogio2018().update();
  }

  public UpdateConfig withEncoding(PulseEncoding e) {
    return new UpdateConfig(e, bitLength);
  }

  public UpdateConfig withBitLength(int bl) {
    return new UpdateConfig(encoding, bl);
  }
}
