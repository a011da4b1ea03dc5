package org.aimc.crossbar.energy;

import java.util.Locale;

/** Formatting with SI prefixes for reports: {@code 6.73e-8 J → "67.3 nJ"}. */
public final class Si {
  private Si() {}

  private static final String[] PREFIX = {"a", "f", "p", "n", "µ", "m", "", "k", "M", "G", "T", "P"};

  /** Three significant digits and a prefix, e.g. {@code format(6.73e-8, "J")} = {@code "67.3 nJ"}. */
  public static String format(double value, String unit) {
    if (value == 0) return unit.isEmpty() ? "0" : "0 " + unit;
    if (!Double.isFinite(value)) return value + " " + unit;
    int exp = (int) Math.floor(Math.log10(Math.abs(value)) / 3);
    exp = Math.max(-6, Math.min(5, exp));
    double scaled = value / Math.pow(1000, exp);
    if (Math.abs(scaled) >= 999.5 && exp < 5) scaled = value / Math.pow(1000, ++exp);
    String digits = Math.abs(scaled) >= 100 ? String.format(Locale.ROOT, "%.0f", scaled)
        : Math.abs(scaled) >= 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.format(Locale.ROOT, "%.2f", scaled);
    String suffix = PREFIX[exp + 6] + unit;
    return suffix.isEmpty() ? digits : digits + " " + suffix;
  }

  /** A plain number with thousands separators and {@code decimals} decimals, e.g. {@code "28,065"}. */
  public static String number(double value, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  /** Three significant digits without a prefix, e.g. {@code 0.0348} or {@code 1,234}. */
  public static String significant(double value) {
    double a = Math.abs(value);
    if (a >= 100) return number(value, 0);
    if (a >= 10) return number(value, 1);
    if (a >= 1) return number(value, 2);
    if (a == 0) return "0";
    int decimals = 2 - (int) Math.floor(Math.log10(a));
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
