package org.aimc.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.FeatureSets;
import org.aimc.experiments.run.ProgressBarListener;
import org.aimc.experiments.run.TrainingData;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.TrainingPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aimc train}: one training run into a results folder. */
@Command(
    usageHelpAutoWidth = true,
    name = "train",
    header = "Train a network on a data set and write a results folder.",
    description = {
      "Writes spec.json (what to run) first, then result.json (final and per-epoch figures, resolved " +
      "configuration, seed, code version), metrics.csv and checkpoint.bin (rewritten after each epoch " +
      "and every 5 minutes) and summary.md; a run that fails leaves status.json saying why. Fetches the " +
      "data set on first use. One run at a time per folder (a second one is refused)."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc train --dataset mnist --network 784-250-125-10 --config software --epochs 20 --seed 1",
      "  aimc train --dataset mnist --epochs 5 --batch-size 32 --learning-rate 0.1 --out runs/mb32",
      "  aimc train --dataset mnist-backrand --set activation=tanh --set learningRate=0.02",
      "  aimc train --config ambrogio2018 --set analog.transfer.intervalExamples=4000 --show-config",
      "  aimc train --resume runs/mb32",
      "  aimc train --resume runs/mb32 --set learningRate=0.05",
      "  aimc train --dataset cifar10 --config ambrogio2018 --epochs 5",
      "  aimc train --dataset features:/data/resnet50-cifar10 --network 2048-100-10"
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
      description = "Configuration preset: ${COMPLETION-CANDIDATES}; or a YAML file (aimc presets show NAME --yaml > my.yaml).")
  String config;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set.")
  int epochs;

  @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = Visibility.NEVER,
      description = "Override one field of the configuration, e.g. learningRate=0.02 (repeatable; unknown keys list the allowed ones).")
  List<String> set = new ArrayList<>();

  @Option(names = "--activation", description = "Shorthand for --set activation=…: ${COMPLETION-CANDIDATES}.")
  ActivationName activation;

  @Option(names = "--learning-rate", paramLabel = "ETA", description = "Shorthand for --set learningRate=ETA.")
  Double learningRate;

  @Option(names = "--batch-size", description = "Shorthand for --set batchSize=N; 1 is what the analog hardware does.")
  Integer batchSize;

  @Option(names = "--validation", paramLabel = "N",
      description = "Training examples held out for validation; the epoch of best validation accuracy is kept and tested (default: MNIST 10000, MNIST-backrand 2000, CIFAR-10 5000, your own folder (idx:, features:, cifar100:) a sixth).")
  Integer validation;

  @Option(names = "--show-config", description = "Print the resolved configuration (preset + --set overrides) as JSON and exit.")
  boolean showConfig;

  @Option(names = "--resume", paramLabel = "DIR",
      description = "Continue the interrupted run in DIR from its last checkpoint (its spec.json says the rest; only --set learningRate=… or learningRateDecay=…, or --learning-rate, may change it, and the change is recorded).")
  Path resume;

  @Option(names = "--overwrite", description = "Replace the run already in --out (finished or interrupted); without it such a folder is refused.")
  boolean overwrite;

  @Option(names = "--checkpoint-every", paramLabel = "N", defaultValue = "0",
      description = "Write checkpoint.bin every N training examples as well as at every epoch end (0: every 5 minutes of training).")
  long checkpointEvery;

  @Mixin CommonOptions common;

  @Mixin ExtractorOptions extractor;

  /** Lower-case names for the command line. */
  enum ActivationName { sigmoid, tanh, relu }

  static final class DatasetNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
    DatasetNames() {
      super(org.aimc.datasets.Datasets.NAMES);
      addAll(List.of("cifar10", "cifar100:DIR", "features:DIR", "idx:FOLDER"));
    }
  }

  static final class ConfigNames extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
    ConfigNames() { super(List.of(TrainingPreset.ids())); }
  }

  @Override
  public Integer call() {
    if (resume != null) return resume();
    List<String> overrides = new ArrayList<>();
    if (activation != null) overrides.add("activation=" + activation);
    if (learningRate != null) overrides.add("learningRate=" + learningRate);
    if (batchSize != null) overrides.add("batchSize=" + batchSize);
    overrides.addAll(set);
    TrainSpec trainSpec;
    try {
      org.aimc.experiments.config.ConfigFile c = org.aimc.experiments.config.ConfigFile.resolve(config, overrides);
      String data = FeatureSets.resolve(dataset, extractor.extraction(), DataHome.fromEnvironment(), System.err);
      String suggested = TrainingData.defaultNetwork(data, network);
      String net = spec.commandLine().getParseResult().hasMatchedOption("--network") ? network : suggested;
      trainSpec = new TrainSpec(data, net, c.base(), c.overrides(), epochs, common.seed, FeatureSets.validation(dataset, validation));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (showConfig) {
      spec.commandLine().getOut().print(org.aimc.experiments.io.Json.toJson(
          java.util.Map.of("config", trainSpec.configName(), "overrides", trainSpec.overrides(), "resolved", trainSpec.config())));
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }
    Path out = common.outOr("train-" + trainSpec.configName());
    TrainingRun run = new TrainingRun(trainSpec, out, checkpointEvery);
    ProgressBarListener bar = new ProgressBarListener(System.err);
    try {
      return report(run.run(DataHome.fromEnvironment(), bar, overwrite), out);
    } finally {
      bar.abandon();
    }
  }

  private Integer resume() {
    for (String name : new String[] {"--dataset", "--network", "--config", "--epochs", "--activation", "--batch-size", "--seed", "--out",
        "--overwrite", "--validation"}) {
      if (spec.commandLine().getParseResult().hasMatchedOption(name))
        throw new ParameterException(spec.commandLine(), "--resume continues a run as its spec.json says; drop " + name
            + " (a resume may change only " + String.join(", ", TrainingRun.RESUMABLE_KEYS) + ", with --set)");
    }
    List<String> changes = new ArrayList<>();
    if (learningRate != null) changes.add("learningRate=" + learningRate);
    changes.addAll(set);
    TrainingRun run = TrainingRun.inFolder(resume, checkpointEvery);
    ProgressBarListener bar = new ProgressBarListener(System.err);
    try {
      return report(run.resume(DataHome.fromEnvironment(), bar, changes), resume);
    } finally {
      bar.abandon();
    }
  }

  private Integer report(TrainResult r, Path out) {
    spec.commandLine().getOut().printf(Locale.ROOT,
        "%s on %s (%s, %d epochs, seed %d): epoch %d selected on validation (%.2f %%); test accuracy %.2f %%, train %.2f %%, %.0f s%nresults: %s%n",
        r.config(), r.dataset(), r.network(), r.epochs(), r.provenance().seed(), r.selectedEpoch(), 100 * r.validationAccuracy(),
        100 * r.testAccuracy(), 100 * r.trainAccuracy(), r.wallSeconds(), out.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
