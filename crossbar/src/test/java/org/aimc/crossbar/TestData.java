package org.aimc.crossbar;

import java.util.SplittableRandom;

/** Seeded random arrays, plain float reference computations and a small ideal tile for the tests. */
public final class TestData {
  /** Ideal cells and periphery on a 64×32 tile. */
  public static final TileConfig SMALL_IDEAL = TileConfig.ideal().withSize(64, 32);

  private TestData() {}

  public static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) a[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
    return a;
  }

  /** Plain float y = W·x for W outputs × inputs row-major. */
  public static float[] matVec(float[] w, int outputs, int inputs, float[] x) {
    float[] y = new float[outputs];
    for (int o = 0; o < outputs; o++) {
      float s = 0;
      for (int i = 0; i < inputs; i++) s += w[o * inputs + i] * x[i];
      y[o] = s;
    }
    return y;
  }

  /** Plain float z = Wᵀ·d. */
  public static float[] matTVec(float[] w, int outputs, int inputs, float[] d) {
    float[] z = new float[inputs];
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < inputs; i++) z[i] += w[o * inputs + i] * d[o];
    }
    return z;
  }

  /** Σ|w·x| along each output: the scale of the rounding error of y = W·x. */
  public static double[] absMatVec(float[] w, int outputs, int inputs, float[] x) {
    double[] y = new double[outputs];
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < inputs; i++) y[o] += Math.abs((double) w[o * inputs + i] * x[i]);
    }
    return y;
  }

  public static double[] absMatTVec(float[] w, int outputs, int inputs, float[] d) {
    double[] z = new double[inputs];
    for (int o = 0; o < outputs; o++) {
      for (int i = 0; i < inputs; i++) z[i] += Math.abs((double) w[o * inputs + i] * d[o]);
    }
    return z;
  }
}
