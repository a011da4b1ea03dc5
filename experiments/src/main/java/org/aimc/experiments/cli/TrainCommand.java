package org.aimc.experiments.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.Activation;
import org.aimc.training.NetworkShape;
import org.aimc.training.SoftwareConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aimc train}: one training run into a results folder. */
@Command(
    name = "train",
    header = "Train a network on a data set and write a results folder.",
    description = {
      "Writes result.json (final and per-epoch figures, resolved configuration, seed, code version),",
      "metrics.csv (one row per epoch, rewritten after each) and summary.md. Fetches the data set on first use."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc train --dataset mnist --network 784-250-125-10 --config software --epochs 20 --seed 1",
      "  aimc train --dataset mnist --epochs 5 --batch-size 32 --learning-rate 0.1 --out runs/mb32",
      "  aimc train --dataset mnist-backrand --activation tanh --out runs/backrand"
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dataset", defaultValue = "mnist", completionCandidates = DatasetNames.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--network", defaultValue = "784-250-125-10",
      description = "Layer sizes joined by '-', input first.")
  String network;

  @Option(names = "--config", defaultValue = "software", completionCandidates = ConfigNames.class,
      description = "Configuration preset: ${COMPLETION-CANDIDATES}.")
  String config;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set.")
  int epochs;

  @Option(names = "--activation", description = "Hidden-layer neuron: ${COMPLETION-CANDIDATES} (default: the preset's).")
  ActivationName activation;

  @Option(names = "--learning-rate", paramLabel = "ETA", description = "SGD step at epoch 1 (default: the preset's).")
  Double learningRate;

  @Option(names = "--learning-rate-decay", paramLabel = "FACTOR", description = "Learning-rate factor per epoch, in (0, 1] (default: the preset's).")
  Double learningRateDecay;

  @Option(names = "--batch-size", description = "Examples per update; 1 is what the analog hardware does (default: the preset's).")
  Integer batchSize;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the interrupted run in DIR from its last checkpoint (alone: its spec.json says the rest).")
  Path resume;

  @Mixin CommonOptions common;

  /** Lower-case names for the command line. */
  enum ActivationName { sigmoid, tanh, relu }

  static final class DatasetNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;
    DatasetNames() { super(org.aimc.datasets.Datasets.NAMES); }
  }

  static final class ConfigNames extends java.util.ArrayList<String> {
    private static final long serialVersionUID = 1L;
    ConfigNames() { super(java.util.List.of("software")); }
  }

  @Override
  public Integer call() {
    if (resume != null) return resume();
    if (!new ConfigNames().contains(config))
      throw new ParameterException(spec.commandLine(), "unknown --config '" + config + "'; allowed: " + String.join(", ", new ConfigNames()));
    if (epochs < 1)
      throw new ParameterException(spec.commandLine(), "--epochs " + epochs + " must be a positive whole number");
    NetworkShape shape;
    SoftwareConfig resolved;
    try {
      shape = NetworkShape.parse(network);
      SoftwareConfig base = SoftwareConfig.baseline();
      resolved = new SoftwareConfig(
          activation == null ? base.activation() : Activation.valueOf(activation.name().toUpperCase(Locale.ROOT)),
          learningRate == null ? base.learningRate() : learningRate,
          learningRateDecay == null ? base.learningRateDecay() : learningRateDecay,
          batchSize == null ? base.batchSize() : batchSize);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Path out = common.outOr("train-" + config);
    PrintStream err = System.err;
    TrainingRun run = new TrainingRun(new TrainSpec(dataset, shape.toString(), config, resolved, epochs, common.seed), out);
    return report(run.run(DataHome.fromEnvironment(), err), out);
  }

  private Integer resume() {
    for (String name : new String[] {"--dataset", "--network", "--config", "--epochs", "--activation", "--learning-rate",
        "--learning-rate-decay", "--batch-size", "--seed", "--out"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(name))
        throw new ParameterException(spec.commandLine(), "--resume continues a run exactly as its spec.json says; drop " + name);
    }
    return report(TrainingRun.inFolder(resume).resume(DataHome.fromEnvironment(), System.err), resume);
  }

  private Integer report(TrainResult r, Path out) {
    spec.commandLine().getOut().printf(Locale.ROOT, "%s on %s (%s, %d epochs, seed %d): test accuracy %.2f %%, train %.2f %%, %.0f s%nresults: %s%n",
        r.config(), r.dataset(), r.network(), r.epochs(), r.provenance().seed(), 100 * r.testAccuracy(), 100 * r.trainAccuracy(),
        r.wallSeconds(), out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
