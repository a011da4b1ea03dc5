package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetInfo;
import org.aimc.datasets.Datasets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc data info NAME}: where a data set's files are, whether they verify, counts per class. */
@Command(
    usageHelpAutoWidth = true,
    name = "info",
    header = "Show a data set's files, sizes, checksums (verified or not) and counts per class.",
    description = {"Fetches nothing. Exits with 2 when a file is missing or fails its checksum."},
    mixinStandardHelpOptions = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc data info mnist", "  aimc data info mnist-backrand", "  aimc data info cifar10",
        "  aimc data info features:DIR", "  aimc data info idx:DIR", "  aimc data info cifar100:DIR"})
final class DataInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "NAME", completionCandidates = DataCommand.Names.class,
      description = "Data set: ${COMPLETION-CANDIDATES}, or a folder of your own: features:DIR, idx:DIR, cifar100:DIR.")
  String name;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data folder; default $AIMC_HOME/data or ~/.aimc/data.")
  Path dataDir;

  @Override
  public Integer call() {
    DataHome home = dataDir != null ? DataHome.at(dataDir) : DataHome.fromEnvironment();
    PrintWriter out = spec.commandLine().getOut();
    if (UserData.handles(name)) return UserData.info(name, home, out, spec.commandLine().getErr());
    DatasetInfo info = Datasets.info(name, home);
    out.println(info.name() + ": " + info.summary());
    for (String note : info.notes()) out.println(note);
    out.println("folder: " + info.folder());
    out.println("files:");
    for (DatasetInfo.FileStatus f : info.files()) {
      String state;
      if (!f.present()) state = "MISSING";
      else if (f.verified()) state = "verified";
      else if (f.size() != f.expectedSize()) state = String.format(Locale.ROOT, "WRONG SIZE (expected %,d bytes)", f.expectedSize());
      else state = "CHECKSUM MISMATCH (expected " + f.expectedSha256() + ")";
      out.printf(Locale.ROOT, "  %-24s %17s  sha256 %-64s  %s%n", f.fileName(),
          f.present() ? String.format(Locale.ROOT, "%,d bytes", f.size()) : "-", f.present() ? f.sha256() : "-", state);
    }
    split(out, "train", info.train());
    split(out, "test", info.test());
    out.flush();
    if (!info.verified()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("aimc data info: " + info.name() + " is not complete and verified in " + info.folder()
          + "; fetch it with: " + info.fetchCommand());
      err.flush();
      return ExitCodes.USAGE;
    }
    return ExitCodes.OK;
  }

  private static void split(PrintWriter out, String label, DatasetInfo.SplitStats s) {
    if (s == null) {
      out.println(label + ": (files not verified)");
      return;
    }
    out.printf(Locale.ROOT, "%s: %,d images of %d×%d; per class:", label, s.count(), s.rows(), s.cols());
    for (int c = 0; c < s.perClass().length; c++) out.printf(Locale.ROOT, " %d:%d", c, s.perClass()[c]);
    out.println();
  }
}
