package org.aimc.experiments.characterize;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.devices.DeviceParams;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.provenance.RunProvenance;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;

/**
 * Writes a characterisation's results folder: one CSV per table, one PNG per chart,
 * {@code summary.json} (spec, resolved parameters, fitted parameters, array seeds, provenance) and
 * {@code summary.md}. Every file is written atomically.
 */
public final class CharacterizationReport {
  public static final String SUMMARY_JSON = "summary.json";
  public static final String SUMMARY_MD = "summary.md";

  private CharacterizationReport() {}

  /**
   * The content of summary.json.
   *
   * @param spec what was asked for
   * @param resolvedParams the preset with the overrides applied (both device records)
   * @param fits fitted parameters beside the nominal values
   * @param arraySeeds experiment → seed of its device array
   * @param files the files written (CSV and PNG)
   * @param provenance code version, Java, OS, RNG, run seed, start time
   */
  public record Summary(CharacterizationSpec spec, DeviceParams resolvedParams, List<FittedParameter> fits,
      Map<String, Long> arraySeeds, List<String> files, RunProvenance provenance) {}

  /** Runs nothing: writes {@code c} for {@code spec} into {@code dir}; returns the summary written. */
  public static Summary write(Path dir, CharacterizationSpec spec, Characterization c, RunProvenance provenance) {
    List<String> files = new ArrayList<>();
    for (Map.Entry<String, Table> e : c.tables().entrySet()) {
      String name = e.getKey() + ".csv";
      Table t = e.getValue();
      AtomicFiles.writeCsv(dir.resolve(name), t);
      files.add(name);
    }
    for (Map.Entry<String, Chart<?, ?>> e : c.charts().entrySet()) {
      String name = e.getKey() + ".png";
      Chart<?, ?> chart = e.getValue();
      AtomicFiles.write(dir.resolve(name), out -> out.write(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG)));
      files.add(name);
    }
    Summary s = new Summary(spec, spec.params(), c.fits(), c.arraySeeds(), files, provenance);
    Json.write(dir.resolve(SUMMARY_JSON), s);
    AtomicFiles.writeString(dir.resolve(SUMMARY_MD), markdown(s));
    return s;
  }

  static String markdown(Summary s) {
    CharacterizationSpec spec = s.spec();
    StringBuilder b = new StringBuilder();
    b.append("# aimc device characterize: ").append(spec.device().id()).append(", preset ").append(spec.preset()).append("\n\n");
    b.append(String.format(Locale.ROOT, "%d devices per experiment, seed %d (%s). Overrides: %s.%n%n", spec.devices(), spec.seed(),
        s.provenance().rng(), spec.overrides().isEmpty() ? "none" : String.join(", ", spec.overrides())));
    b.append("## Fitted parameters beside the preset's nominal values\n\n");
    b.append("| parameter | nominal | fitted | ± SE | z = (fitted − nominal)/SE | unit | method |\n|---|---:|---:|---:|---:|---|---|\n");
    for (FittedParameter f : s.fits()) {
      String z = f.nominal() != null && f.standardError() != null && f.standardError() > 0
          ? String.format(Locale.ROOT, "%.2f", (f.fitted() - f.nominal()) / f.standardError()) : "";
      b.append("| ").append(cell(f.name())).append(" | ").append(f.nominal() == null ? "—" : num(f.nominal())).append(" | ")
          .append(num(f.fitted())).append(" | ").append(f.standardError() == null ? "" : num(f.standardError())).append(" | ")
          .append(z).append(" | ").append(f.unit()).append(" | ").append(cell(f.method())).append(" |\n");
    }
    b.append("\nA nominal value is what the model was given (or what it implies); |z| above ≈ 4 on a row with an SE would mean the\n")
        .append("model does not produce its own parameters. Rows without SE are pooled summaries.\n\n");
    b.append("## Resolved device parameters\n\n```json\n");
    Object rec = switch (spec.device()) {
      case PCM -> s.resolvedParams().pcm();
      case CAPACITOR -> s.resolvedParams().capacitor();
      case PULSED -> s.resolvedParams().fast();
    };
    b.append(Json.toJson(rec));
    b.append("```\n\nThe other device's parameters and the sources of every value: `summary.json`, `aimc presets show ")
        .append(spec.preset()).append(spec.device() == DeviceKind.PULSED ? " --kind pulsed" : "").append(" --sources`.\n\n");
    b.append("## Files\n\n");
    for (String f : s.files()) b.append("- `").append(f).append("`\n");
    RunProvenance p = s.provenance();
    b.append("\n## Provenance\n\n");
    b.append(String.format(Locale.ROOT, "aimc %s (commit %s), Java %s, %s, %d cores, RNG %s, run seed %d, started %s.%n",
        p.version(), p.commit(), p.java(), p.osArch(), p.cores(), p.rng(), p.seed(), p.started()));
    Map<String, Long> seeds = new LinkedHashMap<>(s.arraySeeds());
    b.append("Array seeds (derived from the run seed): ");
    List<String> parts = new ArrayList<>();
    seeds.forEach((k, v) -> parts.add(k + " " + v));
    b.append(String.join(", ", parts)).append(".\n");
    return b.toString();
  }

  /** A Markdown table cell: pipes escaped. */
  private static String cell(String s) {
    return s.replace("|", "\\|");
  }

  private static String num(double x) {
    if (Double.isInfinite(x)) return x > 0 ? "∞" : "−∞";
    if (Double.isNaN(x)) return "n/a";
    double a = Math.abs(x);
    if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.4g", x);
    return String.format(Locale.ROOT, "%.4f", x).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
