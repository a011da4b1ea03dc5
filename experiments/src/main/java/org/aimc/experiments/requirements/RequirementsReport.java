package org.aimc.experiments.requirements;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Png;
import org.apache.commons.math3.stat.StatUtils;
import org.knowm.xchart.XYChart;

/**
 * The tables and figures of {@link Requirements}: screening.csv/.md, tornado.png, envelope.csv/.md/.png,
 * confirmed.md, confirmed-epochs.csv, requirements.md.
 */
final class RequirementsReport {

  private RequirementsReport() {}

  static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static String pm(double[] v) {
    return String.format(Locale.ROOT, "%+.2f ± %.2f", v[0], v[1]);
  }

  private static String header(Requirements r) {
    return String.format(Locale.ROOT, "%s, network %s, %s against %s, %d epochs (epoch chosen on validation), seeds 1..%d, spec %s%s",
        r.dataset(), r.network(), r.spec().config(), r.spec().baseline(), r.epochs(), r.seeds(), r.spec().file(),
        r.grid() == null ? "" : ", learning rates chosen on validation (tuning.csv)");
  }

  static void writeScreening(Requirements r, List<Requirements.ScreenRow> rows, double[][] preset, double[][] software) {
    StringBuilder c = new StringBuilder("rank,parameter,end,value,preset_value,keys,runs,test_accuracy_mean,d_test_vs_preset,d_test_vs_preset_std,"
        + "d_validation_vs_preset,d_validation_vs_preset_std,d_test_vs_software,d_test_vs_software_std,d_validation_vs_software,"
        + "d_validation_vs_software_std,effect,source\n");
    StringBuilder m = new StringBuilder();
    m.append(header(r)).append("\n\n");
    m.append(String.format(Locale.ROOT, "%s: test %.2f ± %.2f %%, validation %.2f ± %.2f %%; %s: test %.2f ± %.2f %%, validation %.2f ± %.2f %%%n%n",
        r.spec().config(), 100 * StatUtils.mean(preset[0]), std(preset[0]), 100 * StatUtils.mean(preset[1]), std(preset[1]), r.spec().baseline(),
        100 * StatUtils.mean(software[0]), std(software[0]), 100 * StatUtils.mean(software[1]), std(software[1])));
    m.append("Δ in points, paired by seed (mean ± std over seeds); parameters ordered by effect, the larger |Δ validation vs preset| of "
        + "their two ends.\n\n");
    m.append("| rank | parameter | end | value | Δ test vs preset | Δ validation vs preset | Δ test vs software | Δ validation vs software | source |\n"
        + "|---:|---|---|---:|---:|---:|---:|---:|---|\n");
    int rank = 0;
    String last = null;
    for (Requirements.ScreenRow s : rows) {
      if (!s.parameter().name().equals(last)) rank++;
      last = s.parameter().name();
      c.append(String.join(",", Integer.toString(rank), s.parameter().name(), s.end(), s.value(), s.parameter().base(),
          csv(String.join(" ", s.parameter().keys())), Integer.toString(s.runs()), num(s.testMean()), num(s.testVsPreset()[0]), num(s.testVsPreset()[1]),
          num(s.validationVsPreset()[0]), num(s.validationVsPreset()[1]), num(s.testVsSoftware()[0]), num(s.testVsSoftware()[1]),
          num(s.validationVsSoftware()[0]), num(s.validationVsSoftware()[1]), num(s.effect()), csv(s.parameter().source()))).append('\n');
      m.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s | %s |%n", rank, s.parameter().name(), s.end(), s.value(),
          pm(s.testVsPreset()), pm(s.validationVsPreset()), pm(s.testVsSoftware()), pm(s.validationVsSoftware()),
          s.parameter().source().replace("|", "/")));
    }
    AtomicFiles.writeString(r.out().resolve(Requirements.SCREENING_CSV), c.toString());
    AtomicFiles.writeString(r.out().resolve(Requirements.SCREENING_MD), m.toString());
    Png.write(r.out().resolve(Requirements.TORNADO), tornado(r, rows));
  }

  private static double std(double[] v) {
    return v.length < 2 ? 0 : 100 * Math.sqrt(StatUtils.variance(v));
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  /** The tornado of the screening's rows ({@link RequirementsFigures#tornado}). */
  static XYChart tornado(Requirements r, List<Requirements.ScreenRow> rows) {
    return RequirementsFigures.tornado(r.dataset() + " " + r.network() + ": Δ test accuracy vs " + r.spec().config() + " (ordered by effect on validation)",
        rows.stream().map(s -> new RequirementsFigures.Bar(s.parameter().name(), s.end(), s.testVsPreset()[0], s.testVsPreset()[1])).toList());
  }

  static void write(Requirements r, Requirements.Outcome o, double[][] software, double[][] preset) {
    List<Parameter> ps = o.searched();
    StringBuilder c = new StringBuilder("point");
    for (Parameter p : ps) c.append(',').append(p.name());
    c.append(",distance,runs,test_accuracy_mean,gap_mean,gap_std,gap_upper,inside,max_gap\n");
    for (Envelope.Gap g : o.gaps()) {
      c.append(csv(g.point().label()));
      for (Parameter p : ps) c.append(',').append(g.point().value(p));
      c.append(String.format(Locale.ROOT, ",%.4f,%d,%.4f,%.4f,%s,%s,%s,%s%n", g.point().distance(), g.seeds(), g.pointMean(), g.gapMean(), num(g.gapStd()),
          num(g.gapUpper()), g.inside() ? "yes" : "", r.maxGap()));
    }
    AtomicFiles.writeString(r.out().resolve(Requirements.ENVELOPE_CSV), c.toString());

    String rule = String.format(Locale.ROOT, "gap = %s − point, test accuracy in points, paired by seed; inside the envelope when the upper end "
        + "of the one-sided %.0f %% interval over seeds (mean + t·std/√n) is ≤ %.2f points; distance = the sum of the parameters' moves from %s "
        + "in units of their ranges (decades over the range's decades on a log scale; 1 for a false/true switch)", r.spec().baseline(),
        100 * r.confidence(), r.maxGap(), r.spec().config());
    StringBuilder m = new StringBuilder(header(r)).append("\n\n").append(rule).append(".\n\n");
    m.append("Levels: ");
    for (Parameter p : ps) m.append(p.name()).append(" ").append(String.join(", ", p.levels())).append(" (").append(r.spec().config()).append(" ")
        .append(p.base()).append("); ");
    m.append("\n\n| point | distance | test accuracy | gap to ").append(r.spec().baseline()).append(" | gap upper bound | inside |\n|---|---:|---:|---:|---:|---|\n");
    List<Envelope.Gap> sorted = new ArrayList<>(o.gaps());
    sorted.sort(java.util.Comparator.comparing((Envelope.Gap g) -> !g.inside()).thenComparingDouble(g -> g.point().distance()));
    for (Envelope.Gap g : sorted) m.append(gapRow(g));
    if (!o.atConfirmEpochs().isEmpty()) {
      m.append("\n").append(confirmationTable(r, o.atConfirmEpochs()));
      AtomicFiles.writeString(r.out().resolve(Requirements.CONFIRMED_EPOCHS_CSV), confirmationCsv(r, o.atConfirmEpochs()));
    }
    AtomicFiles.writeString(r.out().resolve(Requirements.ENVELOPE_MD), m.toString());
    Png.write(r.out().resolve(Requirements.ENVELOPE_PNG), envelope(r, o.gaps()));
    if (!o.confirmed().isEmpty()) {
      StringBuilder k = new StringBuilder(header(r)).append("\n\nEach point below was trained again at its own learning rate, chosen on "
          + "validation from the same grid as the preset and software (tuning.csv). ").append(rule).append(".\n\n");
      k.append("| point | distance | test accuracy | gap to ").append(r.spec().baseline()).append(" | gap upper bound | inside |\n|---|---:|---:|---:|---:|---|\n");
      for (Envelope.Gap g : o.confirmed()) k.append(gapRow(g));
      AtomicFiles.writeString(r.out().resolve(Requirements.CONFIRMED_MD), k.toString());
    }
    AtomicFiles.writeString(r.out().resolve(Requirements.SUMMARY_MD), summary(r, o, software, preset, rule));
  }

  private static String upper(Envelope.Gap g) {
    return Double.isNaN(g.gapUpper()) ? "– (one seed)" : String.format(Locale.ROOT, "%+.2f", g.gapUpper());
  }

  /** The section of envelope.md on the runs at --confirm-epochs: each point's gap at both lengths and whether it holds. */
  static String confirmationTable(Requirements r, List<Requirements.Confirmation> cs) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "## Confirmed at %d epochs%n%n", r.confirmEpochs()));
    b.append(String.format(Locale.ROOT, "The preset and the envelope points (least demanding first, at most --confirm %d; the best point when none is "
        + "inside) trained again for %d epochs instead of %d, on the same seeds, beside %s at %d epochs, at the screening's learning rates. "
        + "A point holds when its gap's upper bound at %d epochs is still ≤ %.2f points.%n%n", r.confirm(), r.confirmEpochs(), r.epochs(),
        r.spec().baseline(), r.confirmEpochs(), r.confirmEpochs(), r.maxGap()));
    b.append(String.format(Locale.ROOT, "| point | distance | gap at %d epochs | upper bound | test accuracy at %d epochs | gap at %d epochs | upper bound | holds |%n"
        + "|---|---:|---:|---:|---:|---:|---:|---|%n", r.epochs(), r.confirmEpochs(), r.confirmEpochs()));
    for (Requirements.Confirmation c : cs) {
      Envelope.Gap s = c.screened();
      Envelope.Gap l = c.confirmed();
      b.append(String.format(Locale.ROOT, "| %s | %.2f | %+.2f ± %s | %s | %.2f %% | %+.2f ± %s | %s | %s |%n", s.point().label(), s.point().distance(),
          s.gapMean(), std(s), upper(s), l.pointMean(), l.gapMean(), std(l), upper(l), c.holds() ? "**yes**" : "no"));
    }
    return b.toString();
  }

  private static String std(Envelope.Gap g) {
    return Double.isNaN(g.gapStd()) ? "–" : String.format(Locale.ROOT, "%.2f", g.gapStd());
  }

  /** confirmed-epochs.csv: one line per point trained again at --confirm-epochs. */
  static String confirmationCsv(Requirements r, List<Requirements.Confirmation> cs) {
    StringBuilder c = new StringBuilder("point,distance,epochs,gap_mean,gap_std,gap_upper,inside,confirm_epochs,confirmed_test_accuracy_mean,"
        + "confirmed_gap_mean,confirmed_gap_std,confirmed_gap_upper,holds,max_gap\n");
    for (Requirements.Confirmation k : cs) {
      Envelope.Gap s = k.screened();
      Envelope.Gap l = k.confirmed();
      c.append(String.join(",", csv(s.point().label()), String.format(Locale.ROOT, "%.4f", s.point().distance()), Integer.toString(r.epochs()),
          num(s.gapMean()), num(s.gapStd()), num(s.gapUpper()), s.inside() ? "yes" : "", Integer.toString(r.confirmEpochs()), num(l.pointMean()),
          num(l.gapMean()), num(l.gapStd()), num(l.gapUpper()), k.holds() ? "yes" : "", Double.toString(r.maxGap()))).append('\n');
    }
    return c.toString();
  }

  private static String gapRow(Envelope.Gap g) {
    return String.format(Locale.ROOT, "| %s | %.2f | %.2f %% | %+.2f ± %s | %s | %s |%n", g.point().label(), g.point().distance(), g.pointMean(),
        g.gapMean(), Double.isNaN(g.gapStd()) ? "–" : String.format(Locale.ROOT, "%.2f", g.gapStd()),
        Double.isNaN(g.gapUpper()) ? "– (one seed)" : String.format(Locale.ROOT, "%+.2f", g.gapUpper()), g.inside() ? "**yes**" : "");
  }

  /** The sentence a researcher can quote, and where each piece lives. */
  static String summary(Requirements r, Requirements.Outcome o, double[][] software, double[][] preset, String rule) {
    StringBuilder b = new StringBuilder("# Device requirements: ").append(r.spec().config()).append(" on ").append(r.dataset()).append("\n\n");
    b.append(header(r)).append(".\n\n");
    b.append(String.format(Locale.ROOT, "%s: test %.2f %%; %s: test %.2f %% (means over seeds).%n%n", r.spec().baseline(), 100 * StatUtils.mean(software[0]),
        r.spec().config(), 100 * StatUtils.mean(preset[0])));
    b.append("Screening (").append(Requirements.SCREENING_MD).append(", ").append(Requirements.TORNADO).append("): the parameters of largest effect: ");
    List<String> topNames = new ArrayList<>();
    for (Requirements.ScreenRow s : o.screening())
      if (r.spec().parameters().contains(s.parameter()) && !topNames.contains(s.parameter().name()) && topNames.size() < 5) topNames.add(s.parameter().name());
    b.append(String.join(", ", topNames)).append(".\n\n");
    for (Requirements.ScreenRow s : o.screening()) {
      if (!s.parameter().name().equals(Requirements.BEFORE_TRANSFER) || s.parameter().isBase(s.value())) continue;
      b.append(String.format(Locale.ROOT, "Evaluation phase (the screening's row %s = %s): %s measured %s instead of %s moves test accuracy by "
          + "%+.2f ± %.2f points and validation accuracy by %+.2f ± %.2f points; Δ test vs %s %+.2f ± %.2f points.%n%n", Requirements.BEFORE_TRANSFER,
          s.value(), r.spec().config(), Boolean.parseBoolean(s.value()) ? "just before each epoch's last transfer" : "at each epoch's end",
          Boolean.parseBoolean(s.value()) ? "at each epoch's end" : "just before each epoch's last transfer", s.testVsPreset()[0], s.testVsPreset()[1],
          s.validationVsPreset()[0], s.validationVsPreset()[1], r.spec().baseline(), s.testVsSoftware()[0], s.testVsSoftware()[1]));
    }
    List<Envelope.Gap> source = o.confirmed().isEmpty() ? o.gaps() : o.confirmed();
    Envelope.Gap least = Envelope.leastDemanding(source);
    b.append("Joint search over ").append(String.join(", ", o.searched().stream().map(Parameter::name).toList())).append(" (").append(Requirements.ENVELOPE_MD)
        .append(", ").append(Requirements.ENVELOPE_PNG).append(o.confirmed().isEmpty() ? "" : ", confirmed at each point's own learning rate: "
            + Requirements.CONFIRMED_MD).append("): ").append(rule).append(".\n\n");
    if (least != null) {
      b.append(String.format(Locale.ROOT, "%d of %d specifications are inside. The least demanding: ", Envelope.inside(source).size(), source.size()));
      b.append("the hybrid matches ").append(r.spec().baseline()).append(" (gap ").append(String.format(Locale.ROOT, "%+.2f, upper bound %+.2f points", least.gapMean(),
          least.gapUpper())).append(") when ");
      List<String> parts = new ArrayList<>();
      for (Parameter p : o.searched()) {
        String v = least.point().value(p);
        parts.add(p.name() + " = " + v + (p.isBase(v) ? " (as " + r.spec().config() + ")" : " (" + r.spec().config() + ": " + p.base() + ")")
            + "; its range " + p.low() + " .. " + p.high() + " is " + p.source());
      }
      b.append(String.join("; and ", parts)).append(".\n");
    } else {
      Envelope.Gap best = Envelope.best(source);
      b.append("No point of the searched space reaches equivalence");
      if (best != null)
        b.append(String.format(Locale.ROOT, "; the best gap found is %+.2f points (upper bound %s) at %s", best.gapMean(),
            Double.isNaN(best.gapUpper()) ? "undefined with one seed" : String.format(Locale.ROOT, "%+.2f", best.gapUpper()), best.point().label()));
      b.append(".\n");
    }
    if (!o.atConfirmEpochs().isEmpty()) b.append("\n").append(confirmationSentences(r, o.atConfirmEpochs()));
    return b.toString();
  }

  /** What the runs at --confirm-epochs found, one sentence per point (the preset first). */
  static String confirmationSentences(Requirements r, List<Requirements.Confirmation> cs) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Confirmed at %d epochs (%s, %s), on the same seeds: ", r.confirmEpochs(),
        Requirements.ENVELOPE_MD, Requirements.CONFIRMED_EPOCHS_CSV));
    Envelope.Gap preset = cs.get(0).confirmed();
    b.append(String.format(Locale.ROOT, "%s %.2f %%, %s %.2f %%.", r.spec().baseline(), preset.pointMean() + preset.gapMean(), r.spec().config(),
        preset.pointMean()));
    for (Requirements.Confirmation c : cs) {
      Envelope.Gap s = c.screened();
      Envelope.Gap l = c.confirmed();
      b.append(String.format(Locale.ROOT, " %s: gap %+.2f (upper bound %s) at %d epochs, %+.2f (upper bound %s) at %d epochs: %s.",
          s.point().moves().isEmpty() ? "The preset" : s.point().label(), l.gapMean(), upper(l), r.confirmEpochs(), s.gapMean(), upper(s), r.epochs(),
          c.holds() ? "holds" : s.inside() ? "does not hold (inside at " + r.epochs() + " epochs only)" : "not inside at either length"));
    }
    return b.append('\n').toString();
  }

  /** Each point's gap against its distance ({@link RequirementsFigures#envelope}). */
  static XYChart envelope(Requirements r, List<Envelope.Gap> gaps) {
    return RequirementsFigures.envelope(r.dataset() + " " + r.network() + ": gap to " + r.spec().baseline() + " of each specification searched",
        r.spec().config(), r.spec().baseline(), gaps.stream().map(g -> new RequirementsFigures.Dot(g.point().label(), g.point().distance(),
            Double.isNaN(g.gapUpper()) ? g.gapMean() : g.gapUpper(), g.inside())).toList(), r.maxGap());
  }
}
