package org.aimc.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.FeatureSets;
import org.aimc.experiments.run.Reproduction;
import org.aimc.experiments.run.TrainingData;
import org.aimc.training.TrainingPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aimc reproduce}: the paper's comparison of configurations on one data set. */
@Command(
    name = "reproduce",
    header = "Reproduce the paper's comparison: every configuration, same network, seeds and data order.",
    description = {
      "Trains each configuration for each seed (runs in parallel on the available cores), then prints "
          + "and writes comparison.md / comparison.csv (test accuracy mean ± std over seeds beside the paper's "
          + "claim) and test-accuracy-vs-epoch.png. Finished runs are kept: run it again to resume."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc reproduce mnist",
      "  aimc reproduce mnist --quick",
      "  aimc reproduce mnist-backrand --seeds 3 --out runs/backrand",
      "  aimc reproduce mnist --configs software --seeds 5",
      "  aimc reproduce cifar10 --quick",
      "  aimc reproduce cifar10 --backbone mobilenet_v2 --input-size 96 --tap block_13_expand_relu",
      "  aimc reproduce features:/data/my-features --seeds 3"
    })
final class ReproduceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = TrainCommand.DatasetNames.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--configs", split = ",", completionCandidates = TrainCommand.ConfigNames.class,
      description = "Configurations to compare (default: all: ${COMPLETION-CANDIDATES}).")
  List<String> configs;

  @Option(names = "--network", defaultValue = "784-250-125-10",
      description = "Layer sizes joined by '-', input first (features: default one layer, FEATURES-CLASSES, the paper's CIFAR head).")
  String network;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per configuration (1..N).")
  int seeds;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set (20 for MNIST, assumed from the paper).")
  int epochs;

  @Option(names = "--quick", description = "A shortened version in a few minutes: 3 epochs, 1 seed.")
  boolean quick;

  @Option(names = "--threads", description = "Runs at once (default: the available cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Comparison folder (default: runs/reproduce-DATASET[-quick]).")
  Path out;

  @Mixin ExtractorOptions extractor;

  @Override
  public Integer call() {
    int e = quick ? 3 : epochs;
    int s = quick ? 1 : seeds;
    List<String> names = configs == null ? List.of(TrainingPreset.ids()) : new ArrayList<>(configs);
    Path dir = out != null ? out : Path.of("runs", "reproduce-" + dataset.replaceAll("[^A-Za-z0-9._-]", "_") + (quick ? "-quick" : ""));
    Reproduction r;
    try {
      String data = FeatureSets.resolve(dataset, extractor.extraction(), DataHome.fromEnvironment(), System.err);
      String suggested = TrainingData.defaultNetwork(data, network);
      String net = spec.commandLine().getParseResult().hasMatchedOption("--network") ? network : suggested;
      r = new Reproduction(data, net, names, s, e, threads != null ? threads : Runtime.getRuntime().availableProcessors(), dir);
    } catch (IllegalArgumentException ex) {
      throw new ParameterException(spec.commandLine(), ex.getMessage());
    }
    List<Reproduction.Row> rows = r.run(DataHome.fromEnvironment(), System.err);
    spec.commandLine().getOut().print(r.markdown(rows));
    spec.commandLine().getOut().println("\nresults: " + dir.toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
