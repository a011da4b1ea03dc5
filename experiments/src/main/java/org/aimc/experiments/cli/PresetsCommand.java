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
import org.aimc.config.PresetLibrary;
import org.aimc.crossbar.TilePreset;
import org.aimc.devices.DevicePreset;
import org.aimc.devices.PulsedDevicePreset;
import org.aimc.config.RecordOverrides;
import org.aimc.experiments.io.Json;
import org.aimc.training.TrainingPreset;
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
      return DevicePreset.LIBRARY.builtInNames().iterator();
    }
  }

  @Command(
      usageHelpAutoWidth = true,
      name = "list",
      header = "List the device presets, tile presets and training configurations, one line each.",
      description = {
        "Built-in presets are data files inside aimc (presets/KIND/NAME.yaml); your own files in",
        "$AIMC_HOME/presets/NAME.yaml (default ~/.aimc/presets) are found by name like them and listed as yours."
      },
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {"  aimc presets list"})
  static final class ListPresets implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("Device presets (aimc presets show NAME prints one in full):");
      for (DevicePreset p : DevicePreset.values()) out.printf(Locale.ROOT, "  %-27s %s%s%n", p.id(), p.description(), mine(p.origin()));
      out.println();
      out.println("Pulsed devices of aihwkit's families, for devices.fast / devices.slow (aimc presets show NAME --kind pulsed):");
      for (PulsedDevicePreset p : PulsedDevicePreset.values()) out.printf(Locale.ROOT, "  %-27s %s%s%n", p.id(), p.description(), mine(p.origin()));
      out.println();
      out.println("Tile presets (aimc presets show NAME --kind tile):");
      for (TilePreset p : TilePreset.values()) out.printf(Locale.ROOT, "  %-27s %s%s%n", p.id(), p.description(), mine(p.origin()));
      out.println();
      out.println("Training configurations (aimc train --config NAME --show-config prints one in full):");
      for (TrainingPreset p : TrainingPreset.values()) out.printf(Locale.ROOT, "  %-27s %s%s%n", p.id(), p.description(), mine(p.origin()));
      out.println();
      out.println("Your own presets: " + PresetLibrary.userFolder() + "/NAME.yaml (kind: device, pulsed, tile or training; see aimc presets show --help).");
      out.flush();
      return ExitCodes.OK;
    }

    private static String mine(String origin) {
      return "built-in".equals(origin) ? "" : "  [yours: " + origin + "]";
    }
  }

  /** What {@code presets show} prints; {@code sources} only with --sources. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Resolved(String preset, String description, List<String> overrides, Object params, Map<String, String> sources) {}

  @Command(
      usageHelpAutoWidth = true,
      name = "show",
      header = "Print a device preset (or a tile preset, or a training configuration), resolved (overrides applied), as JSON.",
      description = {
        "Keys are dotted record paths: pcm.<name> and capacitor.<name>; numbers accept 1e-9, inf. " +
        "An unknown key lists the allowed ones; a value outside its range names the allowed range.",
        "",
        "A preset of your own is a file $AIMC_HOME/presets/NAME.yaml (default ~/.aimc/presets), used by name " +
        "like a built-in one (aimc train --config NAME for kind: training). Every value needs a source:",
        "  kind: device",
        "  name: fast-drift",
        "  description: ambrogio2018 with the drift exponent's upper clip raised",
        "  extends: ambrogio2018",
        "  set:",
        "    pcm.driftNuMax: {value: 0.2, source: \"assumed: worst case of my devices\"}",
        "A file without 'extends' gives every value, each with its unit: {value: 0.1, unit: µS, source: ...}."
      },
      mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n",
      footer = {
        "  aimc presets show ambrogio2018",
        "  aimc presets show capacitor-asymmetric --set capacitor.stepCtoc=0",
        "  aimc presets show ambrogio2018 --sources > ambrogio2018.json",
        "  aimc presets show ambrogio2018 --yaml > my.yaml   # then: aimc train --config my.yaml",
        "  aimc presets show ambrogio2018-no-drift --kind training --sources"
      })
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", completionCandidates = Ids.class, description = "Preset: ${COMPLETION-CANDIDATES}.")
    String name;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one parameter (repeatable), e.g. pcm.driftNuMax=0.2.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--sources", description = "Also print the source of every value (paper, model or assumed).")
    boolean sources;

    /** The kinds of preset. */
    enum Kind { device, pulsed, tile, training }

    @Option(names = "--kind", paramLabel = "KIND", description = "Which kind of preset NAME is: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Kind kind = Kind.device;

    @Option(names = "--yaml", description = "Print the training configuration NAME (see presets list) as YAML, a file that "
        + "--config FILE.yaml accepts wherever --config NAME is accepted.")
    boolean yaml;

    @Override
    public Integer call() {
      if (yaml) {
        if (!overrides.isEmpty() || sources) throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--yaml prints a training configuration as it is; edit the file instead of --set, and see --sources without --yaml");
        TrainingPreset t;
        try {
          t = TrainingPreset.byId(name);
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--yaml: " + e.getMessage());
        }
        spec.commandLine().getOut().print(org.aimc.experiments.config.ConfigFile.yaml(t));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
      }
      String id;
      String description;
      Record params;
      Map<String, String> known;
      switch (kind) {
        case tile -> {
          TilePreset p = TilePreset.byId(name);
          id = p.id();
          description = p.description();
          params = RecordOverrides.apply(p.config(), overrides);
          known = p.sources();
        }
        case pulsed -> {
          PulsedDevicePreset p = PulsedDevicePreset.byId(name);
          id = p.id();
          description = p.description();
          params = RecordOverrides.apply(p.params(), overrides);
          known = p.sources();
        }
        case training -> {
          TrainingPreset p = TrainingPreset.byId(name);
          id = p.id();
          description = p.description();
          params = RecordOverrides.apply(p.config(), overrides);
          known = p.sources();
        }
        default -> {
          DevicePreset p = DevicePreset.byId(name);
          id = p.id();
          description = p.description();
          params = RecordOverrides.apply(p.params(), overrides);
          known = p.sources();
        }
      }
      Map<String, String> src = null;
      if (sources) {
        src = new LinkedHashMap<>(known);
        for (String k : RecordOverrides.parse(overrides).keySet()) src.put(k, "override (--set)");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(Json.toJson(new Resolved(id, description, List.copyOf(overrides), params, src)));
      out.flush();
      return ExitCodes.OK;
    }
  }
}
