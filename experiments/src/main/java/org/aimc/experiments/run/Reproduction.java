package org.aimc.experiments.run;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.Datasets;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.io.Png;
import org.aimc.training.EpochMetrics;
import org.aimc.training.TrainingListener;
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
    dataset = Datasets.canonicalName(dataset);
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
    Datasets.load(dataset, home); // fetch once, before the runs race for it
    List<TrainSpec> specs = new ArrayList<>();
    for (String c : configs) for (int s = 1; s <= seeds; s++) specs.add(new TrainSpec(dataset, network, c, List.of(), epochs, s));
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, specs.size()));
    try {
      List<Future<TrainResult>> futures = new ArrayList<>();
      for (TrainSpec spec : specs) futures.add(pool.submit(() -> runOrReuse(spec, home, log)));
      Map<String, List<TrainResult>> byConfig = new LinkedHashMap<>();
      for (int i = 0; i < specs.size(); i++) {
        TrainResult r = get(futures.get(i));
        byConfig.computeIfAbsent(specs.get(i).configName(), k -> new ArrayList<>()).add(r);
      }
      List<Row> rows = rows(byConfig);
      write(rows, byConfig);
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private static TrainResult get(Future<TrainResult> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException(e.getCause());
    }
  }

  Path runFolder(TrainSpec spec) {
    return out.resolve(spec.configName()).resolve("seed-" + spec.seed());
  }

  private TrainResult runOrReuse(TrainSpec spec, DataHome home, PrintStream log) throws IOException {
    Path dir = runFolder(spec);
    TrainResult done = finished(dir, spec, log);
    if (done != null) {
      log.printf(Locale.ROOT, "%s seed %d: already done (%s)%n", spec.configName(), spec.seed(), dir);
      return done;
    }
    String tag = String.format(Locale.ROOT, "%-26s seed %d", spec.configName(), spec.seed());
    TrainingListener lines = new TrainingListener() {
      @Override
      public void epochFinished(EpochMetrics m) {
        log.printf(Locale.ROOT, "%s  epoch %2d/%d  train %.2f %%  test %.2f %%  (%.0f s)%n", tag, m.epoch(), spec.epochs(),
            100 * m.trainAccuracy(), 100 * m.testAccuracy(), m.seconds());
      }
    };
    TrainingRun run = new TrainingRun(spec, dir);
    boolean resumable = Files.isRegularFile(dir.resolve(TrainingRun.CHECKPOINT)) && Files.isRegularFile(dir.resolve(TrainingRun.SPEC))
        && TrainingRun.inFolder(dir).spec().equals(spec);
    if (resumable) {
      try {
        return run.resume(home, lines);
      } catch (IllegalArgumentException e) {
        // A checkpoint of an older preset or code version: that point starts again.
        log.printf(Locale.ROOT, "%s seed %d: cannot resume (%s); starting again%n", spec.configName(), spec.seed(),
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return run.run(home, lines);
  }

  /**
   * The result already in {@code dir} if it is a finished run of exactly {@code spec} (the spec is
   * read from result.json itself, not from spec.json, which a newer interrupted run may have
   * replaced); null otherwise. An unreadable result.json is reported and the point is run again.
   */
  static TrainResult finished(Path dir, TrainSpec spec, PrintStream log) {
    Path result = dir.resolve(RunFolder.RESULT);
    if (!Files.isRegularFile(result)) return null;
    try {
      TrainResult r = Json.MAPPER.readValue(result.toFile(), TrainResult.class);
      if (!(r.resolvedConfig() instanceof Map<?, ?> m) || m.get("spec") == null || m.get("config") == null) return null;
      // The same spec (preset name + overrides) and the same resolved configuration: a preset whose
      // values changed since the run must run again.
      boolean sameSpec = Json.MAPPER.convertValue(m.get("spec"), TrainSpec.class).equals(spec);
      // Compared as re-read JSON text, so number node types (int vs long) cannot differ.
      boolean sameConfig = Json.MAPPER.readTree(Json.toJson(m.get("config"))).equals(Json.MAPPER.readTree(Json.toJson(spec.config())));
      return sameSpec && sameConfig ? r : null;
    } catch (IOException | IllegalArgumentException e) {
      log.printf(Locale.ROOT, "%s is unreadable (%s); running that point again%n", result, e.getMessage());
      return null;
    }
  }

  List<Row> rows(Map<String, List<TrainResult>> byConfig) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<TrainResult>> e : byConfig.entrySet()) {
      double[] test = e.getValue().stream().mapToDouble(TrainResult::testAccuracy).toArray();
      double[] train = e.getValue().stream().mapToDouble(TrainResult::trainAccuracy).toArray();
      TrainingPreset p = TrainingPreset.byId(e.getKey());
      // Reused runs may come from older code: say which commits the row stands on.
      String code = String.join(" ", new java.util.TreeSet<>(e.getValue().stream().map(r -> r.provenance().commit()).toList()));
      rows.add(new Row(e.getKey(), p.description(), test.length, mean(test), std(test), mean(train), std(train), p.paperClaim(), code));
    }
    return rows;
  }

  static double mean(double[] v) {
    return org.apache.commons.math3.stat.StatUtils.mean(v);
  }

  /** Sample standard deviation (n − 1); 0 for a single run. */
  static double std(double[] v) {
    return Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(v));
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
    AtomicFiles.write(out.resolve(TABLE_CSV), o -> {
      Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8);
      t.write().csv(w);
      w.flush();
    });
    AtomicFiles.writeString(out.resolve(TABLE_MD), markdown(rows));
    Png.write(out.resolve(PLOT), chart(byConfig));
  }

  /** The table as Markdown, the form printed on the terminal too. */
  public String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, network %s, %d epochs, seeds 1..%d%n%n", dataset, network, epochs, seeds));
    b.append("| configuration | test accuracy | train accuracy | runs | paper's claim | code |\n|---|---:|---:|---:|---|---|\n");
    for (Row r : rows)
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s |%n", r.config(), percent(r.testMean(), r.testStd(), r.runs()),
          percent(r.trainMean(), r.trainStd(), r.runs()), r.runs(), r.paperClaim(), r.code()));
    return b.toString();
  }

  /** "98.41 ± 0.05 %", or "98.41 % (one run)" where a spread cannot be measured. */
  private static String percent(double mean, double std, int runs) {
    return runs < 2 ? String.format(Locale.ROOT, "%.2f %% (one run)", 100 * mean)
        : String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * std);
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
