package org.aimc.training;

/**
 * The software baseline's loops over weights stored input-major (row {@code i} holds input
 * {@code i}'s weights to every output), in plain Java. {@link VectorInputMajorKernels} does the same
 * arithmetic in the same order with the Vector API, so both give the same bits; the plain loops
 * here are the fallback when {@code jdk.incubator.vector} is absent. The tests hold both to the
 * loops the baseline was written with.
 *
 * <p>Every sum is taken in the order of the plain loops the baseline was written with: an output
 * adds its inputs' products in increasing input order, starting from its bias; a weight adds one
 * product per example; the backward pass sums each input's products over the outputs in order. Java
 * does not fuse a multiply and an add, so neither kernel does.
 */
final class InputMajorKernels {
  private InputMajorKernels() {}

  /** Whether the Vector API is there to use ({@code ./aimc} and the tests add it). */
  static final boolean VECTOR = org.aimc.crossbar.cells.Checks.VECTOR;

  /**
   * y[o] += Σ_k x[rows[k]]·w[rows[k], o] for the listed rows, in list order: the forward pass over
   * an input's nonzero entries ({@link org.aimc.crossbar.cells.Checks#nonzeroIndices}).
   */
  static void addRows(float[] w, float[] x, int[] rows, int count, float[] y, int out) {
    if (VECTOR) VectorInputMajorKernels.addRows(w, x, rows, count, y, out);
    else scalarAddRows(w, x, rows, count, y, out);
  }

  /** {@link #addRows} in plain loops: the fallback. */
  static void scalarAddRows(float[] w, float[] x, int[] rows, int count, float[] y, int out) {
    for (int k = 0; k < count; k++) {
      int i = rows[k];
      float xi = x[i];
      int row = i * out;
      for (int o = 0; o < out; o++) y[o] += xi * w[row + o];
    }
  }

  /** w[i, o] += (scale·x[i])·d[o] for every input with scale·x[i] ≠ 0. */
  static void addOuterProduct(float[] w, float[] x, float[] d, float scale, int in, int out) {
    if (VECTOR) VectorInputMajorKernels.addOuterProduct(w, x, d, scale, in, out);
    else scalarAddOuterProduct(w, x, d, scale, in, out);
  }

  /** {@link #addOuterProduct} in plain loops: the fallback. */
  static void scalarAddOuterProduct(float[] w, float[] x, float[] d, float scale, int in, int out) {
    for (int i = 0; i < in; i++) {
      float xi = x[i] * scale;
      if (xi == 0f) continue;
      int row = i * out;
      for (int o = 0; o < out; o++) w[row + o] += xi * d[o];
    }
  }

  /**
   * s[i] = Σ_o w[i, o]·d[o], each sum over o in order. Four rows at a time give the adder four
   * independent chains rather than one chain waiting on its own latency (the JIT may not reorder a
   * float sum, and summing across rows would need the transposed matrix), so the bits are those of
   * the plain loop in about a third of its time.
   */
  static void rowSums(float[] w, float[] d, float[] s, int in, int out) {
    int i = 0;
    for (; i + 4 <= in; i += 4) {
      int r0 = i * out;
      int r1 = r0 + out;
      int r2 = r1 + out;
      int r3 = r2 + out;
      float s0 = 0f;
      float s1 = 0f;
      float s2 = 0f;
      float s3 = 0f;
      for (int o = 0; o < out; o++) {
        float dO = d[o];
        s0 += w[r0 + o] * dO;
        s1 += w[r1 + o] * dO;
        s2 += w[r2 + o] * dO;
        s3 += w[r3 + o] * dO;
      }
      s[i] = s0;
      s[i + 1] = s1;
      s[i + 2] = s2;
      s[i + 3] = s3;
    }
    for (; i < in; i++) {
      int row = i * out;
      float sum = 0f;
      for (int o = 0; o < out; o++) sum += w[row + o] * d[o];
      s[i] = sum;
    }
  }
}
