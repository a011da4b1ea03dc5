package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aimc.experiments.characterize.Characterization;
import org.aimc.experiments.characterize.CharacterizationReport;
import org.aimc.experiments.characterize.CharacterizationSpec;
import org.aimc.experiments.characterize.DeviceKind;
import org.aimc.experiments.characterize.FittedParameter;
import org.aimc.experiments.provenance.RunProvenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aimc device}: device-level experiments. */
@Command(
    usageHelpAutoWidth = true,
    name = "device",
    header = "Device-level experiments on the PCM, 3T1C capacitor and aihwkit-family device models.",
    mixinStandardHelpOptions = true,
    subcommands = {DeviceCommand.Characterize.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc device characterize --preset ambrogio2018 --device pcm --out runs/pcm",
      "  aimc device characterize --preset ambrogio2018 --device capacitor --out runs/cap",
      "  aimc device characterize --device ecram --out runs/ecram"
    })
final class DeviceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** The device names of {@code --device}: the device preset's PCM and capacitor, then the pulsed device presets. */
  static final class DeviceNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      List<String> names = new ArrayList<>(List.of("pcm", "capacitor"));
      names.addAll(org.aimc.devices.PulsedDevicePreset.LIBRARY.builtInNames());
      return names.iterator();
    }
  }

  @Command(
      usageHelpAutoWidth = true,
      name = "characterize",
      header = "Run the standard characterisation of one device model and write tables, plots and fitted parameters.",
      description = {
        "PCM: conductance vs SET-pulse number (mean, spread), increment vs conductance, the staircase pulse " +
        "duration -> conductance curve, drift on log-log axes with the exponent fitted per device, closed-loop " +
        "tuning error and pulses spent.",
        "Capacitor: g vs pulse number up and down, step-size distributions and up/down asymmetry, step vs V_C, " +
        "retention (leakage toward 0.8 V) with the time constant fitted per cell, the read-transistor curve.",
        "A pulsed device of one of aihwkit's families (a pulsed preset: aimc presets list): its steps at w = 0 " +
        "(dw_min, up/down asymmetry), write noise, a pulse train, the step against the state beside the family's " +
        "equation, and the bounds of saturated devices. --preset is not used; --set changes its keys (e.g. dwMin=0.003).",
        "Writes one CSV per table, one PNG per plot, summary.md and summary.json (fitted parameters beside the " +
        "preset's nominal values, the resolved preset, seeds and provenance)."
      },
      mixinStandardHelpOptions = true,
      showDefaultValues = true,
      sortOptions = false,
      footerHeading = "%nExamples:%n",
      footer = {
        "  aimc device characterize --preset ambrogio2018 --device pcm --out runs/pcm",
        "  aimc device characterize --preset ambrogio2018 --device capacitor --devices 5000 --seed 7",
        "  aimc device characterize --preset ambrogio2018 --device pcm --set pcm.driftNuMax=0.2 --out runs/pcm-nu01",
        "  aimc device characterize --preset capacitor-asymmetric --device capacitor --out runs/asym",
        "  aimc device characterize --device ecram --out runs/ecram",
        "  aimc device characterize --device reram-es --set writeNoise=0 --out runs/reram-es-no-write-noise"
      })
  static final class Characterize implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--preset", defaultValue = "ambrogio2018", completionCandidates = PresetsCommand.Ids.class,
        description = "Device preset: ${COMPLETION-CANDIDATES}.")
    String preset;

    @Option(names = "--device", required = true, completionCandidates = DeviceNames.class,
        description = "Model to characterise: ${COMPLETION-CANDIDATES} (or your own pulsed preset).")
    String device;

    @Option(names = "--devices", defaultValue = "1000", paramLabel = "N", description = "Devices per experiment.")
    int devices;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a preset parameter (repeatable), e.g. pcm.driftNuMax=0.2.")
    List<String> overrides = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      String d = device.trim().toLowerCase(Locale.ROOT);
      CharacterizationSpec cs;
      if (d.equals("pcm") || d.equals("capacitor")) {
        cs = CharacterizationSpec.resolve(preset, overrides, d.equals("pcm") ? DeviceKind.PCM : DeviceKind.CAPACITOR, devices, common.seed);
      } else if (org.aimc.devices.PulsedDevicePreset.has(d)) {
        cs = CharacterizationSpec.resolvePulsed(d, overrides, devices, common.seed);
      } else {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown --device '" + device + "'; allowed: pcm, capacitor, "
            + org.aimc.devices.PulsedDevicePreset.ids());
      }
      DeviceKind kind = cs.device();
      String label = kind == DeviceKind.PULSED ? cs.preset() : kind.id();
      Path out = common.outOr("characterize-" + label);
      PrintWriter w = spec.commandLine().getOut();
      long t0 = System.nanoTime();
      Characterization c = cs.run();
      RunProvenance prov = RunProvenance.capture("none (device characterisation)", "XO_RO_SHI_RO_128_PP (Commons RNG), one stream per array",
          common.seed, java.util.Map.of());
      CharacterizationReport.write(out, cs, c, prov);
      w.printf(Locale.ROOT, "aimc device characterize: %s, preset %s, %d devices, seed %d — %.1f s%n", label, cs.preset(), devices,
          common.seed, (System.nanoTime() - t0) / 1e9);
      for (FittedParameter f : c.fits()) {
        w.printf(Locale.ROOT, "  %-62s fitted %12.5g%s   nominal %s%n", f.name(), f.fitted(),
            f.standardError() == null ? "" : String.format(Locale.ROOT, " ± %.2g", f.standardError()),
            f.nominal() == null ? "—" : String.format(Locale.ROOT, "%.5g", f.nominal()));
      }
      w.println("wrote " + (c.tables().size() + c.charts().size() + 2) + " files to " + out.toAbsolutePath().normalize()
          + " (summary.md, summary.json, CSV tables, PNG plots)");
      w.flush();
      return ExitCodes.OK;
    }
  }
}
