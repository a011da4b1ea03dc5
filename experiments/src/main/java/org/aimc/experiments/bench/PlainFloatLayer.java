package org.aimc.experiments.bench;

import org.aimc.crossbar.periphery.MvmKernel;
import org.aimc.crossbar.periphery.MvmKernels;

/**
 * The yardstick of {@code aimc bench tile}: a dense float layer (outputs × inputs, row-major) computed
 * by the same {@link MvmKernel} as the tile's MVMs ({@link MvmKernels#preferred()}: the Vector API
 * where present), with no periphery, no devices and no noise. So the ratio to it is what the
 * emulation adds to the arithmetic. (Plain scalar loops made a poor yardstick: Java 17's JIT leaves
 * them scalar, its dot products one addition chain waiting on its own latency, 4–8 times slower than
 * the arithmetic needs.)
 */
public final class PlainFloatLayer {
  private final int inputs;
  private final int outputs;
  private final float[] w;
  private final MvmKernel kernel = MvmKernels.preferred();

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
    kernel.gemv(w, 0, outputs, inputs, x, 0, y, 0);
  }

  /** z = Wᵀ·δ. */
  public void backward(float[] d, float[] z) {
    kernel.gemvTransposed(w, 0, outputs, inputs, d, 0, z, 0);
  }

  /** W += η·δ·xᵀ. */
  public void update(float[] x, float[] d, float eta) {
    kernel.ger(w, 0, outputs, inputs, eta, d, 0, x, 0);
  }
}
