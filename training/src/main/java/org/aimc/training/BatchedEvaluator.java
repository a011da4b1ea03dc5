package org.aimc.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Accuracy of a network over a whole data set, computed in batches with ND4J: evaluation is the
 * one place where work is batched, so native GEMM pays off (DESIGN.md §4).
 */
public final class BatchedEvaluator {
  private static final int BATCH = 2_000;

  /** Runs that share the machine's cores now ({@link #shareCores}); 1 outside a batch of runs. */
  private static int concurrentRuns = 1;
  /** ND4J's default thread counts (its operations', BLAS's), read before this class first changed them; 0 until then. */
  private static int nd4jDefaultMasterThreads;
  private static int nd4jDefaultBlasThreads;
  /** The concurrency the ND4J thread counts were last set for. */
  private static int appliedFor = 1;

  private BatchedEvaluator() {}

  /**
   * Tells evaluations that {@code runs} training runs share the cores from now on (1: one run has
   * them all). Each evaluation then gets ND4J's default thread count (one per core) ÷ runs: with two
   * runs on two cores, an evaluation's second thread waited for the core the other run held, and 20,000
   * examples took up to 1.1 s instead of 0.3 s. The share is set at the next evaluation, so a batch
   * without a software run never starts ND4J; the default comes back at once. The same numbers either
   * way (the GEMM splits its outputs among threads, not its sums).
   */
  public static synchronized void shareCores(int runs) {
    if (runs < 1) throw new IllegalArgumentException("runs = " + runs + " must be at least 1");
    concurrentRuns = runs;
    if (runs == 1 && appliedFor != 1) applyThreads(); // ND4J is running: give other users their threads back now
  }

  private static synchronized void applyThreads() {
    if (appliedFor == concurrentRuns) return;
    if (nd4jDefaultMasterThreads == 0) {
      nd4jDefaultMasterThreads = Nd4j.getEnvironment().maxMasterThreads();
      nd4jDefaultBlasThreads = Nd4j.factory().blas().getMaxThreads();
    }
    int runs = concurrentRuns;
    Nd4j.getEnvironment().setMaxMasterThreads(runs == 1 ? nd4jDefaultMasterThreads : Math.max(1, nd4jDefaultMasterThreads / runs));
    Nd4j.factory().blas().setMaxThreads(runs == 1 ? nd4jDefaultBlasThreads : Math.max(1, nd4jDefaultBlasThreads / runs));
    appliedFor = runs;
  }

  /**
   * Fraction of {@code count} examples ({@code features} is {@code count × inputs}, row-major)
   * whose predicted class equals the label.
   *
   * @param layerWeights per layer, input-major {@code (in + 1) × out} with biases in the last row
   */
  public static double accuracy(NetworkShape shape, Activation activation, float[][] layerWeights,
                                float[] features, byte[] labels) {
    int count = labels.length;
    int inputs = shape.inputs();
    if ((long) count * inputs != features.length)
      throw new IllegalArgumentException("features hold " + features.length + " values, not " + count + " × " + inputs);
    applyThreads();
    INDArray[] w = new INDArray[shape.layers()];
    INDArray[] b = new INDArray[shape.layers()];
    for (int l = 0; l < shape.layers(); l++) {
      int in = shape.inputsOf(l);
      int out = shape.outputsOf(l);
      INDArray all = Nd4j.create(layerWeights[l], new long[] {in + 1, out}, 'c').castTo(DataType.FLOAT);
      w[l] = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, in), org.nd4j.linalg.indexing.NDArrayIndex.all()).dup();
      b[l] = all.getRow(in).dup();
    }
    long correct = 0;
    for (int start = 0; start < count; start += BATCH) {
      int n = Math.min(BATCH, count - start);
      float[] slice = java.util.Arrays.copyOfRange(features, start * inputs, (start + n) * inputs);
      INDArray a = Nd4j.create(slice, new long[] {n, inputs}, 'c');
      for (int l = 0; l < shape.layers(); l++) {
        a = a.mmul(w[l]).addiRowVector(b[l]);
        if (l < shape.layers() - 1) a = activate(a, activation);
      }
      int[] predicted = a.argMax(1).toIntVector();
      for (int k = 0; k < n; k++) if (predicted[k] == labels[start + k]) correct++;
    }
    return (double) correct / count;
  }

  private static INDArray activate(INDArray a, Activation activation) {
    return switch (activation) {
      case SIGMOID -> Transforms.sigmoid(a, false);
      case TANH -> Transforms.tanh(a, false);
      case RELU -> Transforms.relu(a, false);
    };
  }
}
