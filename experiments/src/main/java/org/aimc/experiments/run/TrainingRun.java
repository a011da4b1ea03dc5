package org.aimc.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.LabeledImages;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;
import org.aimc.training.Examples;
import org.aimc.training.NetworkShape;
import org.aimc.training.SoftwareConfig;
import org.aimc.training.SoftwareTrainer;
import org.aimc.training.TrainingListener;

/**
 * One training run from a specification to a results folder: loads (fetching on first use) the
 * data set, trains, and writes metrics after every epoch and the result at the end.
 *
 * @param dataset data-set name, e.g. "mnist"
 * @param network layer sizes
 * @param configName the preset the configuration came from
 * @param config resolved hyper-parameters
 * @param epochs passes over the training set
 * @param seed seed of every random stream
 * @param out results folder
 */
public record TrainingRun(String dataset, NetworkShape network, String configName, SoftwareConfig config,
                          int epochs, long seed, Path out) {
  public TrainingRun {
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + ": the number of epochs must be a positive whole number");
    dataset = Datasets.canonicalName(dataset);
  }

  public static Examples examples(LabeledImages images) {
    return new Examples(images.toUnitFloats(), images.labels(), images.pixelsPerImage());
  }

  /** Runs it; {@code progress} (stderr) gets the progress bar, or nothing when null. */
  public TrainResult run(DataHome home, PrintStream progress) {
    DatasetSplit data = Datasets.load(dataset, home);
    if (data.train().pixelsPerImage() != network.inputs())
      throw new IllegalArgumentException("--network " + network + " has " + network.inputs() + " inputs, but " + dataset
          + " images have " + data.train().pixelsPerImage() + " pixels; use e.g. " + data.train().pixelsPerImage() + "-250-125-10");
    Examples train = examples(data.train());
    Examples test = examples(data.test());
    RunFolder folder = new RunFolder(out);
    List<EpochMetrics> done = new ArrayList<>();
    TrainingListener writer = new TrainingListener() {
      @Override
      public void epochFinished(EpochMetrics m) {
        done.add(m);
        folder.writeMetrics(done);
      }
    };
    RunProvenance provenance = RunProvenance.capture("java-scalar (software baseline)", SoftwareTrainer.RNG.name(), seed,
        Datasets.checksums(dataset));
    long start = System.nanoTime();
    SoftwareTrainer.Outcome outcome = new SoftwareTrainer(config, seed)
        .train(network, train, test, epochs, progress == null ? writer : new ProgressBarListener(progress, writer));
    double wall = (System.nanoTime() - start) / 1e9;
    double trainingSeconds = 0;
    for (EpochMetrics m : outcome.epochs()) trainingSeconds += m.trainingSeconds();
    EpochMetrics last = outcome.last();
    double best = outcome.epochs().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
    TrainResult r = new TrainResult(dataset, network.toString(), configName, epochs, last.testAccuracy(), last.trainAccuracy(), best,
        wall, (double) train.count() * epochs / trainingSeconds, outcome.epochs(),
        Map.of("config", config, "epochs", epochs, "dataset", dataset, "network", network.toString()), provenance);
    folder.writeResult(r);
    return r;
  }
}
