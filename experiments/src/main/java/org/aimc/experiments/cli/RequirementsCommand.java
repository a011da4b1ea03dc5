package org.aimc.experiments.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.requirements.Envelope;
import org.aimc.experiments.requirements.Requirements;
import org.aimc.experiments.requirements.RequirementsSpec;
import org.aimc.experiments.run.FeatureSets;
import org.aimc.experiments.run.Reproduction;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.TrainingData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc requirements}: which assumed device values decide the gap to software, and the envelope of specifications that close it. */
@Command(
    name = "requirements",
    header = "Map the device requirements: screen every assumed value, search the decisive ones jointly, give the envelope.",
    description = {
      "1. Screening: every parameter of the spec (--spec, default the built-in ambrogio2018: requirements/ambrogio2018.yaml) to its",
      "   low and high end, one at a time, beside the configuration and software on the same seeds: screening.md/.csv (Δ test and Δ",
      "   validation vs the configuration and vs software, mean ± std over seeds, ordered by effect on validation) and tornado.png.",
      "2. Joint search: the --top parameters at 3 levels each (low, the configuration's value or the middle, high), full factorial:",
      "   envelope.md/.csv/.png, the specifications whose gap to software is ≤ --max-gap points at the upper end of a one-sided",
      "   --confidence interval over seeds, and the least demanding one (smallest sum of moves in units of each range).",
      "3. --tune: software and the configuration first get the learning-rate search of reproduce --tune; then up to --confirm",
      "   envelope points get their own search and run again (confirmed.md). requirements.md says it in one paragraph.",
      "4. --confirm-epochs N: software, the configuration and up to --confirm envelope points again at N epochs, same seeds:",
      "   each point's gap and upper bound at both lengths and whether it holds (envelope.md, confirmed-epochs.csv).",
      "--before-transfer-row adds a screening row: the configuration measured just before each epoch's last transfer.",
      "Every run keeps the protocol (validation split, best epoch, test read once). Finished runs are reused: run it again to resume.",
      "The spec is checked before anything runs: every value of the configuration whose source is 'assumed' must be screened or",
      "excluded with a reason; a bad key, an empty range, low above high or a value the records reject exits 2 naming file and line."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc requirements mnist --dry-run",
      "  aimc requirements mnist --quick",
      "  aimc requirements mnist --epochs 5 --seeds 2 --budget-hours 4",
      "  aimc requirements mnist --epochs 3 --confirm-epochs 20 --before-transfer-row",
      "  aimc requirements mnist --engine spark --master spark://host:7077 --tune",
      "  aimc requirements mnist-backrand --spec my-ranges.yaml --top 4"
    })
