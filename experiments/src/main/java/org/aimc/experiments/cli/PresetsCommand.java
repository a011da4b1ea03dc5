package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.aimc.experiments.config.RecordOverrides;
import org.aimc.experiments.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc presets}: list the device presets, print one in full with overrides applied. */
@Command(
    usageHelpAutoWidth = true,
    name = "presets",
    header = "List device presets and print one, resolved, as JSON.",
    description = {
      "A preset is a complete set of PCM and 3T1C capacitor parameters (units: µS, V, s). " +
      "Every value carries its source: (paper) for Ambrogio et al. 2018, a named model, or 'assumed'."
    },
    mixinStandardHelpOptions = true,
    subcommands = {PresetsCommand.ListPresets.class, PresetsCommand.Show.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc presets list",
      "  aimc presets show ambrogio2018",
      "  aimc presets show ambrogio2018 --set pcm.driftNuMax=0.2 --set capacitor.leakTimeConstantSeconds=inf",
      "  aimc presets show ideal --sources"
    })
final class PresetsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Preset ids, for completion and {@code ${COMPLETION-CANDIDATES}}. */
  static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> ids = new ArrayList<>();
      for (DevicePreset p : DevicePreset.values()) ids.add(p.id());
      return ids.iterator();
    }
  }

  @Command(
      usageHelpAutoWidth = true,
      name = "list",
      header = "List the device presets and the training configurations, one line each.",
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {"  aimc presets list"})
  static final class ListPresets implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Device presets (aimc presets show NAME prints one in full):");
      for (DevicePreset p : DevicePreset.values()) out.printf(Locale.ROOT, "  %-22s %s%n", p.id(), p.description());
      out.println();
      out.println("Training configurations (aimc train --config NAME --show-config prints one in full):");
      for (org.aimc.training.TrainingPreset p : org.aimc.training.TrainingPreset.values())
        out.printf(Locale.ROOT, "  %-27s %s%n", p.id(), p.description());
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** What {@code presets show} prints; {@code sources} only with --sources. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Resolved(String preset, String description, List<String> overrides, DeviceParams params, Map<String, String> sources) {}

  @Command(
      usageHelpAutoWidth = true,
      name = "show",
      header = "Print a device preset, resolved (overrides applied), as JSON.",
      description = {
        "Keys are dotted record paths: pcm.<name> and capacitor.<name>; numbers accept 1e-9, inf. " +
        "An unknown key lists the allowed ones; a value outside its range names the allowed range."
      },
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  aimc presets show ambrogio2018",
        "  aimc presets show capacitor-asymmetric --set capacitor.stepCtoc=0",
        "  aimc presets show ambrogio2018 --sources > ambrogio2018.json",
        "  aimc presets show ambrogio2018 --yaml > my.yaml   # then: aimc train --config my.yaml"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", completionCandidates = Ids.class, description = "Preset: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one parameter (repeatable), e.g. pcm.driftNuMax=0.2.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--sources", description = "Also print the source of every value (paper, model or assumed).")
    boolean sources;

    @Option(names = "--yaml", description = "Print the training configuration NAME (see presets list) as YAML, a file that "
        + "--config FILE.yaml accepts wherever --config NAME is accepted.")
    boolean yaml;

    @Override
    public Integer call() {
      if (yaml) {
        if (!overrides.isEmpty() || sources) throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--yaml prints a training configuration as it is; edit the file instead of --set, and see --sources without --yaml");
        org.aimc.training.TrainingPreset t;
        try {
          t = org.aimc.training.TrainingPreset.byId(name);
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--yaml: " + e.getMessage());
        }
        spec.commandLine().getOut().print(org.aimc.experiments.config.ConfigFile.yaml(t));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      DevicePreset p = DevicePreset.byId(name);
      DeviceParams params = RecordOverrides.apply(p.params(), overrides);
      Map<String, String> src = null;
      if (sources) {
        src = new LinkedHashMap<>(p.sources());
        for (String k : RecordOverrides.parse(overrides).keySet()) src.put(k, "override (--set)");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(Json.toJson(new Resolved(p.id(), p.description(), List.copyOf(overrides), params, src)));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
