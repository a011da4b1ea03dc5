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

/** {@code aimc reproduce}: the paper's comparison of configurations on one data set, under the evaluation protocol. */
@Command(
    usageHelpAutoWidth = true,
    name = "reproduce",
    header = "Reproduce the paper's comparison: every configuration, same network, seeds, data order and validation split.",
    description = {
      "Each run trains on the training part of the data set, measures every epoch on a validation part held out from it " +
      "(MNIST 50,000 / 10,000; MNIST-backrand 10,000 / 2,000; fixed seed), keeps the epoch of best validation accuracy " +
      "and reads the test set once, for that state. With --tune, each configuration first gets the same search on seed 1: " +
      "every --lr-grid value with every --decay-grid value, the test set unread; the best validation accuracy chooses the " +
      "setting, and the seeds run at it. Prints and writes comparison.md / comparison.csv (setting, validation and test " +
      "accuracy, mean ± std over seeds), tuning.md / tuning.csv with --tune, and validation-accuracy-vs-epoch.png. " +
      "Finished runs are kept: run it again to resume, also in the middle of a search."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc reproduce mnist",
      "  aimc reproduce mnist --quick",
      "  aimc reproduce mnist-backrand --tune",
      "  aimc reproduce mnist-backrand --tune --configs software --lr-grid 0.005,0.01 --decay-grid 1",
      "  aimc reproduce mnist --configs software --seeds 5 --validation 5000",
      "  aimc reproduce mnist --ablations physics",
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
      description = "Configurations to compare (default: the main comparison; any of ${COMPLETION-CANDIDATES}).")
  List<String> configs;

  @Option(names = "--ablations", paramLabel = "GROUP", split = ",",
      description = "Also run a group of ablation configurations (physics: offset, drift, drift compensation, residual handling, and the former reading of each corrected piece: drift onset, stop rule, oracle compensation, dead zone, leak τ).")
  List<String> ablations;

  @Option(names = "--network", defaultValue = "784-250-125-10",
      description = "Layer sizes joined by '-', input first (features: default one layer, FEATURES-CLASSES, the paper's CIFAR head).")
  String network;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per configuration (1..N).")
  int seeds;

  @Option(names = "--epochs", defaultValue = "20",
      description = "Passes over the training set (20 for MNIST, assumed from the paper); the epoch used is the best on validation.")
  int epochs;

  @Option(names = "--quick", description = "A shortened version in a few minutes: 3 epochs, 1 seed.")
  boolean quick;

  @Option(names = "--tune", description = "Choose each configuration's learning rate and decay on validation first (same grid for all).")
  boolean tune;

  @Option(names = "--lr-grid", split = ",", paramLabel = "ETA", description = "Learning rates searched with --tune (default: 0.005,0.01,0.02,0.04).")
  List<Double> lrGrid;

  @Option(names = "--decay-grid", split = ",", paramLabel = "F", description = "Decays per epoch searched with --tune (default: 0.9,1).")
  List<Double> decayGrid;

  @Option(names = "--validation", paramLabel = "N", description = "Training examples held out for validation (default: MNIST 10000, MNIST-backrand 2000, CIFAR-10 5000, your own folder (idx:, features:, cifar100:) a sixth).")
  Integer validation;

  @Option(names = "--threads", description = "Runs at once (default: the available cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Comparison folder (default: runs/reproduce-DATASET[-tune][-quick]).")
  Path out;

  @Mixin ExtractorOptions extractor;

  @Override
  public Integer call() {
    int e = quick ? 3 : epochs;
    int s = quick ? 1 : seeds;
    List<String> names = new ArrayList<>(configs == null ? List.of(TrainingPreset.ids(TrainingPreset.Ablations.MAIN)) : configs);
    if (ablations != null) {
      for (String g : ablations) {
        String[] ids = TrainingPreset.ids(g.trim());
        if (ids.length == 0 || g.trim().equals(TrainingPreset.Ablations.MAIN)) {
          throw new ParameterException(spec.commandLine(), "unknown ablation group '" + g + "'; allowed: "
              + String.join(", ", java.util.Arrays.stream(TrainingPreset.groups()).filter(x -> !x.equals(TrainingPreset.Ablations.MAIN)).toList()));
        }
        for (String id : ids) if (!names.contains(id)) names.add(id);
      }
    }
    if (!tune && (lrGrid != null || decayGrid != null))
      throw new ParameterException(spec.commandLine(), "--lr-grid and --decay-grid set the search of --tune; add --tune");
    Path dir = out != null ? out : org.aimc.experiments.io.SafeNames.inside(Path.of("runs"), "reproduce-" + dataset + (tune ? "-tune" : "") + (quick ? "-quick" : ""));
    Reproduction r;
    try {
      Reproduction.Grid grid = !tune ? null : new Reproduction.Grid(lrGrid != null ? lrGrid : Reproduction.Grid.DEFAULT.learningRates(),
          decayGrid != null ? decayGrid : Reproduction.Grid.DEFAULT.decays());
      String data = FeatureSets.resolve(dataset, extractor.extraction(), DataHome.fromEnvironment(), System.err);
      String suggested = TrainingData.defaultNetwork(data, network);
      String net = spec.commandLine().getParseResult().hasMatchedOption("--network") ? network : suggested;
      r = new Reproduction(data, net, names, s, e, threads != null ? threads : Runtime.getRuntime().availableProcessors(), dir,
          FeatureSets.validation(dataset, validation), grid);
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
