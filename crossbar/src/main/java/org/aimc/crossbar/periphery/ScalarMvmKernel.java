package org.aimc.crossbar.periphery;

/**
 * Plain loops over the arrays: the fallback when the Vector API is missing and the oracle the
 * tests compare the vector kernel against.
 */
final class ScalarMvmKernel implements MvmKernel {
  static final ScalarMvmKernel INSTANCE = new ScalarMvmKernel();

  private ScalarMvmKernel() {}

  @Override
  public String name() {
    return "scalar";
  }

  @Override
  public void gemv(float[] w, int wOff, int rows, int cols, float[] x, int xOff, float[] y, int yOff) {
    MvmKernels.checkGemv(w, wOff, rows, cols, x, xOff, y, yOff);
    for (int i = 0; i < rows; i++) {
      int base = wOff + i * cols;
      float s = 0f;
      for (int j = 0; j < cols; j++) s += w[base + j] * x[xOff + j];
      y[yOff + i] = s;
    }
  }

  @Override
  public void gemvTransposed(float[] w, int wOff, int rows, int cols, float[] d, int dOff, float[] z, int zOff) {
    MvmKernels.checkGemvTransposed(w, wOff, rows, cols, d, dOff, z, zOff);
    java.util.Arrays.fill(z, zOff, zOff + cols, 0f);
    for (int i = 0; i < rows; i++) {
      float di = d[dOff + i];
      if (di == 0f) continue;
      int base = wOff + i * cols;
      for (int j = 0; j < cols; j++) z[zOff + j] += w[base + j] * di;
    }
  }

  @Override
  public void ger(float[] w, int wOff, int rows, int cols, float alpha, float[] a, int aOff, float[] b, int bOff) {
    MvmKernels.checkGer(w, wOff, rows, cols, a, aOff, b, bOff);
    for (int i = 0; i < rows; i++) {
      float ai = alpha * a[aOff + i];
      if (ai == 0f) continue;
      int base = wOff + i * cols;
      for (int j = 0; j < cols; j++) w[base + j] += ai * b[bOff + j];
    }
  }
}
