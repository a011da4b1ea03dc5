package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.experiments.report.ExportTable;
import org.aimc.experiments.report.TechnologyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aimc export}: the accuracy-versus-power table of run folders. */
@Command(
    usageHelpAutoWidth = true,
    name = "export",
    header = "Export the accuracy-versus-power table of run folders (CSV, Markdown, LaTeX or PNG).",
    description = {
      "One row per configuration (and data set and network): test accuracy (mean ± std over seeds), " +
      "training energy per example, energy per inference, average power, GOP/s/W and TOP/s/mm² (means " +
      "over seeds), and whether the row lies on the Pareto front of accuracy against energy. RESULTS are " +
      "run folders (with result.json) or folders holding them, such as an 'aimc reproduce' folder. " +
      "Runs without energy figures are refused (or left out with --skip-missing); runs whose counting " +
      "conventions differ are refused. Counting convention: 1 multiply-accumulate = 2 operations."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc export runs/reproduce-mnist",
      "  aimc export runs/reproduce-mnist --format csv --out table.csv",
      "  aimc export runs/reproduce-mnist --format png --out accuracy-vs-energy.png",
      "  aimc export runs/a runs/b --format latex --skip-missing",
      "  aimc export runs/reproduce-mnist --technology my-chip.json"
    })
final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "Run folders, or folders of run folders.")
  List<Path> results;

  @Option(names = "--format", description = "csv, md, latex or png (default: md).")
  String format = "md";

  @Option(names = "--out", paramLabel = "FILE", description = "Write here (default: standard output; for png: accuracy-vs-energy.png).")
  Path out;

  @Option(names = "--technology", paramLabel = "FILE|PRESET", description = "Re-price every run from its recorded phase counts with this table.")
  String technology;

  @Option(names = "--skip-missing", description = "Leave out runs without energy figures, and folders with an unreadable or invalid result.json (with a warning), instead of refusing.")
  boolean skipMissing;

  @Override
  public Integer call() {
    if (!List.of("csv", "md", "latex", "png").contains(format)) {
      throw new ParameterException(spec.commandLine(), "--format " + format + ": allowed: csv, md, latex, png");
    }
    TechnologyTable tech;
    ExportTable t;
    try {
      tech = technology == null ? null : TechnologyJson.resolve(technology);
      t = ExportTable.of(results, tech, skipMissing);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter err = spec.commandLine().getErr();
    for (String w : t.warnings()) err.println("aimc export: warning: " + w);
    err.flush();
    PrintWriter o = spec.commandLine().getOut();
    if (format.equals("png") || out != null) {
      Path file = out != null ? out : Path.of("accuracy-vs-energy.png");
      t.write(format, file);
      o.println("written: " + file.toAbsolutePath());
    } else {
      o.print(t.text(format));
    }
    o.flush();
    return ExitCodes.OK;
  }
}
