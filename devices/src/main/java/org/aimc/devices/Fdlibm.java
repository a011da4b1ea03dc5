/*
 * expm1 follows fdlibm's s_expm1.c:
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
package org.aimc.devices;

/**
 * fdlibm's functions in Java, with the bits of {@link StrictMath}. On Java 17, {@code StrictMath.expm1}
 * (and {@code Math.expm1}, which calls it) is a native call into fdlibm that the JIT cannot inline; a
 * partial-SET pulse takes one, so a PCM update or transfer spent about a tenth of its time entering and
 * leaving it. The same algorithm in Java gives the same numbers ({@code FdlibmTest} compares every
 * range bit for bit) and is compiled in place.
 */
public final class Fdlibm {
  private Fdlibm() {}

  private static final double HUGE = 1.0e+300;
  private static final double TINY = 1.0e-300;
  private static final double O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
  private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
  private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
  private static final double INV_LN2 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
  // Scaled coefficients of the rational approximation on [−ln2/2, ln2/2].
  private static final double Q1 = -3.33333333333331316428e-02; // BFA11111 111110F4
  private static final double Q2 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
  private static final double Q3 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
  private static final double Q4 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
  private static final double Q5 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D

  /**
   * e^x − 1, the bits of {@code StrictMath.expm1(x)}: x = k·ln2 + r with |r| ≤ ln2/2 and a correction
   * for the rounding of r, e^r − 1 by a rational approximation, then scaled by 2^k.
   */
  public static double expm1(double x) {
    int hx = highWord(x);
    boolean negative = hx < 0;
    hx &= 0x7fffffff; // high word of |x|

    // Huge and non-finite arguments.
    if (hx >= 0x4043687A) { // |x| >= 56·ln2
      if (hx >= 0x40862E42) { // |x| >= 709.78...
        if (hx >= 0x7ff00000) {
          if (((hx & 0xfffff) | lowWord(x)) != 0) return x + x; // NaN
          return negative ? -1.0 : x; // e^±inf − 1
        }
        if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
      }
      if (negative && x + TINY < 0.0) return TINY - 1.0; // x < −56·ln2: −1
    }

    // Argument reduction.
    double hi;
    double lo;
    double c = 0;
    int k;
    if (hx > 0x3fd62e42) { // |x| > ln2/2
      if (hx < 0x3FF0A2B2) { // and |x| < 1.5·ln2
        if (!negative) {
          hi = x - LN2_HI;
          lo = LN2_LO;
          k = 1;
        } else {
          hi = x + LN2_HI;
          lo = -LN2_LO;
          k = -1;
        }
      } else {
        k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
        double t = k;
        hi = x - t * LN2_HI; // t·LN2_HI is exact
        lo = t * LN2_LO;
      }
      x = hi - lo;
      c = (hi - x) - lo;
    } else if (hx < 0x3c900000) { // |x| < 2^−54: e^x − 1 rounds to x
      return x;
    } else {
      k = 0;
    }

    // x is now in the primary range.
    double hfx = 0.5 * x;
    double hxs = x * hfx;
    double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    double t = 3.0 - r1 * hfx;
    double e = hxs * ((r1 - t) / (6.0 - x * t));
    if (k == 0) return x - (x * e - hxs); // c is 0
    e = (x * (e - c) - c);
    e -= hxs;
    if (k == -1) return 0.5 * (x - e) - 0.5;
    if (k == 1) {
      if (x < -0.25) return -2.0 * (e - (x + 0.5));
      return 1.0 + 2.0 * (x - e);
    }
    if (k <= -2 || k > 56) { // e^x − 1 ≈ e^x
      double y = 1.0 - (e - x);
      return addToExponent(y, k) - 1.0;
    }
    if (k < 20) {
      double oneMinus = fromHighWord(0x3ff00000 - (0x200000 >> k)); // 1 − 2^−k
      return addToExponent(oneMinus - (e - x), k);
    }
    double twoToMinusK = fromHighWord((0x3ff - k) << 20); // 2^−k
    double y = x - (e + twoToMinusK);
    y += 1.0;
    return addToExponent(y, k);
  }

  private static int highWord(double x) {
    return (int) (Double.doubleToRawLongBits(x) >> 32);
  }

  private static int lowWord(double x) {
    return (int) Double.doubleToRawLongBits(x);
  }

  /** The double whose high word is {@code hi} and low word 0. */
  private static double fromHighWord(int hi) {
    return Double.longBitsToDouble((long) hi << 32);
  }

  /** y·2^k by adding k to the exponent field, as fdlibm does (y is normal and stays so). */
  private static double addToExponent(double y, int k) {
    return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
  }
}
