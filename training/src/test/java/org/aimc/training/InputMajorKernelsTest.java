package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * The software baseline's loops, with the Vector API and without, must give the bits of the plain
 * loops it was written with: its results may not depend on whether {@code jdk.incubator.vector} was
 * present. Shapes leave tails of 0 to 7 outputs after the last whole vector (at 8 lanes; other widths
 * give the same bits by construction, each lane doing one output's operations in order) and 0–3 rows
 * after the last group of four; inputs range from all zero to dense, with −0.
 */
class InputMajorKernelsTest {
  private static final int[][] SHAPES = {{784, 250}, {250, 125}, {125, 10}, {13, 7}, {6, 33}, {20, 64}, {1, 1}};
  private static final double[] ZERO_FRACTIONS = {0, 0.5, 0.81, 0.97, 1};

  @Test
  void theVectorLoopsGiveThePlainLoopsBits() {
    assertTrue(InputMajorKernels.VECTOR, "the tests run with jdk.incubator.vector, as ./aimc does");
    UniformRandomProvider rng = Trainer.RNG.create(5L);
    int[] rows = new int[1024];
    for (int[] shape : SHAPES) {
      int in = shape[0];
      int out = shape[1];
      for (double zeros : ZERO_FRACTIONS) {
        String where = in + "×" + out + ", " + zeros + " zeros";
        float[] w = uniform(rng, (in + 1) * out, 0.2);
        float[] x = uniform(rng, in, 1);
        for (int i = 0; i < in; i++) if (rng.nextDouble() < zeros) x[i] = rng.nextBoolean() ? 0f : -0f;
        float[] d = uniform(rng, out, Math.pow(10, rng.nextInt(5) - 2));

        float[] plainY = uniform(rng, out, 1);
        float[] vectorY = plainY.clone();
        for (int i = 0; i < in; i++) {
          if (x[i] == 0f) continue;
          for (int o = 0; o < out; o++) plainY[o] += x[i] * w[i * out + o];
        }
        float[] fallbackY = vectorY.clone();
        int count = org.aimc.crossbar.cells.Checks.nonzeroIndices(x, 0, in, rows);
        VectorInputMajorKernels.addRows(w, x, rows, count, vectorY, out);
        InputMajorKernels.scalarAddRows(w, x, rows, count, fallbackY, out);
        assertSameBits(plainY, vectorY, "forward, " + where);
        assertSameBits(plainY, fallbackY, "forward without the Vector API, " + where);

        float scale = -0.01f;
        float[] plainW = w.clone();
        for (int i = 0; i < in; i++) {
          float xi = x[i] * scale;
          if (xi == 0f) continue;
          for (int o = 0; o < out; o++) plainW[i * out + o] += xi * d[o];
        }
        float[] fallbackW = w.clone();
        VectorInputMajorKernels.addOuterProduct(w, x, d, scale, in, out);
        InputMajorKernels.scalarAddOuterProduct(fallbackW, x, d, scale, in, out);
        assertSameBits(plainW, w, "update, " + where);
        assertSameBits(plainW, fallbackW, "update without the Vector API, " + where);
      }
    }
  }

  @Test
  void nonzeroRowsListsEveryNonzeroEntryInOrder() {
    float[] x = {0f, 1f, -0f, Float.NaN, 0f, -2f, 1e-40f};
    int[] rows = new int[x.length];
    assertEquals(4, org.aimc.crossbar.cells.Checks.nonzeroIndices(x, 0, x.length, rows));
    assertArrayEquals(new int[] {1, 3, 5, 6}, java.util.Arrays.copyOf(rows, 4));
  }

  private static float[] uniform(UniformRandomProvider rng, int n, double scale) {
    float[] v = new float[n];
    for (int k = 0; k < n; k++) v[k] = (float) ((2 * rng.nextDouble() - 1) * scale);
    return v;
  }

  private static void assertSameBits(float[] expected, float[] actual, String what) {
    for (int k = 0; k < expected.length; k++) {
      assertEquals(Float.floatToRawIntBits(expected[k]), Float.floatToRawIntBits(actual[k]), what + ", element " + k);
    }
  }
}
