package org.aimc.experiments.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by every command that runs an experiment: one seed, one output folder. */
public final class CommonOptions {
  @Option(names = "--seed", defaultValue = "1", description = "Seed of every random stream in the run (default: ${DEFAULT-VALUE}).")
  public long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Results folder (default: runs/<command>-<timestamp>).")
  public Path out;

  @Option(names = {"-v", "--verbose"}, description = "Print more detail while running.")
  public boolean verbose;

  /** The output folder the user gave, or a fresh one under runs/ named after the command. */
  public Path outOr(String commandName) {
    if (out != null && out.toString().isBlank())
      throw new IllegalArgumentException("--out '' is empty: give a folder name, e.g. --out runs/" + commandName);
    if (out != null) return out;
    String stamp = java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Path.of("runs", commandName + "-" + stamp);
  }
}
