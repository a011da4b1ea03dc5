package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Fdlibm#expm1} replaces {@code Math.expm1} in the PCM programming physics on the promise that
 * it gives the same bits as {@link StrictMath#expm1}: checked here in every branch of the algorithm
 * (each range of the reduction k, both signs, the thresholds and their neighbours, tiny, huge and
 * non-finite arguments) and over the doses of a partial-SET pulse.
 */
class FdlibmTest {
  private static void assertSameBits(double x) {
    long expected = Double.doubleToRawLongBits(StrictMath.expm1(x));
    long actual = Double.doubleToRawLongBits(Fdlibm.expm1(x));
    if (expected != actual) {
      assertEquals(StrictMath.expm1(x), Fdlibm.expm1(x), 0.0, "expm1(" + x + ") [bits " + Long.toHexString(Double.doubleToRawLongBits(x)) + "]");
      assertEquals(expected, actual, "expm1(" + x + "): the same value, other bits (the sign of zero or a NaN's payload)");
    }
  }

  @Test
  void sameBitsAsStrictMathAcrossEveryRange() {
    SplittableRandom r = new SplittableRandom(20261207);
    for (int i = 0; i < 400_000; i++) {
      // Magnitudes from 2^−70 to 2^10, log-uniform, both signs: every k of the reduction, the tiny branch and overflow.
      double m = Math.scalb(1.0 + r.nextDouble(), r.nextInt(-70, 11));
      assertSameBits(m);
      assertSameBits(-m);
      // Uniform on the ranges where k = ±1, the primary range and the transition to e^x − 1 ≈ e^x.
      assertSameBits(r.nextDouble(-2.0, 2.0));
      assertSameBits(r.nextDouble(-45.0, 45.0));
      // Any bit pattern: every exponent, subnormals, infinities and NaNs.
      assertSameBits(Double.longBitsToDouble(r.nextLong()));
    }
  }

  @Test
  void sameBitsAtTheBranchesEdges() {
    double[] edges = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE,
        -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0x1p-54, -0x1p-54, 0x1p-55,
        0.5 * Math.log(2), -0.5 * Math.log(2), 1.5 * Math.log(2), -1.5 * Math.log(2), 56 * Math.log(2), -56 * Math.log(2),
        7.09782712893383973096e+02, 709.78, 709.79, -709.79, -0.25, 0.25, 20 * Math.log(2), 19.5 * Math.log(2),
        20.5 * Math.log(2), 57 * Math.log(2)};
    for (double e : edges) {
      double x = e;
      for (int step = 0; step < 64; step++) { // the edge and its 63 neighbours above
        assertSameBits(x);
        assertSameBits(-x);
        x = Math.nextUp(x);
      }
    }
    // Each threshold of the algorithm's high-word tests, at the word boundary itself: the first double
    // with that high word, the last one below it, the last one with it, both signs.
    for (int word : new int[] {0x3c900000, 0x3fd62e42, 0x3FF0A2B2, 0x4043687A, 0x40862E42, 0x7ff00000}) {
      double at = Double.longBitsToDouble((long) word << 32);
      double lastWithWord = Double.longBitsToDouble(((long) word << 32) | 0xffffffffL);
      for (double x : new double[] {at, Math.nextDown(at), lastWithWord}) {
        assertSameBits(x);
        assertSameBits(-x);
      }
    }
    for (int k = -60; k <= 1030; k++) { // every reduction k at its boundaries (x = (k ± ½)·ln2)
      for (double half : new double[] {-0.5, 0.5}) {
        double x = (k + half) * Math.log(2);
        for (int step = -8; step <= 8; step++) assertSameBits(x + step * Math.ulp(x));
      }
    }
  }

  @Test
  void sameBitsOverTheDosesOfAPartialSetPulse() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) assertSameBits(-Math.scalb(1.0 + r.nextDouble(), r.nextInt(-30, 4))); // −dose, 10⁻⁹ … 16
  }
}
