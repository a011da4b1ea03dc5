package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code aimc} command: parses, builds a spec, calls the library; nothing more. */
@Command(
    usageHelpAutoWidth = true,
    name = "aimc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Emulate analog in-memory training (Ambrogio et al., Nature 558, 2018).",
    description = {
      "Device models (PCM, 3T1C capacitor), crossbar tiles and a hybrid trainer, evaluated on MNIST. " +
      "Data live in $AIMC_HOME/data (default ~/.aimc/data)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc data fetch mnist",
      "  aimc train --dataset mnist --network 784-250-125-10 --config software --epochs 20 --seed 1",
      "  aimc device characterize --preset ambrogio2018 --device pcm --out runs/pcm",
      "",
      "Exit codes: 0 success, 2 bad usage or bad input, 1 failure."
    },
    subcommands = {
      HelpCommand.class,
      DataCommand.class,
      TrainCommand.class,
      ReproduceCommand.class,
      SweepCommand.class,
      RequirementsCommand.class,
      PresetsCommand.class,
      DeviceCommand.class,
      BenchCommand.class,
      FeaturesCommand.class,
      PowerCommand.class,
      ExportCommand.class,
    })
public final class Aimc implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** The command line with aimc's exit-code mapping and error reporting; used by main and tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Aimc());
    // Descriptions are written as lines of up to ≈ 105 characters; at picocli's default width of 80
    // every one of them broke in two.
    cl.setUsageHelpWidth(110);
    cl.setExitCodeExceptionMapper(ExitCodes::forException);
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          PrintWriter err = cmd.getErr();
          err.println(cmd.getColorScheme().errorText(cmd.getCommandSpec().qualifiedName(" ") + ": " + ExitCodes.message(ex)));
          if (System.getenv("AIMC_DEBUG") != null) ex.printStackTrace(err);
          err.flush();
          return ExitCodes.forException(ex);
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          CommandLine cmd = ex.getCommandLine();
          PrintWriter err = cmd.getErr();
          err.println(cmd.getColorScheme().errorText(ex.getMessage()));
          err.println("Try 'aimc " + qualifiedName(cmd) + " --help' for the allowed values.");
          err.flush();
          return ExitCodes.USAGE;
        });
    return cl;
  }

  private static String qualifiedName(CommandLine cmd) {
    String name = cmd.getCommandSpec().qualifiedName(" ");
    return name.startsWith("aimc ") ? name.substring(5) : "";
  }

  public static void main(String[] args) {
    int code;
    try {
      code = commandLine().execute(args);
    } catch (OutOfMemoryError e) { // picocli hands Errors on; a stack trace would not say what to do
      System.err.println("aimc: " + ExitCodes.outOfMemory());
      code = ExitCodes.FAILURE;
    }
    System.exit(code);
  }
}
