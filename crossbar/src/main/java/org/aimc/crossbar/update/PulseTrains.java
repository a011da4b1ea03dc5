package org.aimc.crossbar.update;

import org.aimc.crossbar.PulseEncoding;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Generates the pulse trains of the parallel update (see {@link PulseEncoding}): BL time slots in
 * the low bits of a {@code long}, bit t set when the line fires in slot t.
 *
 * <h2>Stochastic trains, fast</h2>
 * A train whose slots fire independently with probability p is built from random words by bit
 * slicing: with p resolved to {@code q/2⁸}, start from 0 and, for each binary digit of q from the
 * least significant, OR with a fresh random word (digit 1: firing probability P → ½ + P/2) or AND
 * with it (digit 0: P → P/2); after the 8 digits every bit fires with probability q/2⁸,
 * independently. q is p·2⁸ rounded <i>stochastically</i>, so E[q/2⁸] = p exactly and the mean
 * pulse count is exact; the only cost of the coarse resolution is a variance of at most
 * {@code (BL·2⁻⁸)²/4} pulses² per train pair, negligible beside the binomial variance. Several
 * trains share one random word: with BL ≤ 32, two trains occupy the two 32-bit halves (lanes) of
 * each word, with BL ≤ 16 four, and so on; per-lane masks choose OR or AND for each lane's own q.
 */
final class PulseTrains {
  /** Resolution of a firing probability: 2⁻⁸. */
  static final int P_BITS = 8;
  private static final int P_ONE = 1 << P_BITS;

  private final int bitLength;
  private final long mask;
  private final int laneBits;
  private final int lanes;
  private final long[] laneMask;
  private final UniformRandomProvider rng;
  private final long[] spread;
  /** Scratch: each lane's q of the word being built. */
  private final int[] q;

  PulseTrains(int bitLength, UniformRandomProvider rng) {
    this.bitLength = bitLength;
    this.mask = bitLength == 64 ? -1L : (1L << bitLength) - 1;
    int w = 1;
    while (w < bitLength) w <<= 1;
    this.laneBits = w;
    this.lanes = 64 / w;
    this.laneMask = new long[lanes];
    long one = w == 64 ? -1L : (1L << w) - 1;
    for (int l = 0; l < lanes; l++) laneMask[l] = one << (l * w);
    this.rng = rng;
    this.q = new int[lanes];
    this.spread = new long[bitLength + 1];
    for (int b = 0; b <= bitLength; b++) spread[b] = spreadTrain(b, bitLength);
  }

  /**
   * Independent stochastic trains: {@code out[k]} fires each slot with probability {@code p[k]}
   * (in [0, 1]) for {@code k < count}.
   */
  void stochastic(double[] p, int count, long[] out) {
    final int[] q = this.q;
    long uniforms = 0;
    int left = 0;
    for (int k0 = 0; k0 < count; k0 += lanes) {
      int n = Math.min(lanes, count - k0);
      long full = 0;
      int any = 0;
      for (int l = 0; l < n; l++) {
        if (left == 0) {
          uniforms = rng.nextLong();
          left = 4;
        }
        // 16 random bits round p·2⁸ up with probability equal to its fraction.
        double u = (uniforms & 0xFFFF) * (1.0 / 65536);
        uniforms >>>= 16;
        left--;
        int v = (int) (p[k0 + l] * P_ONE + u);
        if (v >= P_ONE) {
          full |= laneMask[l];
          v = 0;
        }
        q[l] = v;
        any |= v;
      }
      long bits = 0;
      if (any != 0) {
        // The digit masks are branch-free: the digits are random, a branch on them mispredicts
        // half the time. Two lanes (BL <= 32, the usual case) without the lane loop.
        if (n == 2) {
          int q0 = q[0];
          int q1 = q[1];
          long lo = laneMask[0];
          long hi = laneMask[1];
          for (int i = Integer.numberOfTrailingZeros(any); i < P_BITS; i++) {
            long m = (lo & -(long) ((q0 >>> i) & 1)) | (hi & -(long) ((q1 >>> i) & 1));
            long r = rng.nextLong();
            bits = (bits | (r & m)) & (r | m);
          }
        } else {
          for (int i = Integer.numberOfTrailingZeros(any); i < P_BITS; i++) {
            long m = 0;
            for (int l = 0; l < n; l++) m |= laneMask[l] & -(long) ((q[l] >>> i) & 1);
            long r = rng.nextLong();
            bits = (bits | (r & m)) & (r | m);
          }
        }
      }
      bits |= full;
      for (int l = 0; l < n; l++) out[k0 + l] = (bits >>> (l * laneBits)) & mask;
    }
  }

  /** The deterministic row train of fraction p: the first {@code round(p·BL)} slots. */
  long deterministicRow(double p) {
    return thermometerTrain((int) Math.round(p * bitLength));
  }

  /** The deterministic column train of fraction p: {@code round(p·BL)} slots spread evenly. */
  long deterministicColumn(double p) {
    return spread[(int) Math.round(p * bitLength)];
  }

  /** The first a slots. */
  static long thermometerTrain(int a) {
    return a >= 64 ? -1L : (1L << a) - 1;
  }

  /**
   * b of BL slots spread evenly, slot t firing when {@code ⌊(t+1)·b/BL + ½⌋ > ⌊t·b/BL + ½⌋};
   * against a thermometer train of a slots it coincides {@code ⌊a·b/BL + ½⌋} times (the sum
   * telescopes).
   */
  static long spreadTrain(int b, int bl) {
    long train = 0;
    for (int t = 0; t < bl; t++) {
      long before = (2L * t * b + bl) / (2L * bl);
      long after = (2L * (t + 1) * b + bl) / (2L * bl);
      if (after > before) train |= 1L << t;
    }
    return train;
  }
}
