package org.aimc.experiments.run;

import java.util.List;
import org.aimc.experiments.config.RecordOverrides;
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
 */
public record TrainSpec(String dataset, String network, String configName, List<String> overrides, int epochs, long seed) {
  public TrainSpec {
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be a positive whole number");
    dataset = TrainingData.canonicalName(dataset);
    network = NetworkShape.parse(network).toString();
    configName = TrainingPreset.byId(configName).id();
    overrides = List.copyOf(overrides);
    resolve(configName, overrides);
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
