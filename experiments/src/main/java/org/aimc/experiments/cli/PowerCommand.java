package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.aimc.crossbar.energy.EnergyMarkdown;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.report.PowerAnalysis;
import org.aimc.experiments.report.PowerConfigs;
import org.aimc.experiments.report.TechnologyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code aimc power}: energy, power and area of a configuration for one epoch, without training. */
@Command(
    usageHelpAutoWidth = true,
    name = "power",
    header = "Energy, power and area of a configuration for one epoch, without training.",
    description = {
      "Derives the event counts of one epoch from the network's shape and the tile configuration " +
      "(MVMs and DAC/ADC conversions exactly; update and PCM programming pulses from stated expectations, " +
      "or measured in a run folder with --from), prices them with a technology table, and prints energy " +
      "per training example, per epoch and per inference, average power, GOP/s/W and TOP/s/mm², the " +
      "breakdown by phase and by component, the ratio to a reference GPU, and the paper's configuration " +
      "priced with the same table beside the paper's figures. " +
      "Counting convention: 1 multiply-accumulate = 2 operations."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc power --config ambrogio2018",
      "  aimc power --config ambrogio2018 --transfer-interval 2000 --line-items",
      "  aimc power --config pcm-only --network 784-250-125-10 --gpu v100",
      "  aimc power --from runs/reproduce-mnist/ambrogio2018/seed-1",
      "  aimc power --show-technology --format json > my-chip.json   # template",
      "  aimc power --config ambrogio2018 --technology my-chip.json --out runs/p"
    })
final class PowerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", completionCandidates = ConfigNames.class,
      description = "Configuration: ${COMPLETION-CANDIDATES} (default with --from: the run's).")
  String config;

  @Option(names = "--network", description = "Layer sizes joined by '-', input first; each layer gets a bias row (default: 784-250-125-10, or the run's).")
  String network;

  @Option(names = "--examples", paramLabel = "N", description = "Training examples per epoch (default: 60,000, MNIST).")
  Long examples;

  @Option(names = "--transfer-interval", paramLabel = "N",
      description = "Examples between transfers; 0 = none (default: 8,000 for hybrid cells (paper), 0 otherwise).")
  Long transferInterval;

  @Option(names = "--update-pulses", paramLabel = "X",
      description = "Expected device pulses per cell per update (default: 0.0625 capacitor pulses (paper: ~1,000 per 16,000 images); 0.003125 for pcm-only).")
  Double updatePulses;

  @Option(names = "--transfer-set-pulses", paramLabel = "X", description = "Expected PCM SET pulses per cell per transfer (default: 2.0, measured).")
  Double setPulses;

  @Option(names = "--transfer-reset-pulses", paramLabel = "X", description = "Expected PCM RESET pulses per cell per transfer (default: 1.2, measured).")
  Double resetPulses;

  @Option(names = "--transfer-verify-reads", paramLabel = "X", description = "Expected verify reads per cell per transfer (default: 3.0, measured).")
  Double verifyReads;

  @Option(names = "--from", paramLabel = "RUN_DIR", description = "Take the expected pulses (and the configuration and network) from a run folder's recorded counts.")
  Path from;

  @Option(names = "--technology", paramLabel = "FILE|PRESET",
      description = "Technology table: a preset (ambrogio2018, estimates2018) or a JSON file (default: ambrogio2018).")
  String technology;

  @Option(names = "--gpu", description = "Reference GPU: p100 (FP16 peak), p100-fp32, v100 (tensor peak) (default: p100).")
  String gpu;

  @Option(names = "--format", description = "Output: md or json (default: md).")
  String format = "md";

  @Option(names = "--line-items", description = "Also list every priced count (phase, entry, count, unit energy).")
  boolean lineItems;

  @Option(names = "--show-technology", description = "Also print the technology table with every entry's source (alone, without --config: only the table).")
  boolean showTechnology;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write power.md, power.json and technology.json into DIR.")
  Path out;

  static final class ConfigNames extends ArrayList<String> {
    ConfigNames() {
      super(List.of(PowerConfigs.ids()));
    }
  }

  @Override
  public Integer call() {
    if (!format.equals("md") && !format.equals("json")) {
      throw new ParameterException(spec.commandLine(), "--format " + format + ": allowed: md, json");
    }
    PrintWriter o = spec.commandLine().getOut();
    if (config == null && from == null && showTechnology) {
      TechnologyTable t;
      try {
        t = technology == null ? TechnologyTable.ambrogio2018() : TechnologyJson.resolve(technology);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      o.print(format.equals("json") ? Json.toJson(TechnologyJson.toJson(t)) : EnergyMarkdown.technology(t));
      o.flush();
      return ExitCodes.OK;
    }
    PowerAnalysis a;
    try {
      a = PowerAnalysis.of(new PowerAnalysis.Options(config, network, examples, transferInterval, updatePulses, setPulses, resetPulses,
          verifyReads, from, technology, gpu));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    o.print(format.equals("json") ? Json.toJson(a.json()) : a.markdown(lineItems, showTechnology));
    if (out != null) {
      AtomicFiles.writeString(out.resolve("power.md"), a.markdown(true, true));
      Json.write(out.resolve("power.json"), a.json());
      TechnologyJson.write(out.resolve("technology.json"), a.technology());
      if (format.equals("md")) o.println("\nwritten: " + out.toAbsolutePath());
    }
    o.flush();
    return ExitCodes.OK;
  }
}
