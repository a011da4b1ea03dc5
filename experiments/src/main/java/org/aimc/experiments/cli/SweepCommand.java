package org.aimc.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc sweep}: one configuration trained over a grid of parameter values. */
@Command(
    usageHelpAutoWidth = true,
    name = "sweep",
    header = "Train one configuration over a grid of parameter values, for several seeds, beside a baseline.",
    description = {
      "Every combination of the --vary values is a point; each point is trained for seeds 1..N (runs in parallel on "
          + "the available cores). runs.csv gains a row as each run finishes; at the end sweep.md / sweep.csv give test "
          + "accuracy mean ± std per point and its difference from the baseline, and a PNG plots it against the first "
          + "swept key. Finished runs are kept: run it again to resume. Keys are those of --set (see train --show-config)."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc sweep mnist-backrand --vary analog.tile.backward.outputNoise=0,0.05,0.1 --baseline software",
      "  aimc sweep mnist --config ambrogio2018 --vary analog.tile.devices.capacitor.stepCtoc=0,0.3 \\",
      "      --vary analog.transfer.intervalExamples=2000,8000 --seeds 2 --epochs 5",
      "  aimc sweep mnist --vary analog.tile.devices.capacitor.leakTimeConstantSeconds=0.0008,0.008,0.08 --epochs 5 --seeds 2",
      "  aimc sweep --spec sweep.yaml --dry-run",
      "  aimc sweep --spec sweep.yaml --engine spark                          # embedded Spark, local[*]",
      "  aimc sweep --spec sweep.yaml --engine spark --master spark://host:7077"
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", completionCandidates = TrainCommand.DatasetNames.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--config", defaultValue = "ambrogio2018", completionCandidates = TrainCommand.ConfigNames.class,
      description = "Configuration swept: ${COMPLETION-CANDIDATES}.")
  String config;

  @Option(names = "--spec", paramLabel = "FILE.yaml",
      description = "A sweep spec (YAML: dataset, network, config, set, axes, seeds, epochs, baseline, out) instead of DATASET and "
          + "the options that describe the sweep; --epochs, --seeds and --out override the file's.")
  Path specFile;

  @Option(names = "--dry-run", description = "Print the resolved points, the number of runs and an estimated run time; train nothing.")
  boolean dryRun;

  @Option(names = "--engine", defaultValue = "local", description = "Where the runs train: local (this machine's cores) or spark.")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master for --engine spark: local[*] (default, embedded, loopback only), local[N], spark://HOST:PORT, k8s://...")
  String master;

  @Option(names = "--vary", paramLabel = "KEY=V1,V2,...", showDefaultValue = Visibility.NEVER,
      description = "A key and the values it takes (repeatable: the grid is every combination).")
  List<String> vary = new ArrayList<>();

  @Option(names = "--set", paramLabel = "KEY=VALUE", showDefaultValue = Visibility.NEVER, description = "Override a key at every point (repeatable).")
  List<String> set = new ArrayList<>();

  @Option(names = "--baseline", paramLabel = "CONFIG", completionCandidates = TrainCommand.ConfigNames.class,
      description = "Also train this configuration on the same seeds and report each point's difference from it, e.g. software.")
  String baseline;

  @Option(names = "--network", defaultValue = "784-250-125-10", description = "Layer sizes joined by '-', input first.")
  String network;

  @Option(names = "--seeds", defaultValue = "3", description = "Seeds per point (1..N).")
  int seeds;

  @Option(names = "--epochs", defaultValue = "20", description = "Passes over the training set.")
  int epochs;

  @Option(names = "--threads", description = "Runs at once (default: the available cores).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Sweep folder (default: runs/sweep-DATASET-CONFIG-KEY, KEY the last part of the first swept key).")
  Path out;

  /** Options that describe the sweep itself, which a spec file gives instead. */
  private static final List<String> DESCRIBING = List.of("--config", "--vary", "--set", "--baseline", "--network");

  @Override
  public Integer call() {
    Sweep sweep;
    SweepEngine runner;
    int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    try {
      if (specFile != null) {
        if (dataset != null) throw new IllegalArgumentException("--spec " + specFile + ": the spec names the data set; drop DATASET (" + dataset + ")");
        for (String name : DESCRIBING) {
          if (spec.commandLine().getParseResult().hasMatchedOption(name))
            throw new IllegalArgumentException(name + " with --spec: the spec file describes the sweep; edit the file instead "
                + "(--epochs, --seeds and --out may override the file's)");
        }
        Sweep s = SweepSpec.read(specFile, cores);
        // A quick look at a kept sweep: fewer epochs or seeds, into another folder.
        var parsed = spec.commandLine().getParseResult();
        sweep = new Sweep(s.dataset(), s.network(), s.config(), s.fixed(), s.axes(), s.baseline(),
            parsed.hasMatchedOption("--seeds") ? seeds : s.seeds(), parsed.hasMatchedOption("--epochs") ? epochs : s.epochs(), cores,
            out != null ? out : s.out());
      } else {
        if (dataset == null) throw new IllegalArgumentException("give DATASET and --vary KEY=V1,V2,..., or --spec FILE.yaml");
        if (vary.isEmpty()) throw new IllegalArgumentException("--vary: name at least one key to sweep, e.g. --vary analog.tile.backward.outputNoise=0,0.1");
        List<Sweep.Axis> axes = vary.stream().map(Sweep.Axis::parse).toList();
        String first = axes.get(0).key();
        org.aimc.experiments.config.ConfigFile c = org.aimc.experiments.config.ConfigFile.resolve(config, set);
        String tag = org.aimc.experiments.config.ConfigFile.isFile(config) ? Path.of(config).getFileName().toString().replaceFirst("\\.ya?ml$", "") : config;
        Path dir = out != null ? out : Sweep.defaultFolder(dataset, tag, first);
        sweep = new Sweep(dataset, network, c.base(), c.overrides(), axes, baseline, seeds, epochs, cores, dir);
      }
      SweepEngine.checkOptions(engine, master);
      if (dryRun) {
        spec.commandLine().getOut().print(sweep.dryRun(cores));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      runner = SweepEngine.named(engine, master, threads);
    } catch (IllegalArgumentException ex) {
      throw new ParameterException(spec.commandLine(), ex.getMessage());
    }
    List<Sweep.Row> rows = sweep.run(DataHome.fromEnvironment(), System.err, runner);
    spec.commandLine().getOut().print(sweep.markdown(rows));
    spec.commandLine().getOut().println("\nresults: " + sweep.out().toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
