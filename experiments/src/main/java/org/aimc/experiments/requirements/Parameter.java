package org.aimc.experiments.requirements;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * One screened parameter of a requirements spec: one key, or several keys moved together to the
 * same value, its range and the range's source.
 *
 * @param name short label (also the folder name of its runs), unique in the spec
 * @param keys configuration keys set to the value (their preset values agree)
 * @param low low end of the range, as written ("0", "1e-7", "false")
 * @param high high end of the range
 * @param log whether the range is read on a logarithmic scale (its middle is the geometric mean, a move is measured in decades)
 * @param source where the range comes from: a published range, or "assumed: ..."
 * @param base the configuration's value (of every key)
 * @param integer whether the keys take whole numbers (levels are rounded)
 */
public record Parameter(String name, List<String> keys, String low, String high, boolean log, String source, String base,
                        boolean integer) {
  public Parameter {
    keys = List.copyOf(keys);
  }

  /** Whether the range is false .. true. */
  public boolean bool() {
    return isBoolean(low) && isBoolean(high);
  }

  static boolean isBoolean(String v) {
    return v.equals("true") || v.equals("false");
  }

  /** The overrides that set every key to {@code value}. */
  public List<String> overrides(String value) {
    return keys.stream().map(k -> k + "=" + value).toList();
  }

  /** Whether {@code value} is the configuration's own (then the run needs no override). */
  public boolean isBase(String value) {
    return same(value, base);
  }

  static boolean same(String a, String b) {
    if (a.equals(b)) return true;
    try {
      return Double.parseDouble(a) == Double.parseDouble(b);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The levels of the joint search: low, a middle, high. The middle is the configuration's value if
   * it lies strictly inside the range, else the range's middle (arithmetic, or geometric on a log
   * scale; rounded for whole numbers). A false .. true range has two levels.
   */
  public List<String> levels() {
    if (bool()) return List.of(low, high);
    double lo = Double.parseDouble(low);
    double hi = Double.parseDouble(high);
    double b = parseOr(base, Double.NaN);
    String middle;
    if (b > lo && b < hi) {
      middle = base;
    } else {
      double m = log ? Math.sqrt(lo * hi) : (lo + hi) / 2;
      middle = format(m);
    }
    List<String> levels = new ArrayList<>(List.of(low, middle, high));
    // A whole-number range of width 1 rounds its middle onto an end: two levels.
    if (same(middle, low) || same(middle, high)) levels.remove(1);
    return levels;
  }

  /** {@code v} with 6 significant digits, plain ("0.00357", not "0.0035700000001"); rounded for whole-number keys. */
  String format(double v) {
    if (integer) return Long.toString(Math.round(v));
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /**
   * How far {@code value} is from the configuration's value, in units of the range: |x − base| / (high − low),
   * or in decades over the range's decades on a log scale; 0 or 1 for a false .. true range.
   */
  public double move(String value) {
    if (bool()) return isBase(value) ? 0 : 1;
    double lo = Double.parseDouble(low);
    double hi = Double.parseDouble(high);
    double x = Double.parseDouble(value);
    double b = Double.parseDouble(base);
    if (log) return Math.abs(Math.log(x) - Math.log(b)) / (Math.log(hi) - Math.log(lo));
    return Math.abs(x - b) / (hi - lo);
  }

  private static double parseOr(String s, double fallback) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
