package org.aimc.training;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Trains the software baseline with SGD. The random streams are derived from one seed: one for the
 * initial weights, one for the order of examples, so the same seed gives the same numbers.
 */
public final class SoftwareTrainer {
  /** The generator behind every stream; recorded in provenance. */
  public static final RandomSource RNG = RandomSource.XO_RO_SHI_RO_128_PP;
  private static final int PROGRESS_STEP = 500;

  private final SoftwareConfig config;
  private final long seed;

  public SoftwareTrainer(SoftwareConfig config, long seed) {
    this.config = config;
    this.seed = seed;
  }

  /** The trained network and what each epoch measured. */
  public record Outcome(SoftwareNetwork network, List<EpochMetrics> epochs) {
    public EpochMetrics last() {
      return epochs.get(epochs.size() - 1);
    }
  }

  public Outcome train(NetworkShape shape, Examples train, Examples test, int epochs, TrainingListener listener) {
    if (epochs < 1) throw new IllegalArgumentException("epochs = " + epochs + " must be at least 1");
    checkInputs(shape, train, "training");
    checkInputs(shape, test, "test");
    SoftwareNetwork net = new SoftwareNetwork(shape, config.activation(), RNG.create(Seeds.stream(seed, 0)));
    UniformRandomProvider orderRng = RNG.create(Seeds.stream(seed, 1));
    int[] order = new int[train.count()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    List<EpochMetrics> history = new ArrayList<>();
    for (int e = 0; e < epochs; e++) {
      long start = System.nanoTime();
      listener.epochStarted(e + 1, epochs, order.length);
      shuffle(order, orderRng);
      float lr = (float) config.learningRateAt(e);
      double lossSum = 0;
      float[] x = train.features();
      for (int k = 0; k < order.length; k++) {
        int i = order[k];
        lossSum += net.trainExample(x, i * train.inputs(), train.labels()[i], lr, config.batchSize());
        if ((k + 1) % PROGRESS_STEP == 0) {
          if (!Double.isFinite(lossSum))
            throw new TrainingDivergedException(String.format(java.util.Locale.ROOT,
                "training diverged in epoch %d after %d examples: the loss is not finite; lower the learning rate (now %g)", e + 1, k + 1, lr));
          listener.examplesDone(k + 1);
        }
      }
      net.flushBatch(lr);
      double trainingSeconds = (System.nanoTime() - start) / 1e9;
      double trainAcc = accuracy(net, train);
      double testAcc = accuracy(net, test);
      EpochMetrics m = new EpochMetrics(e + 1, config.learningRateAt(e), lossSum / order.length, trainAcc, testAcc, trainingSeconds,
          (System.nanoTime() - start) / 1e9);
      if (!Double.isFinite(m.trainLoss()))
        throw new TrainingDivergedException("training diverged in epoch " + (e + 1) + ": the loss is not finite; lower the learning rate (now " + lr + ")");
      history.add(m);
      listener.epochFinished(m);
    }
    return new Outcome(net, List.copyOf(history));
  }

  /** Batched (ND4J) accuracy of {@code net} on {@code data}. */
  public static double accuracy(SoftwareNetwork net, Examples data) {
    NetworkShape shape = net.shape();
    float[][] w = new float[shape.layers()][];
    for (int l = 0; l < w.length; l++) w[l] = net.weights(l);
    return BatchedEvaluator.accuracy(shape, net.activation(), w, data.features(), data.labels());
  }

  private static void checkInputs(NetworkShape shape, Examples data, String what) {
    if (data.inputs() != shape.inputs())
      throw new IllegalArgumentException("the " + what + " examples have " + data.inputs() + " inputs but the network " + shape + " expects " + shape.inputs());
    for (byte label : data.labels())
      if (label < 0 || label >= shape.outputs())
        throw new IllegalArgumentException("the " + what + " examples have label " + label + ", outside the network's " + shape.outputs() + " outputs");
  }

  /** Fisher–Yates, so the order depends only on the seed. */
  static void shuffle(int[] a, UniformRandomProvider rng) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
