package org.aimc.crossbar.cells;

import java.util.Locale;

/**
 * The argument checks that the crossbar's packages share: shapes of a tile's block, spans of the
 * caller's arrays, finite values; and the scans of an input vector that go with them (its largest
 * magnitude, its nonzero entries). Messages name the argument and its value ({@link Locale#ROOT}).
 * Not part of the crossbar's API; public only because the packages that use it are several.
 */
public final class Checks {
  private Checks() {}

  /** A physical array of at least 1×1 and a used block that fits it. */
  public static void checkBlock(int physicalRows, int physicalCols, int rows, int cols) {
    if (physicalRows <= 0 || physicalCols <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "tile size must be at least 1×1, got %d×%d", physicalRows, physicalCols));
    }
    if (rows <= 0 || cols <= 0 || rows > physicalRows || cols > physicalCols) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "used block %d×%d must be at least 1×1 and fit the %d×%d tile", rows, cols, physicalRows, physicalCols));
    }
  }

  /** A cell (row, col) inside the used {@code rows × cols} block. */
  public static void checkCell(int row, int col, int rows, int cols) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
          "cell (%d, %d) is outside the used %d×%d block", row, col, rows, cols));
    }
  }

  /** A column inside the used {@code rows × cols} block. */
  public static void checkCol(int col, int rows, int cols) {
    if (col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException("column " + col + " is outside the used " + rows + "×" + cols + " block");
    }
  }

  /** A column inside the block, and an array that holds its {@code rows} values from {@code off}. */
  public static void checkColumn(int col, double[] a, int off, int rows, int cols) {
    checkCol(col, rows, cols);
    if (off < 0 || (long) off + rows > a.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "a column has %d rows, but the array of length %d from offset %d holds %d", rows, a.length, off, a.length - off));
    }
  }

  /** {@code a[off..off+len)} exists. */
  public static void checkSpan(String name, float[] a, int off, int len) {
    if (a == null) throw new IllegalArgumentException(name + " is null");
    if (off < 0 || (long) off + len > a.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs %d elements from offset %d, but its length is %d", name, len, off, a.length));
    }
  }

  public static void checkFinite(String name, double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
  }

  public static void checkFinite(float[] a, int off, int len, String name) {
    for (int i = 0; i < len; i++) {
      if (!Float.isFinite(a[off + i])) throw notFinite(name, i, a[off + i]);
    }
  }

  /** The largest |a[i]|, checking every element is finite. */
  public static float maxAbsFinite(float[] a, int off, int len, String name) {
    // A maximum carries a NaN through and an infinity stays the largest, so one test at the end
    // finds any non-finite value; only then is it looked for.
    float max = VECTOR ? VectorScans.maxAbs(a, off, len) : maxAbs(a, off, len);
    if (!(max <= Float.MAX_VALUE)) {
      for (int i = 0; i < len; i++) if (!(Math.abs(a[off + i]) <= Float.MAX_VALUE)) throw notFinite(name, i, a[off + i]);
    }
    return max;
  }

  /**
   * Whether {@code jdk.incubator.vector} was added to the JVM's boot layer ({@code ./aimc} and the
   * tests add it): the one test of it for the tile kernels, these scans and the software baseline.
   */
  public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  /** The largest {@code |a[off + i]|} in a plain loop (NaN if one is NaN): the fallback of {@link VectorScans#maxAbs}. */
  static float maxAbs(float[] a, int off, int len) {
    float max = 0f;
    for (int i = 0; i < len; i++) max = Math.max(max, Math.abs(a[off + i]));
    return max;
  }

  /**
   * Lists the indices {@code i < len} with {@code a[off + i] ≠ 0} (−0 counts as 0) in increasing
   * order into {@code out} (at least {@code len} long); returns how many. Branch-free: every index is
   * written and kept by arithmetic, since a branch on MNIST digits' edges mispredicts.
   */
  public static int nonzeroIndices(float[] a, int off, int len, int[] out) {
    int n = 0;
    for (int i = 0; i < len; i++) {
      out[n] = i;
      n += a[off + i] != 0f ? 1 : 0;
    }
    return n;
  }

  private static IllegalArgumentException notFinite(String name, int i, float v) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "%s[%d] = %s is not finite", name, i, v));
  }
}
