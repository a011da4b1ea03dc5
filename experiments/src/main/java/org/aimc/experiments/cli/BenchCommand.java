package org.aimc.experiments.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench}: speed measured side by side in one run, always as a ratio against a plain
 * float kernel of the same shape, because these machines are shared and noisy.
 */
@Command(
    usageHelpAutoWidth = true,
    name = "bench",
    header = "Measure speed: our kernels against plain float kernels, side by side.",
    mixinStandardHelpOptions = true,
    subcommands = {BenchDevicesCommand.class, BenchTileCommand.class, BenchTrainCommand.class, BenchInferenceCommand.class,
        BenchFeaturesCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench devices", "  aimc bench tile", "  aimc bench train", "  aimc bench features"})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }
}
