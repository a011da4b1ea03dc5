package org.aimc.training;

/**
 * A training configuration: the digital hyper-parameters every configuration shares. Learning rate
 * per example; with a mini-batch the averaged gradient is applied once per batch. A preset is just
 * one of these ({@link TrainingPreset}); {@code --set key=value} overrides any field.
 *
 * @param activation hidden-layer neuron function
 * @param learningRate SGD step at epoch 1
 * @param learningRateDecay factor applied to the learning rate after each epoch, in (0, 1]
 * @param batchSize examples per update; 1 is what the analog hardware does (paper)
 * @param analog tiles, transfer and clock of an analog configuration; null for the software baseline
 * @param evaluateBeforeTransfer false (default): each epoch is measured (training and validation
 *     accuracy, the state kept for selection) at its end. True: at a fixed phase of the transfer
 *     cycle, just before the last transfer due in the epoch: the state after the update of the
 *     example that makes that transfer due, with leakage and drift advanced to that moment, before
 *     the transfer reads or programs any column ({@link Trainer}). An epoch in which no transfer is
 *     due (an interval longer than an epoch) is measured at its end. Needs transfers: a configuration
 *     without them (software, {@code analog.transfer.enabled = false}) rejects it
 * @param trainAccuracyExamples how many examples of the training split each epoch's training
 *     accuracy is measured on: that many spaced evenly through the split ({@link Examples#evenlySpaced}),
 *     the same ones every epoch; 0 (or the split's size or more) for the whole split. Only the
 *     per-epoch curve uses the sample: a run's reported training accuracy is measured on the whole
 *     split once, on the selected state. The epoch's validation accuracy, which selects, always uses
 *     the whole validation split
 */
public record TrainingConfig(Activation activation, double learningRate, double learningRateDecay, int batchSize, AnalogConfig analog,
                             boolean evaluateBeforeTransfer, int trainAccuracyExamples) {
  /** The protocol's default {@link #trainAccuracyExamples}: a standard error of at most half a point (0.14 at 98 %). */
  public static final int DEFAULT_TRAIN_ACCURACY_EXAMPLES = 10_000;

  public TrainingConfig {
    if (activation == null) throw new IllegalArgumentException("activation must be one of sigmoid, tanh, relu");
    if (!(learningRate > 0 && learningRate <= 10))
      throw new IllegalArgumentException("learningRate = " + learningRate + " is outside (0, 10]");
    if (!(learningRateDecay > 0 && learningRateDecay <= 1))
      throw new IllegalArgumentException("learningRateDecay = " + learningRateDecay + " is outside (0, 1]");
    if (batchSize < 1) throw new IllegalArgumentException("batchSize = " + batchSize + " must be at least 1");
    if (analog != null && batchSize != 1)
      throw new IllegalArgumentException("batchSize = " + batchSize + ": analog configurations train one example at a time (the update is applied in the array per example); use batchSize=1");
    if (evaluateBeforeTransfer && (analog == null || !analog.transfer().enabled()))
      throw new IllegalArgumentException("evaluateBeforeTransfer = true measures each epoch just before its last transfer, and this configuration has no"
          + " transfers (" + (analog == null ? "software" : "analog.transfer.enabled = false") + "); set evaluateBeforeTransfer=false");
    if (trainAccuracyExamples < 0)
      throw new IllegalArgumentException("trainAccuracyExamples = " + trainAccuracyExamples + " must be ≥ 0 (0: the whole training split)");
  }

  /** Measured at each epoch's end, the training accuracy on the protocol's default sample. */
  public TrainingConfig(Activation activation, double learningRate, double learningRateDecay, int batchSize, AnalogConfig analog) {
    this(activation, learningRate, learningRateDecay, batchSize, analog, false, DEFAULT_TRAIN_ACCURACY_EXAMPLES);
  }

  /** A software configuration (no analog part). */
  public static TrainingConfig software(Activation activation, double learningRate, double learningRateDecay, int batchSize) {
    return new TrainingConfig(activation, learningRate, learningRateDecay, batchSize, null);
  }

  public TrainingConfig withAnalog(AnalogConfig a) {
    return new TrainingConfig(activation, learningRate, learningRateDecay, batchSize, a, evaluateBeforeTransfer, trainAccuracyExamples);
  }

  public TrainingConfig withEvaluateBeforeTransfer(boolean on) {
    return new TrainingConfig(activation, learningRate, learningRateDecay, batchSize, analog, on, trainAccuracyExamples);
  }


  /** The network this configuration trains, with initial weights from the run's seed. */
  public Learner learner(NetworkShape shape, long seed) {
    return analog == null ? network(shape, seed) : new AnalogNetwork(shape, activation, analog, seed);
  }

  /** The floating-point network of this configuration, with initial weights from the run's seed. */
  public SoftwareNetwork network(NetworkShape shape, long seed) {
    return new SoftwareNetwork(shape, activation, batchSize, Trainer.RNG.create(Seeds.stream(seed, Trainer.WEIGHTS_STREAM)));
  }
}
