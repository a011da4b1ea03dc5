package org.aimc.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Png;
import org.aimc.training.TrainingPreset;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's comparison on one data set: every configuration trained on the same network, seeds
 * and order of examples; one run folder per (configuration, seed) under {@code out/}, then a table
 * of test accuracy (mean ± sample std over seeds) beside the paper's claim, and a PNG of test
 * accuracy against epoch. A run whose folder already holds a {@code result.json} for the same spec
 * is not run again, so an interrupted reproduction resumes where it stopped.
 *
 * @param dataset data-set name
 * @param network layer sizes
 * @param configs presets to compare, the first being the yardstick
 * @param seeds seeds 1..seeds
 * @param epochs passes over the training set
 * @param threads runs trained at once (each run is single-threaded)
 * @param out folder of the comparison
 */
public record Reproduction(String dataset, String network, List<String> configs, int seeds, int epochs, int threads, Path out) {
  public static final String TABLE_CSV = "comparison.csv";
  public static final String TABLE_MD = "comparison.md";
  public static final String PLOT = "test-accuracy-vs-epoch.png";

  public Reproduction {
    dataset = TrainingData.canonicalName(dataset);
    if (configs.isEmpty()) throw new IllegalArgumentException("--configs: name at least one configuration");
    for (String c : configs) TrainingPreset.byId(c);
    configs = List.copyOf(configs);
    if (seeds < 1) throw new IllegalArgumentException("--seeds " + seeds + " must be at least 1");
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be at least 1");
    if (threads < 1) throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
  }

  /** One row of the comparison. Accuracies are fractions; std is the sample standard deviation over seeds. */
  public record Row(String config, String description, int runs, double testMean, double testStd, double trainMean,
                    double trainStd, String paperClaim, String code) {}

  /** Runs what has not run yet, then writes and returns the table. */
  public List<Row> run(DataHome home, PrintStream log) {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    for (String c : configs) {
      for (int s = 1; s <= seeds; s++) {
        TrainSpec spec = new TrainSpec(dataset, network, c, List.of(), epochs, s);
        jobs.add(new ParallelRuns.Job(c, spec, runFolder(spec)));
      }
    }
    List<TrainResult> results = ParallelRuns.run(jobs, threads, home, log, (job, r) -> {});
    Map<String, List<TrainResult>> byConfig = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) byConfig.computeIfAbsent(jobs.get(i).label(), k -> new ArrayList<>()).add(results.get(i));
    List<Row> rows = rows(byConfig);
    write(rows, byConfig);
    return rows;
  }

  Path runFolder(TrainSpec spec) {
    return out.resolve(spec.configName()).resolve("seed-" + spec.seed());
  }

  List<Row> rows(Map<String, List<TrainResult>> byConfig) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<TrainResult>> e : byConfig.entrySet()) {
      double[] test = e.getValue().stream().mapToDouble(TrainResult::testAccuracy).toArray();
      double[] train = e.getValue().stream().mapToDouble(TrainResult::trainAccuracy).toArray();
      TrainingPreset p = TrainingPreset.byId(e.getKey());
      // Reused runs may come from older code: say which commits the row stands on.
      rows.add(new Row(e.getKey(), p.description(), test.length, ParallelRuns.mean(test), ParallelRuns.std(test),
          ParallelRuns.mean(train), ParallelRuns.std(train), p.paperClaim(), ParallelRuns.commits(e.getValue())));
    }
    return rows;
  }

  private void write(List<Row> rows, Map<String, List<TrainResult>> byConfig) {
    Table t = Table.create("comparison",
        StringColumn.create("config", rows.stream().map(Row::config).toList()),
        IntColumn.create("runs", rows.stream().mapToInt(Row::runs).toArray()),
        DoubleColumn.create("test_accuracy_mean", rows.stream().mapToDouble(Row::testMean).toArray()),
        DoubleColumn.create("test_accuracy_std", rows.stream().mapToDouble(Row::testStd).toArray()),
        DoubleColumn.create("train_accuracy_mean", rows.stream().mapToDouble(Row::trainMean).toArray()),
        DoubleColumn.create("train_accuracy_std", rows.stream().mapToDouble(Row::trainStd).toArray()),
        StringColumn.create("paper_claim", rows.stream().map(Row::paperClaim).toList()),
        StringColumn.create("code", rows.stream().map(Row::code).toList()));
    AtomicFiles.writeCsv(out.resolve(TABLE_CSV), t);
    AtomicFiles.writeString(out.resolve(TABLE_MD), markdown(rows));
    Png.write(out.resolve(PLOT), chart(byConfig));
  }

  /** The table as Markdown, the form printed on the terminal too. */
  public String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, network %s, %d epochs, seeds 1..%d%n%n", dataset, network, epochs, seeds));
    b.append("| configuration | test accuracy | train accuracy | runs | paper's claim | code |\n|---|---:|---:|---:|---|---|\n");
    for (Row r : rows)
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s |%n", r.config(), ParallelRuns.percent(r.testMean(), r.testStd(), r.runs()),
          ParallelRuns.percent(r.trainMean(), r.trainStd(), r.runs()), r.runs(), r.paperClaim(), r.code()));
    return b.toString();
  }

  private XYChart chart(Map<String, List<TrainResult>> byConfig) {
    XYChart c = new XYChartBuilder().width(900).height(560)
        .title(dataset + " " + network + ": test accuracy (mean over seeds)").xAxisTitle("epoch").yAxisTitle("test accuracy (%)").build();
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
    // Okabe–Ito: distinguishable for colour-blind readers; XChart's default gave two near-identical yellows.
    c.getStyler().setSeriesColors(new java.awt.Color[] {new java.awt.Color(0, 114, 178), new java.awt.Color(230, 159, 0),
        new java.awt.Color(204, 121, 167), new java.awt.Color(0, 158, 115), new java.awt.Color(213, 94, 0),
        new java.awt.Color(86, 180, 233), new java.awt.Color(0, 0, 0), new java.awt.Color(240, 228, 66)});
    for (Map.Entry<String, List<TrainResult>> e : byConfig.entrySet()) {
      int n = e.getValue().get(0).perEpoch().size();
      double[] x = new double[n];
      double[] y = new double[n];
      for (int k = 0; k < n; k++) {
        x[k] = k + 1;
        for (TrainResult r : e.getValue()) y[k] += 100 * r.perEpoch().get(k).testAccuracy() / e.getValue().size();
      }
      c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    return c;
  }
}
