package org.aimc.crossbar.periphery;

import java.util.Locale;

/**
 * Chooses the {@link MvmKernel} once, at class initialisation, as jvector's
 * {@code VectorizationProvider} does: the Vector API kernel when {@code jdk.incubator.vector} is
 * present (run java with {@code --add-modules jdk.incubator.vector}; {@code ./aimc} does), else the
 * scalar kernel with a one-line warning on stderr that says how to get the fast one.
 *
 * <p>The system property {@value #PROPERTY} forces the choice: {@code scalar} or {@code vector}
 * ({@code auto}, the default, picks as above). The chosen kernel's {@link MvmKernel#name()} belongs
 * in provenance because fused multiply-add changes the last bits of a sum.
 */
public final class MvmKernels {
  /** System property that forces the kernel: {@code auto} (default), {@code scalar}, {@code vector}. */
  public static final String PROPERTY = "aimc.kernel";

  private static final MvmKernel PREFERRED = choose(System.getProperty(PROPERTY, "auto"));

  private MvmKernels() {}

  /** The kernel chosen at start-up. */
  public static MvmKernel preferred() {
    return PREFERRED;
  }

  /** The scalar kernel (the test oracle). */
  public static MvmKernel scalar() {
    return ScalarMvmKernel.INSTANCE;
  }

  /**
   * The Vector API kernel.
   *
   * @throws IllegalStateException when {@code jdk.incubator.vector} is not in the boot layer
   */
  public static MvmKernel vector() {
    if (!vectorModulePresent()) {
      throw new IllegalStateException("the Vector API is not available: run java with --add-modules jdk.incubator.vector");
    }
    return new VectorMvmKernel();
  }

  /** Whether {@code jdk.incubator.vector} was added to the JVM's boot layer. */
  public static boolean vectorModulePresent() {
    return org.aimc.crossbar.cells.Checks.VECTOR;
  }

  static MvmKernel choose(String choice) {
    switch (choice.trim().toLowerCase(Locale.ROOT)) {
      case "scalar":
        return scalar();
      case "vector":
        return vector();
      case "auto":
      case "":
        if (vectorModulePresent()) {
          try {
            return new VectorMvmKernel();
          } catch (LinkageError e) {
            System.err.println("aimc: Vector API failed to load (" + e + "); using the scalar kernel.");
            return scalar();
          }
        }
        System.err.println("aimc: jdk.incubator.vector is missing; using the slower scalar kernel "
            + "(run java with --add-modules jdk.incubator.vector).");
        return scalar();
      default:
        throw new IllegalArgumentException(
            "-D" + PROPERTY + "=" + choice + " is not one of auto, scalar, vector");
    }
  }

  static void checkGemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
    checkMatrix(w, wOff, rows, cols);
    checkVector("x", x, xOff, cols, rows, cols);
    checkVector("y", y, yOff, rows, rows, cols);
  }

  static void checkGemvTransposed(float[] w, int wOff, int rows, int cols, float[] d, int dOff, float[] z, int zOff) {
    checkMatrix(w, wOff, rows, cols);
    checkVector("d", d, dOff, rows, rows, cols);
    checkVector("z", z, zOff, cols, rows, cols);
  }

  static void checkGer(float[] w, int wOff, int rows, int cols, float[] a, int aOff, float[] b, int bOff) {
    checkMatrix(w, wOff, rows, cols);
    checkVector("a", a, aOff, rows, rows, cols);
    checkVector("b", b, bOff, cols, rows, cols);
  }

  private static void checkMatrix(float[] w, int wOff, int rows, int cols) {
    if (rows < 0 || cols < 0 || wOff < 0 || (long) wOff + (long) rows * cols > w.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "matrix %d×%d at offset %d does not fit an array of length %d", rows, cols, wOff, w.length));
    }
  }

  private static void checkVector(String name, float[] v, int off, int len, int rows, int cols) {
    if (off < 0 || (long) off + len > v.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs %d elements from offset %d for a %d×%d matrix, but its length is %d",
          name, len, off, rows, cols, v.length));
    }
  }
}
