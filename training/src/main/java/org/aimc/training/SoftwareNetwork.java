package org.aimc.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.aimc.crossbar.cells.Checks;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * The floating-point reference network: fully connected layers with biases, the given hidden
 * activation, softmax output. It is the yardstick of every analog configuration, trained with the
 * same SGD, one example at a time ({@link #trainExample}) or in mini-batches.
 *
 * <p>Layer {@code l} stores its weights input-major: row {@code i} of {@code (in + 1) × out} holds
 * input {@code i}'s weights to every output, and the last row holds the biases. With that layout the
 * forward pass and the outer-product update are contiguous axpy loops ({@link InputMajorKernels}, with
 * the Vector API where present), and zero inputs (most MNIST pixels) are skipped exactly.
 */
public final class SoftwareNetwork implements Learner {
  private final NetworkShape shape;
  private final Activation activation;
  private final int batchSize;
  private final float[][] weights;
  /** activations[l] = input of layer l; activations[layers] = softmax output. */
  private final float[][] activations;
  private final float[][] deltas;
  /** Scratch: the indices of a layer input's nonzero entries. */
  private final int[] nonzeroRows;
  /** Accumulated gradients for mini-batches larger than one (null when training one by one). */
  private float[][] gradients;
  private int examplesInBatch;

  /** @param batchSize examples per update (1: update after every example, as the hardware does) */
  public SoftwareNetwork(NetworkShape shape, Activation activation, int batchSize, UniformRandomProvider rng) {
    if (batchSize < 1) throw new IllegalArgumentException("batchSize = " + batchSize + " must be at least 1");
    this.shape = shape;
    this.activation = activation;
    this.batchSize = batchSize;
    int layers = shape.layers();
    weights = new float[layers][];
    activations = new float[layers + 1][];
    deltas = new float[layers + 1][];
    for (int l = 0; l < layers; l++) {
      int in = shape.inputsOf(l);
      int out = shape.outputsOf(l);
      weights[l] = new float[(in + 1) * out];
      // Glorot-uniform for sigmoid/tanh, He-uniform for ReLU; biases start at zero.
      double limit = activation == Activation.RELU && l < layers - 1 ? Math.sqrt(6.0 / in) : Math.sqrt(6.0 / (in + out));
      for (int k = 0; k < in * out; k++) weights[l][k] = (float) ((2 * rng.nextDouble() - 1) * limit);
    }
    int widest = 0;
    for (int l = 0; l < layers; l++) widest = Math.max(widest, shape.inputsOf(l));
    nonzeroRows = new int[widest];
    for (int l = 0; l <= layers; l++) {
      activations[l] = new float[shape.sizes()[l]];
      deltas[l] = new float[shape.sizes()[l]];
    }
  }

  @Override
  public NetworkShape shape() {
    return shape;
  }

  public Activation activation() {
    return activation;
  }

  /** Layer {@code l}'s weights, input-major {@code (in + 1) × out}, biases last. Live, not a copy. */
  public float[] weights(int layer) {
    return weights[layer];
  }

  /**
   * Forward pass of one example; returns the softmax probabilities (a live buffer, valid until the
   * next call).
   */
  public float[] forward(float[] input, int offset) {
    System.arraycopy(input, offset, activations[0], 0, shape.inputs());
    int layers = shape.layers();
    for (int l = 0; l < layers; l++) {
      int in = shape.inputsOf(l);
      int out = shape.outputsOf(l);
      float[] w = weights[l];
      float[] x = activations[l];
      float[] y = activations[l + 1];
      System.arraycopy(w, in * out, y, 0, out);
      InputMajorKernels.addRows(w, x, nonzeroRows, Checks.nonzeroIndices(x, 0, in, nonzeroRows), y, out);
      if (l < layers - 1) activation.applyInPlace(y, out);
    }
    return activations[layers];
  }

  /** Softmax cross-entropy of one example, without learning. */
  public double loss(float[] input, int offset, int label) {
    float[] p = forward(input, offset);
    return Softmax.probabilitiesInPlace(p, shape.outputs(), label);
  }

  /**
   * One SGD step on one example: forward, softmax cross-entropy, backward, update. With
   * {@code batchSize > 1} the gradient is accumulated and applied, averaged, every
   * {@code batchSize} calls. Returns the example's loss.
   */
  @Override
  public double trainExample(float[] input, int offset, int label, float learningRate) {
    forward(input, offset);
    int layers = shape.layers();
    float[] p = activations[layers];
    double loss = Softmax.probabilitiesInPlace(p, shape.outputs(), label);
    float[] delta = deltas[layers];
    System.arraycopy(p, 0, delta, 0, p.length);
    delta[label] -= 1f;
    for (int l = layers - 1; l >= 0; l--) {
      int in = shape.inputsOf(l);
      int out = shape.outputsOf(l);
      float[] w = weights[l];
      float[] x = activations[l];
      float[] d = deltas[l + 1];
      if (l > 0) backpropagate(activation, w, x, d, deltas[l], in, out);
      if (batchSize == 1) {
        outerProductAdd(w, x, d, -learningRate, in, out);
      } else {
        if (gradients == null) allocateGradients();
        outerProductAdd(gradients[l], x, d, 1f, in, out);
      }
    }
    if (batchSize > 1 && ++examplesInBatch == batchSize) applyBatch(learningRate);
    return loss;
  }

  /** Applies what a partly filled mini-batch has accumulated. */
  @Override
  public void endEpoch(float learningRate) {
    if (examplesInBatch > 0) applyBatch(learningRate);
  }

  /** Batched (ND4J) accuracy. */
  @Override
  public double accuracy(Examples data) {
    return BatchedEvaluator.accuracy(shape, activation, weights, data.features(), data.labels());
  }

  @Override
  public String diagnose() {
    for (int l = 0; l < weights.length; l++) {
      float max = 0;
      for (float v : weights[l]) {
        if (!Float.isFinite(v)) return "layer " + (l + 1) + " (" + shape.inputsOf(l) + "→" + shape.outputsOf(l) + ") has non-finite weights: the learning rate is too large for the inputs' scale";
        max = Math.max(max, Math.abs(v));
      }
      if (max > 1e4f) return "layer " + (l + 1) + " (" + shape.inputsOf(l) + "→" + shape.outputsOf(l) + ") has exploding weights (|w| up to " + max + "): lower the learning rate";
    }
    return "";
  }

  @Override
  public String kernel() {
    // One name with or without the Vector API: the bits are the same, so a checkpoint resumes on either.
    return "java (software baseline)";
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    for (float[] w : weights) for (float v : w) out.writeFloat(v);
    out.writeInt(examplesInBatch);
    if (examplesInBatch > 0) for (float[] g : gradients) for (float v : g) out.writeFloat(v);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    for (float[] w : weights) for (int k = 0; k < w.length; k++) w[k] = in.readFloat();
    examplesInBatch = in.readInt();
    if (examplesInBatch > 0) {
      if (gradients == null) allocateGradients();
      for (float[] g : gradients) for (int k = 0; k < g.length; k++) g[k] = in.readFloat();
    }
  }

  private void applyBatch(float learningRate) {
    float scale = -learningRate / examplesInBatch;
    for (int l = 0; l < weights.length; l++) {
      float[] w = weights[l];
      float[] g = gradients[l];
      for (int k = 0; k < w.length; k++) {
        w[k] += scale * g[k];
        g[k] = 0f;
      }
    }
    examplesInBatch = 0;
  }

  private void allocateGradients() {
    gradients = new float[weights.length][];
    for (int l = 0; l < weights.length; l++) gradients[l] = new float[weights[l].length];
  }

  /** δ_in[i] = f'(x[i]) · Σ_o w[i,o]·δ[o] (before the update touches w). */
  static void backpropagate(Activation activation, float[] w, float[] x, float[] d, float[] dIn, int in, int out) {
    InputMajorKernels.rowSums(w, d, dIn, in, out);
    for (int i = 0; i < in; i++) dIn[i] = dIn[i] * activation.derivativeFromOutput(x[i]);
  }

  /** w[i,o] += scale·x[i]·δ[o], and the bias row += scale·δ[o]. */
  private static void outerProductAdd(float[] w, float[] x, float[] d, float scale, int in, int out) {
    InputMajorKernels.addOuterProduct(w, x, d, scale, in, out);
    int bias = in * out;
    for (int o = 0; o < out; o++) w[bias + o] += scale * d[o];
  }
}
