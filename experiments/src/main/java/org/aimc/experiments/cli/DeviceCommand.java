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
    header = "Device-level experiments on the PCM and 3T1C capacitor models.",
    mixinStandardHelpOptions = true,
    subcommands = {DeviceCommand.Characterize.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  aimc device characterize --preset ambrogio2018 --device pcm --out runs/pcm",
      "  aimc device characterize --preset ambrogio2018 --device capacitor --out runs/cap"
    })
final class DeviceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  /** Lower-case device names for the command line. */
  enum Device { pcm, capacitor }

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
        "  aimc device characterize --preset capacitor-asymmetric --device capacitor --out runs/asym"
      })
  static final class Characterize implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--preset", defaultValue = "ambrogio2018", completionCandidates = PresetsCommand.Ids.class,
        description = "Device preset: ${COMPLETION-CANDIDATES}.")
    String preset;

    @Option(names = "--device", required = true, description = "Model to characterise: ${COMPLETION-CANDIDATES}.")
    Device device;

    @Option(names = "--devices", defaultValue = "1000", paramLabel = "N", description = "Devices per experiment.")
    int devices;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a preset parameter (repeatable), e.g. pcm.driftNuMax=0.2.")
    List<String> overrides = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      DeviceKind kind = device == Device.pcm ? DeviceKind.PCM : DeviceKind.CAPACITOR;
      CharacterizationSpec cs = CharacterizationSpec.resolve(preset, overrides, kind, devices, common.seed);
      Path out = common.outOr("characterize-" + kind.id());
      PrintWriter w = spec.commandLine().getOut();
      long t0 = System.nanoTime();
      Characterization c = cs.run();
      RunProvenance prov = RunProvenance.capture("none (device characterisation)", "XO_RO_SHI_RO_128_PP (Commons RNG), one stream per array",
          common.seed, java.util.Map.of());
      CharacterizationReport.write(out, cs, c, prov);
      w.printf(Locale.ROOT, "aimc device characterize: %s, preset %s, %d devices, seed %d — %.1f s%n", kind.id(), cs.preset(), devices,
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
