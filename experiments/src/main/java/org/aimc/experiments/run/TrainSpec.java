package org.aimc.experiments.run;

import java.util.List;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.HoldOut;
import org.aimc.config.RecordOverrides;
import org.aimc.training.NetworkShape;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;

/**
 * What a training run is: a preset and the overrides applied to it, the data set, the network,
 * the epochs and the seed — everything needed to run it again. Written as {@code spec.json} into
 * the run folder before training starts, so that {@code --resume} rebuilds the same run. Checked
 * on construction, so a bad key or value fails before any work.
 *
 * @param dataset data-set name, e.g. "mnist"
 * @param network layer sizes, e.g. "784-250-125-10"
 * @param configName the preset ({@link TrainingPreset})
 * @param overrides {@code key=value} changes to the preset, applied in order
 * @param epochs passes over the training set
 * @param seed seed of every random stream
 * @param validation training examples held out for validation ({@link HoldOut}, seed {@link HoldOut#SEED});
 *     null: the data set's own (MNIST 10,000, MNIST-backrand 2,000; a sixth of a user's own {@code idx:} or {@code features:} set;
 *     CIFAR 5,000 of 50,000, set by the command line, which sees the name before it becomes a feature folder)
 */
public record TrainSpec(String dataset, String network, String configName, List<String> overrides, int epochs, long seed,
                        Integer validation) {
  public TrainSpec {
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be a positive whole number");
    dataset = TrainingData.canonicalName(dataset);
    boolean own = TrainingData.isOwn(dataset);
    // A user's own data set (IDX or feature folder) states no split and its size is known only when read: null holds out a sixth (as MNIST does).
    if (validation == null && !own) validation = Datasets.holdOut(dataset).validationCount();
    if (validation != null) new HoldOut(validation, HoldOut.SEED);
    if (validation != null && !own) {
      int available = Datasets.trainingCount(dataset);
      if (validation >= available)
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "--validation %,d is not smaller than %s's %,d training images; hold out fewer (default %,d)", validation, dataset, available,
            Datasets.holdOut(dataset).validationCount()));
    }
    network = NetworkShape.parse(network).toString();
    configName = TrainingPreset.byId(configName).id();
    overrides = List.copyOf(overrides);
    resolve(configName, overrides);
  }

  /** With the data set's own validation size. */
  public TrainSpec(String dataset, String network, String configName, List<String> overrides, int epochs, long seed) {
    this(dataset, network, configName, overrides, epochs, seed, null);
  }

  /** The validation split of this run, on a training set of {@code trainingCount} examples. */
  public HoldOut holdOut(int trainingCount) {
    int n = validation != null ? validation : trainingCount / 6;
    if (n >= trainingCount)
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "--validation %,d is not smaller than %s's %,d training images; hold out fewer", n, dataset, trainingCount));
    return new HoldOut(n, HoldOut.SEED);
  }

  public NetworkShape shape() {
    return NetworkShape.parse(network);
  }

  /** The preset with the overrides applied. */
  public TrainingConfig config() {
    return resolve(configName, overrides);
  }

  private static TrainingConfig resolve(String configName, List<String> overrides) {
    return RecordOverrides.apply(TrainingPreset.byId(configName).config(), overrides);
  }
}
