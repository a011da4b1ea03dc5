package org.aimc.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link InputMajorKernels}' axpy loops with the Vector API: the JIT of Java 17 leaves the plain
 * loops scalar (it cannot rule out that w and y or d are one array), which made the baseline's
 * forward pass and update 4–8 times slower than its arithmetic. Each lane does what the plain loop
 * does for its output, in the same order, with a separate multiply and add: the same bits. Loaded
 * only when {@code jdk.incubator.vector} is present.
 */
final class VectorInputMajorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();

  private VectorInputMajorKernels() {}

  /** {@link InputMajorKernels#addRows}, four rows per pass so that y is loaded and stored a quarter as often. */
  static void addRows(float[] w, float[] x, int[] rows, int count, float[] y, int out) {
    int bound = SPECIES.loopBound(out);
    int k = 0;
    for (; k + 4 <= count; k += 4) {
      int r0 = rows[k] * out;
      int r1 = rows[k + 1] * out;
      int r2 = rows[k + 2] * out;
      int r3 = rows[k + 3] * out;
      float x0 = x[rows[k]];
      float x1 = x[rows[k + 1]];
      float x2 = x[rows[k + 2]];
      float x3 = x[rows[k + 3]];
      FloatVector a0 = FloatVector.broadcast(SPECIES, x0);
      FloatVector a1 = FloatVector.broadcast(SPECIES, x1);
      FloatVector a2 = FloatVector.broadcast(SPECIES, x2);
      FloatVector a3 = FloatVector.broadcast(SPECIES, x3);
      int o = 0;
      for (; o < bound; o += LANES) {
        FloatVector v = FloatVector.fromArray(SPECIES, y, o);
        v = v.add(FloatVector.fromArray(SPECIES, w, r0 + o).mul(a0));
        v = v.add(FloatVector.fromArray(SPECIES, w, r1 + o).mul(a1));
        v = v.add(FloatVector.fromArray(SPECIES, w, r2 + o).mul(a2));
        v = v.add(FloatVector.fromArray(SPECIES, w, r3 + o).mul(a3));
        v.intoArray(y, o);
      }
      for (; o < out; o++) {
        float v = y[o];
        v += x0 * w[r0 + o];
        v += x1 * w[r1 + o];
        v += x2 * w[r2 + o];
        v += x3 * w[r3 + o];
        y[o] = v;
      }
    }
    for (; k < count; k++) {
      float xi = x[rows[k]];
      int row = rows[k] * out;
      FloatVector a = FloatVector.broadcast(SPECIES, xi);
      int o = 0;
      for (; o < bound; o += LANES) {
        FloatVector.fromArray(SPECIES, y, o).add(FloatVector.fromArray(SPECIES, w, row + o).mul(a)).intoArray(y, o);
      }
      for (; o < out; o++) y[o] += xi * w[row + o];
    }
  }

  /** {@link InputMajorKernels#addOuterProduct}. */
  static void addOuterProduct(float[] w, float[] x, float[] d, float scale, int in, int out) {
    int bound = SPECIES.loopBound(out);
    for (int i = 0; i < in; i++) {
      float xi = x[i] * scale;
      if (xi == 0f) continue;
      int row = i * out;
      FloatVector a = FloatVector.broadcast(SPECIES, xi);
      int o = 0;
      for (; o < bound; o += LANES) {
        FloatVector.fromArray(SPECIES, w, row + o).add(FloatVector.fromArray(SPECIES, d, o).mul(a)).intoArray(w, row + o);
      }
      for (; o < out; o++) w[row + o] += xi * d[o];
    }
  }
}
