package org.aimc.devices;

import java.util.Locale;

/**
 * NaN-safe argument checks for the parameter records. Every test is written as {@code if (ok) return;
 * throw}, so NaN, which fails every comparison, is rejected. Messages name the parameter, its value
 * and the allowed range, formatted with {@link Locale#ROOT}. {@link #plausible} is public so that the
 * crossbar's parameter records state their ranges the same way.
 */
public final class Check {
  private Check() {}

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }

  static IllegalArgumentException bad(String name, double value, String range) {
    return new DeviceParameterException(
        String.format(Locale.ROOT, "%s = %s is outside the allowed range %s", name, fmt(value), range));
  }

  /** {@code lo <= v <= hi}, finite. */
  static void closed(String name, double v, double lo, double hi) {
    if (v >= lo && v <= hi) return;
    throw bad(name, v, "[" + fmt(lo) + ", " + fmt(hi) + "]");
  }

  /**
   * A physical quantity within the range a real device or circuit can have, {@code lo <= v <= hi}
   * in {@code unit}: a value valid on its own but absurd in practice (1e308 µS) fails here, up
   * front, rather than as an overflow deep inside a run.
   */
  public static void plausible(String name, double v, double lo, double hi, String unit) {
    if (v >= lo && v <= hi) return;
    throw new DeviceParameterException(String.format(Locale.ROOT,
        "%s = %s %s is outside the allowed range [%s, %s] %s (what real devices and circuits reach)", name, fmt(v), unit, fmt(lo), fmt(hi), unit));
  }

  /** {@code v > 0}, finite. */
  static void positive(String name, double v) {
    if (v > 0 && v < Double.POSITIVE_INFINITY) return;
    throw bad(name, v, "(0, +inf), finite");
  }

  /** {@code v > 0}; {@code +Infinity} allowed (e.g. "no leakage"). */
  static void positiveOrInfinite(String name, double v) {
    if (v > 0) return;
    throw bad(name, v, "(0, +Infinity]");
  }

  /** {@code v >= 0}, finite. */
  static void nonNegative(String name, double v) {
    if (v >= 0 && v < Double.POSITIVE_INFINITY) return;
    throw bad(name, v, "[0, +inf), finite");
  }

  /** {@code lo <= v <= hi} for an int. */
  static void intRange(String name, int v, int lo, int hi) {
    if (v >= lo && v <= hi) return;
    throw new DeviceParameterException(
        String.format(Locale.ROOT, "%s = %d is outside the allowed range [%d, %d]", name, v, lo, hi));
  }

  /** A relation between two parameters; the message shows both values. */
  static void less(String nameA, double a, String nameB, double b) {
    if (a < b) return;
    throw new DeviceParameterException(
        String.format(Locale.ROOT, "%s = %s must be less than %s = %s", nameA, fmt(a), nameB, fmt(b)));
  }
}
