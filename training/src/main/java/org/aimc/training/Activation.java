package org.aimc.training;

/**
 * Neuron functions of the hidden layers, computed digitally. Each gives its derivative from its own
 * output, which is all backpropagation keeps.
 */
public enum Activation {
  /** Logistic 1/(1+e^−x), the neuron of Burr et al. 2015. */
  SIGMOID {
    @Override public float apply(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }
    @Override public float derivativeFromOutput(float y) { return y * (1f - y); }
  },
  TANH {
    @Override public float apply(float x) { return (float) Math.tanh(x); }
    @Override public float derivativeFromOutput(float y) { return 1f - y * y; }
  },
  RELU {
    @Override public float apply(float x) { return x > 0f ? x : 0f; }
    @Override public float derivativeFromOutput(float y) { return y > 0f ? 1f : 0f; }
  };

  public abstract float apply(float x);

  public abstract float derivativeFromOutput(float y);

  /** Applies the function in place to {@code v[0..n)}. */
  public void applyInPlace(float[] v, int n) {
    for (int i = 0; i < n; i++) v[i] = apply(v[i]);
  }

  /** The lower-case name used on the command line and in configs. */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
