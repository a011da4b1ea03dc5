package org.aimc.experiments.run;

import org.aimc.datasets.Datasets;
import org.aimc.training.NetworkShape;
import org.aimc.training.SoftwareConfig;

/**
 * What a training run is, resolved: everything needed to run it again. Written as {@code spec.json}
 * into the run folder before training starts, so that {@code --resume} rebuilds the same run.
 *
 * @param dataset data-set name, e.g. "mnist"
 * @param network layer sizes, e.g. "784-250-125-10"
 * @param configName the preset the configuration came from
 * @param config resolved hyper-parameters
 * @param epochs passes over the training set
 * @param seed seed of every random stream
 */
public record TrainSpec(String dataset, String network, String configName, SoftwareConfig config, int epochs, long seed) {
  public TrainSpec {
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + ": the number of epochs must be a positive whole number");
    dataset = Datasets.canonicalName(dataset);
    network = NetworkShape.parse(network).toString();
  }

  public NetworkShape shape() {
    return NetworkShape.parse(network);
  }
}