final class RequirementsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = TrainCommand.DatasetNames.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--spec", paramLabel = "NAME|FILE.yaml", defaultValue = "ambrogio2018",
      description = "The ranges: a built-in spec (ambrogio2018) or a YAML file of the same form.")
  String specName;

  @Option(names = "--network", defaultValue = "784-250-125-10",
      description = "Layer sizes joined by '-', input first (features: default one layer, FEATURES-CLASSES).")
  String network;

  @Option(names = "--epochs", defaultValue = "5", description = "Passes over the training set of every run (the epoch used is the best on validation).")
  int epochs;

  @Option(names = "--seeds", defaultValue = "2", description = "Seeds per point (1..N); the envelope needs at least 2.")
  int seeds;

  @Option(names = "--top", defaultValue = "3", description = "Parameters of the joint search (3 levels each: 3^k points).")
  int top;

  @Option(names = "--max-gap", defaultValue = "0.5", paramLabel = "POINTS", description = "Largest gap to software of a specification in the envelope, in points.")
  double maxGap;

  @Option(names = "--confidence", defaultValue = "0.9", description = "Level of the one-sided interval over seeds.")
  double confidence;

  @Option(names = "--tune", description = "Choose the learning rate on validation for software, the configuration and the --confirm envelope points.")
  boolean tune;

  @Option(names = "--lr-grid", split = ",", paramLabel = "ETA", description = "Learning rates searched with --tune (default: 0.005,0.01,0.02,0.04).")
  List<Double> lrGrid;

  @Option(names = "--decay-grid", split = ",", paramLabel = "F", description = "Decays per epoch searched with --tune (default: 0.9,1).")
  List<Double> decayGrid;

  @Option(names = "--confirm", defaultValue = "3", description = "Envelope points (least demanding first; the best point if none is inside) "
      + "confirmed: with --tune at their own learning rate, with --confirm-epochs at that length.")
  int confirm;

  @Option(names = "--confirm-epochs", paramLabel = "N", description = "Screen and search at --epochs, then train software, the configuration and "
      + "the --confirm envelope points again at N epochs (more than --epochs) on the same seeds: their gap at both lengths and whether it holds.")
  Integer confirmEpochs;

  @Option(names = "--before-transfer-row", description = "Add a screening row: the configuration measured just before each epoch's last transfer "
      + "(evaluateBeforeTransfer=true) instead of at each epoch's end; not searched jointly.")
  boolean beforeTransferRow;

  @Option(names = "--budget-hours", paramLabel = "H",
      description = "Shrink the design to fit: seeds down to 2, then epochs halved down to 1, then --top down to 1 (estimated on --threads, "
          + "or on --executors with --engine spark); exits 2 if even that does not fit.")
  Double budgetHours;

  @Option(names = "--quick", description = "A small version for CI and notebooks: 1 epoch, 2 seeds, top 2, a 784-32-10 network on MNIST "
      + "(a data set's own default network on features), --tune's grid 0.01,0.02 × 0.9.")
  boolean quick;

  @Option(names = "--dry-run", description = "Print the parameters, the runs and the estimated time here and on --executors; train nothing.")
  boolean dryRun;

  @Option(names = "--executors", defaultValue = "16", description = "Runs at once on a cluster, for the --dry-run estimate (and --budget-hours with spark).")
  int executors;

  @Option(names = "--engine", defaultValue = "local", description = "Where the runs train: local (this machine's cores) or spark.")
  String engine;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark (default local[*]).")
  String master;

  @Option(names = "--validation", paramLabel = "N", description = "Training examples held out for validation (default: the data set's own).")
  Integer validation;

  @Option(names = "--threads", description = "Runs at once on this machine (default: the available cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Study folder (default: runs/requirements-DATASET-SPEC[-quick]).")
  Path out;

  @Mixin ExtractorOptions extractor;

  @Override
  public Integer call() {
    var parsed = spec.commandLine().getParseResult();
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    Requirements study;
    SweepEngine runner;
    List<String> shrunk = new ArrayList<>();
    try {
      RequirementsSpec ranges = RequirementsSpec.load(specName);
      if (!tune && (lrGrid != null || decayGrid != null))
        throw new IllegalArgumentException("--lr-grid and --decay-grid set the search of --tune; add --tune");
      int e = quick && !parsed.hasMatchedOption("--epochs") ? 1 : epochs;
      int s = quick && !parsed.hasMatchedOption("--seeds") ? 2 : seeds;
      int k = quick && !parsed.hasMatchedOption("--top") ? 2 : top;
      Reproduction.Grid grid = !tune ? null : new Reproduction.Grid(
          lrGrid != null ? lrGrid : quick ? List.of(0.01, 0.02) : Reproduction.Grid.DEFAULT.learningRates(),
          decayGrid != null ? decayGrid : quick ? List.of(0.9) : Reproduction.Grid.DEFAULT.decays());
      // A dry run does not extract: it names the folder the extraction will write and estimates from its sizes.
      FeatureSets.Planned planned = dryRun ? FeatureSets.plan(dataset, extractor.extraction(), DataHome.fromEnvironment(), System.err) : null;
      String data = planned != null ? planned.name() : FeatureSets.resolve(dataset, extractor.extraction(), DataHome.fromEnvironment(), System.err);
      String net = parsed.hasMatchedOption("--network") ? network
          : quick && !TrainingData.isOwn(TrainingData.canonicalName(data)) ? "784-32-10" : TrainingData.defaultNetwork(data, network);
      String tag = RequirementsSpec.BUILT_IN.contains(specName) ? specName : Path.of(specName).getFileName().toString().replaceFirst("\\.ya?ml$", "");
      Path dir = out != null ? out
          : org.aimc.experiments.io.SafeNames.inside(Path.of("runs"), "requirements-" + dataset + "-" + tag + (quick ? "-quick" : ""));
      if (confirmEpochs != null && confirmEpochs < 1) throw new IllegalArgumentException("--confirm-epochs " + confirmEpochs + " must be a positive number of epochs");
      study = new Requirements(data, net, ranges, e, s, k, maxGap, confidence, grid, confirm, confirmEpochs == null ? 0 : confirmEpochs, beforeTransferRow,
          FeatureSets.validation(dataset, validation), dir);
      if (budgetHours != null) {
        if (!(budgetHours > 0)) throw new IllegalArgumentException("--budget-hours " + budgetHours + " must be positive");
        study = study.within(budgetHours, engine.equals("spark") ? executors : cores, shrunk);
      }
      SweepEngine.checkOptions(engine, master);
      if (dryRun) {
        if (!shrunk.isEmpty()) spec.commandLine().getOut().println("to fit --budget-hours " + budgetHours + ": " + String.join(", ", shrunk));
        if (planned != null) spec.commandLine().getOut().print(planned.describe());
        spec.commandLine().getOut().print(study.dryRun(cores, executors));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      if (Files.exists(dir) && !Files.isDirectory(dir)) throw new IllegalArgumentException("--out " + dir + " is a file, not a folder");
      runner = SweepEngine.named(engine, master, threads);
    } catch (IllegalArgumentException ex) {
      throw new ParameterException(spec.commandLine(), ex.getMessage());
    }
    // Past the checks: what fails now is reported by the command line's handler (exit 2 for bad input, 1 for a failure).
    if (!shrunk.isEmpty()) System.err.println("to fit --budget-hours " + budgetHours + ": " + String.join(", ", shrunk));
    Requirements.Outcome o = study.run(DataHome.fromEnvironment(), System.err, runner);
    try {
      spec.commandLine().getOut().print(Files.readString(study.out().resolve(Requirements.SUMMARY_MD)));
    } catch (java.io.IOException ex) {
      throw new java.io.UncheckedIOException("cannot read " + study.out().resolve(Requirements.SUMMARY_MD), ex);
    }
    if (o.gaps().stream().noneMatch(Envelope.Gap::inside) && study.seeds() < 2)
      spec.commandLine().getOut().println("(one seed: no interval over seeds, so no point can enter the envelope; use --seeds 2 or more)");
    spec.commandLine().getOut().println("\nresults: " + study.out().toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
