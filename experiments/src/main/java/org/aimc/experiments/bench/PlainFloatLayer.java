package org.aimc.experiments.bench;

/**
 * The yardstick of {@code aimc bench tile}: a dense layer as plain scalar Java loops over one
 * {@code float[]} (outputs × inputs, row-major), with no periphery, no devices and no SIMD beyond
 * what the JIT does by itself.
 */
public final class PlainFloatLayer {
  private final int inputs;
  private final int outputs;
  private final float[] w;

  public PlainFloatLayer(int inputs, int outputs, float[] weights) {
    if (weights.length != inputs * outputs) {
      throw new IllegalArgumentException("weights must have " + inputs * outputs + " values, got " + weights.length);
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.w = weights.clone();
  }

  /** y = W·x. */
  public void forward(float[] x, float[] y) {
    for (int o = 0; o < outputs; o++) {
      int base = o * inputs;
      float s = 0f;
      for (int i = 0; i < inputs; i++) s += w[base + i] * x[i];
      y[o] = s;
    }
  }

  /** z = Wᵀ·δ. */
  public void backward(float[] d, float[] z) {
    java.util.Arrays.fill(z, 0, inputs, 0f);
    for (int o = 0; o < outputs; o++) {
      int base = o * inputs;
      float dv = d[o];
      for (int i = 0; i < inputs; i++) z[i] += w[base + i] * dv;
    }
  }

  /** W += η·δ·xᵀ. */
  public void update(float[] x, float[] d, float eta) {
    for (int o = 0; o < outputs; o++) {
      int base = o * inputs;
      float a = eta * d[o];
      for (int i = 0; i < inputs; i++) w[base + i] += a * x[i];
    }
  }
}
