package org.aimc.experiments.report;

import java.awt.Color;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aimc.crossbar.energy.Convention;
import org.aimc.crossbar.energy.EnergyModel;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.ReferenceGpu;
import org.aimc.crossbar.energy.Si;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Png;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The accuracy-versus-power table of a set of runs: one row per (data set, network, configuration)
 * with test accuracy (mean ± sample std over seeds) and the energy figures (means over seeds) from
 * each run's {@code energy} block; rows on the Pareto front of accuracy against energy per
 * training example are marked. Refuses runs without energy figures (unless told to skip them) and
 * runs counted under different conventions.
 *
 * @param rows the rows, in the order their configurations first appear
 * @param convention the counting convention shared by every run
 * @param warnings things the user should know (skipped runs, mixed technology tables)
 */
public record ExportTable(List<Row> rows, Convention convention, List<String> warnings) {

  /**
   * One configuration.
   *
   * @param dataset data set
   * @param network layer sizes
   * @param config configuration
   * @param runs runs (seeds) averaged
   * @param testMean mean test accuracy, fraction
   * @param testStd sample standard deviation of the test accuracy (0 for one run)
   * @param energyPerExampleJoules mean training energy per example, J
   * @param energyPerInferenceJoules mean energy per inference, J
   * @param powerWatts mean average power, W
   * @param gopsPerWatt mean GOP/s/W
   * @param topsPerMm2 mean TOP/s/mm²
   * @param technology technology table(s) used
   * @param pareto whether no other row has higher-or-equal accuracy at lower-or-equal energy (one strictly)
   */
  public record Row(String dataset, String network, String config, int runs, double testMean, double testStd, double energyPerExampleJoules,
      double energyPerInferenceJoules, double powerWatts, double gopsPerWatt, double topsPerMm2, String technology, boolean pareto) {}

