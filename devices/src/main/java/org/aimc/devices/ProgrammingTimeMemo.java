package org.aimc.devices;

import java.util.Arrays;

/**
 * A direct-mapped memo of one value per programming time t_p at one read time ({@link #at}): the
 * logarithms of a refresh depend on a device only through its t_p, and an array's devices hold a
 * few hundred distinct t_p (one per column and transfer), so a refresh computes each once instead of
 * once per device. A collision overwrites; the values are the same bits as without the memo.
 */
final class ProgrammingTimeMemo {
  private static final int BITS = 9;
  private final double[] key = new double[1 << BITS];
  private final double[] value = new double[1 << BITS];
  private double readTime = Double.NaN;

  ProgrammingTimeMemo() {
    clear();
  }

  /** Forgets every value (a new read time). NaN equals no time. */
  void clear() {
    Arrays.fill(key, Double.NaN);
  }

  /** This memo for values at read time t: cleared if it held another time's. */
  ProgrammingTimeMemo at(double t) {
    if (t != readTime) {
      clear();
      readTime = t;
    }
    return this;
  }

  /** The slot of t_p: a multiplicative hash of its bits. */
  static int slot(double tp) {
    long b = Double.doubleToRawLongBits(tp);
    return (int) (((b ^ (b >>> 31)) * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
  }

  boolean holds(int slot, double tp) {
    return key[slot] == tp;
  }

  void put(int slot, double tp, double v) {
    key[slot] = tp;
    value[slot] = v;
  }

  double value(int slot) {
    return value[slot];
  }
}
