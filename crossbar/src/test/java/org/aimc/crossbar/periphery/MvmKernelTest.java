package org.aimc.crossbar.periphery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aimc.crossbar.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MvmKernelTest {
  private static final MvmKernel SCALAR = MvmKernels.scalar();
  private static final MvmKernel VECTOR = MvmKernels.vector();

  /** Both kernels against a double-precision reference, with offsets, on odd and prime shapes (tails). */
  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1,1", "1,17", "3,7", "5,16", "17,1021", "250,784", "131,257", "4,33", "7,3", "125,10"})
  void gemvAndTransposedAgreeWithDoubleReference(int rows, int cols) {
    SplittableRandom rnd = new SplittableRandom(rows * 31L + cols);
    int wOff = 3;
    int xOff = 5;
    float[] w = TestData.uniform(rnd, wOff + rows * cols, -1, 1);
    float[] x = TestData.uniform(rnd, xOff + cols, -1, 1);
    float[] d = TestData.uniform(rnd, xOff + rows, -1, 1);
    d[xOff] = 0f; // a zero row is skipped by the transposed kernels
    for (MvmKernel k : new MvmKernel[] {SCALAR, VECTOR}) {
      float[] y = new float[2 + rows];
      k.gemv(w, wOff, rows, cols, x, xOff, y, 2);
      for (int i = 0; i < rows; i++) {
        double ref = 0;
        double abs = 0;
        for (int j = 0; j < cols; j++) {
          ref += (double) w[wOff + i * cols + j] * x[xOff + j];
          abs += Math.abs((double) w[wOff + i * cols + j] * x[xOff + j]);
        }
        assertEquals(ref, y[2 + i], 1e-6 * abs + 1e-30, k.name() + " gemv row " + i);
      }
      float[] z = new float[1 + cols];
      java.util.Arrays.fill(z, 99f); // overwritten, not accumulated
      k.gemvTransposed(w, wOff, rows, cols, d, xOff, z, 1);
      for (int j = 0; j < cols; j++) {
        double ref = 0;
        double abs = 0;
        for (int i = 0; i < rows; i++) {
          ref += (double) w[wOff + i * cols + j] * d[xOff + i];
          abs += Math.abs((double) w[wOff + i * cols + j] * d[xOff + i]);
        }
        assertEquals(ref, z[1 + j], 1e-6 * abs + 1e-30, k.name() + " gemvTransposed col " + j);
      }
    }
  }

  /**
   * Skipping the all-zero blocks of a sparse input (an MNIST digit's background, ±0) changes no bit
   * of gemv or gemvBatch, for zero fractions from none to all (runs of zeros, as in an image), odd
   * shapes, offsets and a batch; and such an input is still summed right.
   */
  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"250,784", "125,250", "10,125", "7,3", "5,1021", "3,64"})
  void skippingZeroBlocksOfTheInputChangesNoBit(int rows, int cols) {
    VectorMvmKernel vector = (VectorMvmKernel) VECTOR;
    SplittableRandom rnd = new SplittableRandom(rows * 7L + cols);
    int wOff = 3;
    int xOff = 5;
    int count = 4;
    float[] w = TestData.uniform(rnd, wOff + rows * cols, -1, 1);
    for (double zeros : new double[] {0.0, 0.3, 0.82, 0.97, 1.0}) {
      float[] x = TestData.uniform(rnd, xOff + count * cols, 0, 1);
      for (int j = xOff; j < x.length; j++) {
        // runs of zeros, as in an image's rows; some of them negative zeros
        if (rnd.nextDouble() < zeros || (j > xOff && x[j - 1] == 0f && rnd.nextDouble() < 0.9)) x[j] = rnd.nextBoolean() ? 0f : -0f;
      }
      float[] skipped = new float[2 + count * rows];
      float[] dense = new float[2 + count * rows];
      vector.gemvBatch(w, wOff, rows, cols, x, xOff, skipped, 2, count, true);
      vector.gemvBatch(w, wOff, rows, cols, x, xOff, dense, 2, count, false);
      for (int i = 0; i < skipped.length; i++) {
        assertEquals(Float.floatToRawIntBits(dense[i]), Float.floatToRawIntBits(skipped[i]), "zeros " + zeros + ", output " + i);
      }
      float[] one = new float[rows];
      vector.gemv(w, wOff, rows, cols, x, xOff, one, 0);
      for (int i = 0; i < rows; i++) {
        assertEquals(Float.floatToRawIntBits(dense[2 + i]), Float.floatToRawIntBits(one[i]), "gemv, zeros " + zeros + ", row " + i);
        double ref = 0;
        for (int j = 0; j < cols; j++) ref += (double) w[wOff + i * cols + j] * x[xOff + j];
        assertEquals(ref, one[i], 1e-5 * cols / 100.0 + 1e-30, "zeros " + zeros + ", row " + i);
      }
    }
  }

  @ParameterizedTest(name = "{0}×{1}")
  @CsvSource({"1,1", "3,7", "17,1021", "13,64"})
  void gerMatchesBetweenKernels(int rows, int cols) {
    SplittableRandom rnd = new SplittableRandom(7);
    float[] w1 = TestData.uniform(rnd, rows * cols, -1, 1);
    float[] w2 = w1.clone();
    float[] a = TestData.uniform(rnd, rows, -1, 1);
    float[] b = TestData.uniform(rnd, cols, -1, 1);
    SCALAR.ger(w1, 0, rows, cols, 0.3f, a, 0, b, 0);
    VECTOR.ger(w2, 0, rows, cols, 0.3f, a, 0, b, 0);
    for (int i = 0; i < w1.length; i++) assertEquals(w1[i], w2[i], 1e-6f, "element " + i);
    float[] w0 = TestData.uniform(new SplittableRandom(7), rows * cols, -1, 1);
    assertEquals(w0[0] + 0.3f * a[0] * b[0], w1[0], 1e-6f);
  }

  @Test
  void shapeErrorsNameTheShapes() {
    float[] w = new float[12];
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VECTOR.gemv(w, 0, 3, 4, new float[3], 0, new float[3], 0));
    assertTrue(e.getMessage().contains("x needs 4") && e.getMessage().contains("3×4"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SCALAR.gemv(w, 1, 3, 4, new float[4], 0, new float[3], 0));
    assertTrue(e.getMessage().contains("3×4") && e.getMessage().contains("offset 1"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> SCALAR.gemvTransposed(w, 0, 3, 4, new float[3], 0, new float[3], 0));
    assertTrue(e.getMessage().contains("z needs 4"), e.getMessage());
  }

  @Test
  void choiceIsNamedAndForcible() {
    // Surefire adds jdk.incubator.vector, so the preferred kernel is the vector one.
    assertTrue(MvmKernels.vectorModulePresent());
    assertTrue(MvmKernels.preferred().name().startsWith("vector-"), MvmKernels.preferred().name());
    assertEquals("scalar", MvmKernels.choose("scalar").name());
    assertTrue(MvmKernels.choose("vector").name().startsWith("vector-"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MvmKernels.choose("gpu"));
    assertTrue(e.getMessage().contains("gpu"), e.getMessage());
  }
}
