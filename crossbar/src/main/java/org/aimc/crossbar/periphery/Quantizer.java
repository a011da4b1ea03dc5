package org.aimc.crossbar.periphery;

/**
 * A symmetric converter over {@code ±range}: clip, then round to the nearest of the
 * {@code 2^bits − 1} levels {@code k·range/(2^(bits−1) − 1)}. With {@code bits = 0} it only clips
 * (and with an infinite range it is the identity). The bounds are returned exactly, so a clipped
 * value equals {@code ±range}.
 */
final class Quantizer {
  final int bits;
  final float range;
  private final int maxLevel;
  private final float step;
  private final float invStep;

  Quantizer(int bits, double range) {
    this.bits = bits;
    this.range = (float) range;
    this.maxLevel = bits == 0 ? 0 : (1 << (bits - 1)) - 1;
    this.step = bits == 0 ? 0f : (float) (range / maxLevel);
    this.invStep = bits == 0 ? 0f : (float) (maxLevel / range);
  }

  /** The distance between adjacent levels (0 when unquantised). */
  float step() {
    return step;
  }

  /** Converts one finite value. */
  float apply(float v) {
    if (v >= range) return range;
    if (v <= -range) return -range;
    if (bits == 0) return v;
    int k = Math.round(v * invStep);
    if (k >= maxLevel) return range;
    if (k <= -maxLevel) return -range;
    return k * step;
  }
}