  /**
   * Builds the table from run folders (or folders of run folders).
   *
   * @param technology if not null, every run is re-priced with this table from its recorded phase
   *     counts (runs without them are refused)
   * @param skipMissing leave out runs without energy figures, and folders whose result.json is
   *     unreadable or invalid, with a warning, instead of refusing
   */
  public static ExportTable of(List<Path> paths, TechnologyTable technology, boolean skipMissing) {
    List<RunRecord> runs = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    int unchosen = 0;
    List<String> unfinished = RunRecord.unfinished(paths);
    if (!unfinished.isEmpty()) warnings.add("left out (no result.json: unfinished or not a run): " + String.join("; ", unfinished));
    for (Path dir : RunRecord.find(paths)) {
      try {
        runs.add(RunRecord.read(dir));
      } catch (RunRecord.UnchosenSearchRun e) {
        unchosen++; // a --tune search's other settings: never tested, so no row of the table
      } catch (IllegalArgumentException e) {
        if (!skipMissing) throw new IllegalArgumentException(e.getMessage() + ". Pass --skip-missing to leave such runs out.", e);
        unreadable.add(e.getMessage());
      }
    }
    if (unchosen > 0) warnings.add(unchosen + " run" + (unchosen == 1 ? "" : "s") + " of --tune searches left out: settings not chosen, test set never read");
    if (!unreadable.isEmpty()) warnings.add("left out (unreadable or invalid result): " + String.join("; ", unreadable));
    List<RunRecord> priced = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (RunRecord r : runs) {
      EnergyReport e = energyOf(r, technology);
      if (e == null) {
        missing.add(r.dir() + " (" + r.config() + (r.totalCountsOnly() ? ": only total event counts, not split by phase" : "") + ")");
      } else {
        priced.add(new RunRecord(r.dir(), r.dataset(), r.network(), r.config(), r.testAccuracy(), e, r.phaseCounts(), false));
      }
    }
    if (!missing.isEmpty()) {
      String list = String.join(", ", missing);
      if (!skipMissing) {
        throw new IllegalArgumentException("no energy figures in " + missing.size() + " run" + (missing.size() == 1 ? "" : "s") + ": " + list
            + ". Runs record an 'energy' block (or 'phaseCounts') in result.json; software runs and runs made before energy reporting"
            + " have none. Pass --skip-missing to leave them out.");
      }
      warnings.add("left out (no energy figures): " + list);
    }
    if (priced.isEmpty()) throw new IllegalArgumentException("none of the runs has energy figures; nothing to export");

    Convention conv = priced.get(0).energy().convention();
    for (RunRecord r : priced) {
      Convention c = r.energy().convention();
      if (!conv.sameCounting(c)) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "runs count operations differently: %s has %d operations per MAC%s, %s has %d%s; export them separately or re-price them with --technology",
            priced.get(0).dir(), conv.opsPerMac(), conv.updateCountsAsMacs() ? " (updates counted)" : " (updates not counted)", r.dir(),
            c.opsPerMac(), c.updateCountsAsMacs() ? " (updates counted)" : " (updates not counted)"));
      }
    }
    Set<String> techs = new LinkedHashSet<>();
    priced.forEach(r -> techs.add(r.energy().technology()));
    if (techs.size() > 1) warnings.add("runs were priced with different technology tables: " + String.join(", ", techs));

    Map<String, List<RunRecord>> groups = new LinkedHashMap<>();
    for (RunRecord r : priced) groups.computeIfAbsent(r.dataset() + "\u0000" + r.network() + "\u0000" + r.config(), k -> new ArrayList<>()).add(r);
    List<Row> rows = new ArrayList<>();
    for (List<RunRecord> g : groups.values()) {
      RunRecord first = g.get(0);
      double[] acc = g.stream().mapToDouble(RunRecord::testAccuracy).toArray();
      Set<String> t = new LinkedHashSet<>();
      g.forEach(r -> t.add(r.energy().technology()));
      rows.add(new Row(first.dataset(), first.network(), first.config(), g.size(), mean(acc), std(acc),
          mean(g, EnergyReport::energyPerExampleJoules), mean(g, EnergyReport::energyPerInferenceJoules),
          mean(g, EnergyReport::averagePowerWatts), mean(g, EnergyReport::gopsPerWatt), mean(g, EnergyReport::topsPerMm2),
          String.join("+", t), false));
    }
    return new ExportTable(markPareto(rows), conv, warnings);
  }

  private static EnergyReport energyOf(RunRecord r, TechnologyTable technology) {
    if (technology == null) {
      if (r.energy() != null) return r.energy();
      if (r.phaseCounts() == null) return null;
      PowerConfigs c = PowerConfigs.byId(r.config());
      return EnergyModel.report(r.phaseCounts(), c.tileConfig(), TechnologyTable.ambrogio2018(), examplesPerEpoch(r));
    }
    if (r.phaseCounts() == null) {
      if (r.energy() == null) return null;
      throw new IllegalArgumentException("cannot re-price " + r.dir() + " with --technology: its result.json has no 'phaseCounts'");
    }
    if (r.energy() != null) {
      return EnergyModel.report(r.phaseCounts(), r.energy().hardware(), technology, r.energy().examplesPerEpoch(), ReferenceGpu.P100_FP16);
    }
    return EnergyModel.report(r.phaseCounts(), PowerConfigs.byId(r.config()).tileConfig(), technology, examplesPerEpoch(r));
  }

  private static long examplesPerEpoch(RunRecord r) {
    return r.energy() != null ? r.energy().examplesPerEpoch() : 60_000;
  }

  /** Marks the rows no other row dominates (higher-or-equal accuracy at lower-or-equal energy per example, one strictly). */
  static List<Row> markPareto(List<Row> rows) {
    List<Row> out = new ArrayList<>();
    for (Row a : rows) {
      boolean dominated = false;
      for (Row b : rows) {
        if (b == a) continue;
        boolean noWorse = b.testMean() >= a.testMean() && b.energyPerExampleJoules() <= a.energyPerExampleJoules();
        boolean better = b.testMean() > a.testMean() || b.energyPerExampleJoules() < a.energyPerExampleJoules();
        if (noWorse && better) {
          dominated = true;
          break;
        }
      }
      out.add(new Row(a.dataset(), a.network(), a.config(), a.runs(), a.testMean(), a.testStd(), a.energyPerExampleJoules(),
          a.energyPerInferenceJoules(), a.powerWatts(), a.gopsPerWatt(), a.topsPerMm2(), a.technology(), !dominated));
    }
    return out;
  }

  // ------------------------------------------------------------------ renderings

  /** A Tablesaw table, the source of the CSV. */
  public Table table() {
    return Table.create("accuracy-vs-power",
        StringColumn.create("dataset", rows.stream().map(Row::dataset).toList()),
        StringColumn.create("network", rows.stream().map(Row::network).toList()),
        StringColumn.create("config", rows.stream().map(Row::config).toList()),
        IntColumn.create("runs", rows.stream().mapToInt(Row::runs).toArray()),
        DoubleColumn.create("test_accuracy_mean", rows.stream().mapToDouble(Row::testMean).toArray()),
        DoubleColumn.create("test_accuracy_std", rows.stream().mapToDouble(Row::testStd).toArray()),
        DoubleColumn.create("energy_per_example_j", rows.stream().mapToDouble(Row::energyPerExampleJoules).toArray()),
        DoubleColumn.create("energy_per_inference_j", rows.stream().mapToDouble(Row::energyPerInferenceJoules).toArray()),
        DoubleColumn.create("power_w", rows.stream().mapToDouble(Row::powerWatts).toArray()),
        DoubleColumn.create("gops_per_w", rows.stream().mapToDouble(Row::gopsPerWatt).toArray()),
        DoubleColumn.create("tops_per_mm2", rows.stream().mapToDouble(Row::topsPerMm2).toArray()),
        StringColumn.create("technology", rows.stream().map(Row::technology).toList()),
        IntColumn.create("ops_per_mac", rows.stream().mapToInt(r -> convention.opsPerMac()).toArray()),
        BooleanColumn.create("pareto", rows.stream().map(Row::pareto).toList()));
  }

  public String csv() {
    StringWriter w = new StringWriter();
    table().write().csv(w);
    return w.toString();
  }

  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("Counting convention: ").append(convention.text()).append(".\n\n");
    b.append("| data set | network | configuration | test accuracy | runs | energy / example | energy / inference | power | GOP/s/W | TOP/s/mm² | Pareto |\n");
    b.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s |%n", md(r.dataset()), md(r.network()),
          md(r.config()), accuracy(r, "%.2f ± %.2f %%"), r.runs(), Si.format(r.energyPerExampleJoules(), "J"),
          Si.format(r.energyPerInferenceJoules(), "J"), Si.format(r.powerWatts(), "W"), Si.number(r.gopsPerWatt(), 0),
          Si.significant(r.topsPerMm2()), r.pareto() ? "✓" : ""));
    }
    b.append("\nTechnology: ").append(String.join(", ", new LinkedHashSet<>(rows.stream().map(Row::technology).toList())))
        .append(". Energy figures are means over seeds; ± is the sample standard deviation.\n");
    return b.toString();
  }

  /** "98.41 ± 0.05 %" in {@code format}, or "98.41 (one run)" where one run gives no spread. */
  private static String accuracy(Row r, String format) {
    if (r.runs() < 2) return String.format(Locale.ROOT, format.startsWith("$") ? "$%.2f$ (one run)" : "%.2f %% (one run)", 100 * r.testMean());
    return String.format(Locale.ROOT, format, 100 * r.testMean(), 100 * r.testStd());
  }

  public String latex() {
    StringBuilder b = new StringBuilder();
    b.append("% aimc export: accuracy versus power. ").append(convention.text()).append(".\n");
    b.append("\\begin{table}[t]\n\\centering\n\\begin{tabular}{lllrrrrrr}\n\\toprule\n");
    b.append("Data set & Network & Configuration & Test accuracy (\\%) & Energy/example (nJ) & Power (mW) & GOP/s/W & TOP/s/mm$^2$ & Pareto \\\\\n\\midrule\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "%s & %s & %s & %s & %s & %s & %s & %s & %s \\\\%n", tex(r.dataset()), tex(r.network()),
          tex(r.config()), accuracy(r, "$%.2f \\pm %.2f$"), Si.significant(r.energyPerExampleJoules() * 1e9),
          Si.significant(r.powerWatts() * 1e3), Si.number(r.gopsPerWatt(), 0).replace(",", "{,}"), Si.significant(r.topsPerMm2()),
          r.pareto() ? "$\\checkmark$" : ""));
    }
    b.append("\\bottomrule\n\\end{tabular}\n");
    b.append("\\caption{Test accuracy (mean $\\pm$ std over seeds) against training energy per example. ")
        .append(tex(convention.text())).append(".}\n\\end{table}\n");
    return b.toString();
  }

  /** Accuracy against energy per example (log axis), error bars ± std, the Pareto front as a staircase through its rows. */
  public XYChart chart() {
    XYChart c = new XYChartBuilder().width(900).height(560).title("Test accuracy against training energy per example")
        .xAxisTitle("training energy per example (nJ, log scale)").yAxisTitle("test accuracy (%)").build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setChartBackgroundColor(Color.WHITE);
    c.getStyler().setPlotBackgroundColor(Color.WHITE);
    c.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
    c.getStyler().setXAxisLogarithmicDecadeOnly(false);
    c.getStyler().setXAxisDecimalPattern("0.#");
    for (Row r : rows) {
      String name = r.config() + (distinct(Row::dataset) ? "" : " / " + r.dataset()) + (distinct(Row::network) ? "" : " / " + r.network());
      XYSeries s = c.addSeries(name, new double[] {r.energyPerExampleJoules() * 1e9}, new double[] {100 * r.testMean()},
          new double[] {100 * r.testStd()});
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(r.pareto() ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    }
    List<Row> front = rows.stream().filter(Row::pareto).sorted(Comparator.comparingDouble(Row::energyPerExampleJoules)).toList();
    if (!front.isEmpty()) {
      XYSeries f = c.addSeries("Pareto front", front.stream().mapToDouble(r -> r.energyPerExampleJoules() * 1e9).toArray(),
          front.stream().mapToDouble(r -> 100 * r.testMean()).toArray());
      f.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
      f.setMarker(SeriesMarkers.NONE);
      f.setLineColor(Color.GRAY);
    }
    return c;
  }

  /** Writes the table in a format to a file, atomically. */
  public void write(String format, Path file) {
    switch (format) {
      case "png" -> Png.write(file, chart());
      case "csv" -> AtomicFiles.writeCsv(file, table());
      case "md" -> AtomicFiles.writeString(file, markdown());
      case "latex" -> AtomicFiles.writeString(file, latex());
      default -> throw new IllegalArgumentException("unknown format '" + format + "'; allowed: csv, md, latex, png");
    }
  }

  /** The table as text in a format (not png). */
  public String text(String format) {
    return switch (format) {
      case "csv" -> csv();
      case "md" -> markdown();
      case "latex" -> latex();
      default -> throw new IllegalArgumentException("format '" + format + "' is not text; allowed: csv, md, latex");
    };
  }

  private boolean distinct(java.util.function.Function<Row, String> f) {
    return rows.stream().map(f).distinct().count() <= 1;
  }

  private static String md(String s) {
    return s.replace("|", "\\|");
  }

  static String tex(String s) {
    StringBuilder b = new StringBuilder();
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '\\' -> b.append("\\textbackslash{}");
        case '&', '%', '$', '#', '_', '{', '}' -> b.append('\\').append(ch);
        case '~' -> b.append("\\textasciitilde{}");
        case '^' -> b.append("\\textasciicircum{}");
        case '×' -> b.append("$\\times$");
        case '±' -> b.append("$\\pm$");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  static double mean(double[] v) {
    return org.apache.commons.math3.stat.StatUtils.mean(v);
  }

  /** Sample standard deviation (n − 1); 0 for a single run. */
  static double std(double[] v) {
    return Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(v));
  }

  private static double mean(List<RunRecord> g, java.util.function.ToDoubleFunction<EnergyReport> f) {
    return g.stream().mapToDouble(r -> f.applyAsDouble(r.energy())).average().orElse(Double.NaN);
  }
}
