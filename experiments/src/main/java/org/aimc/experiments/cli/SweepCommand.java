package org.aimc.experiments.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.Sweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc sweep}: one configuration trained over a grid of parameter values. */
@Command(
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
      "  aimc sweep mnist --vary analog.tile.devices.capacitor.leakTimeConstantSeconds=0.0008,0.008,0.08 --epochs 5 --seeds 2"
    })
final class SweepCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DATASET", completionCandidates = TrainCommand.DatasetNames.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String dataset;

  @Option(names = "--config", defaultValue = "ambrogio2018", completionCandidates = TrainCommand.ConfigNames.class,
      description = "Configuration swept: ${COMPLETION-CANDIDATES}.")
  String config;

  @Option(names = "--vary", paramLabel = "KEY=V1,V2,...", required = true, showDefaultValue = Visibility.NEVER,
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

  @Override
  public Integer call() {
    Sweep sweep;
    try {
      List<Sweep.Axis> axes = vary.stream().map(Sweep.Axis::parse).toList();
      String first = axes.get(0).key();
      Path dir = out != null ? out : Path.of("runs", "sweep-" + dataset + "-" + config + "-" + first.substring(first.lastIndexOf('.') + 1));
      sweep = new Sweep(dataset, network, config, set, axes, baseline, seeds, epochs,
          threads != null ? threads : Runtime.getRuntime().availableProcessors(), dir);
    } catch (IllegalArgumentException ex) {
      throw new ParameterException(spec.commandLine(), ex.getMessage());
    }
    List<Sweep.Row> rows = sweep.run(DataHome.fromEnvironment(), System.err);
    spec.commandLine().getOut().print(sweep.markdown(rows));
    spec.commandLine().getOut().println("\nresults: " + sweep.out().toAbsolutePath());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
