package org.aimc.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Png;
import org.aimc.experiments.io.SafeNames;
import org.aimc.training.TrainingPreset;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A parameter sweep: one configuration trained at every point of a grid of override values (the
 * Cartesian product of the axes), each point for seeds 1..N, optionally beside a baseline
 * configuration on the same seeds. One run folder per (point, seed) under {@code out/}; as each run
 * ends, {@code runs.csv} is rewritten (atomically) with every finished run, so an interrupted sweep
 * leaves a complete record of what it did and resumes where it stopped (finished runs are reused,
 * interrupted ones resumed). At the end: {@code sweep.csv} and {@code sweep.md} (test accuracy mean
 * ± sample std per point, and its difference from the baseline) and, when the first axis is
 * numeric, a PNG of test accuracy against it.
 *
 * <p>Every point's configuration is resolved when the sweep is built, so a wrong key or an
 * out-of-range value fails before any training.
 *
 * @param dataset data-set name
 * @param network layer sizes
 * @param config the preset swept
 * @param fixed {@code key=value} overrides applied at every point, before the axes
 * @param axes the swept keys and their values
 * @param baseline a preset trained on the same seeds for comparison, or null
 * @param seeds seeds 1..seeds
 * @param epochs passes over the training set
 * @param threads runs trained at once
 * @param out folder of the sweep
 */
public record Sweep(String dataset, String network, String config, List<String> fixed, List<Axis> axes, String baseline, int seeds,
                   int epochs, int threads, Path out) {
  public static final String RUNS_CSV = "runs.csv";
  public static final String TABLE_CSV = "sweep.csv";
  public static final String TABLE_MD = "sweep.md";
  static final String RUNS_HEADER = "point,seed,test_accuracy,train_accuracy,folder";
  /** Most runs one sweep plans (points × seeds, baseline included): beyond it, resolving and listing the points alone takes minutes and gigabytes. */
  public static final int MAX_RUNS = 10_000;
  /** Points {@code --dry-run} lists one by one; the rest are counted. */
  static final int DRY_RUN_LISTED = 100;

  /** One swept key and its values, in the order given. */
  public record Axis(String key, List<String> values) {
    public Axis {
      if (key == null || key.isBlank()) throw new IllegalArgumentException("--vary: the key is empty");
      key = key.strip();
      // "0.05" and "0.05 " are one value: one point, trained once.
      values = values.stream().map(v -> v == null ? "" : v.strip()).toList();
      if (values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
        throw new IllegalArgumentException("--vary " + key + ": give one or more values, e.g. --vary " + key + "=0,0.05,0.1");
      }
      Set<String> seen = new HashSet<>();
      for (String v : values)
        if (!seen.add(v)) throw new IllegalArgumentException("--vary " + key + ": the value '" + v + "' is repeated (values are compared without"
            + " surrounding spaces); list each value once");
    }

    /** {@code points} values from {@code from} to {@code to}, evenly spaced (both ends included). */
    public static Axis linear(String key, double from, double to, int points) {
      return new Axis(key, range(key, from, to, points, false));
    }

    /** {@code points} values from {@code from} to {@code to}, evenly spaced in the logarithm (both ends positive, included). */
    public static Axis log(String key, double from, double to, int points) {
      if (!(from > 0 && to > 0)) throw new IllegalArgumentException(key + ": a log range needs positive ends, not " + from + " and " + to);
      return new Axis(key, range(key, from, to, points, true));
    }

    private static List<String> range(String key, double from, double to, int points, boolean log) {
      if (points < 2) throw new IllegalArgumentException(key + ": a range needs at least 2 points, not " + points);
      if (points > MAX_RUNS)
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d points on one axis, more than the %,d runs one sweep may plan", key, points, MAX_RUNS));
      if (!(Double.isFinite(from) && Double.isFinite(to) && from != to))
        throw new IllegalArgumentException(key + ": a range needs two different finite ends, not " + from + " and " + to);
      List<String> values = new ArrayList<>();
      for (int i = 0; i < points; i++) {
        double f = (double) i / (points - 1);
        double v = log ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from))) : from + f * (to - from);
        if (i == points - 1) v = to;
        // Six significant digits: "0.316228", not "0.31622776601683794"; the value the run records is this text.
        values.add(new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString());
      }
      return values;
    }

    /** Parses {@code KEY=V1,V2,...}. */
    public static Axis parse(String text) {
      int eq = text.indexOf('=');
      if (eq <= 0) throw new IllegalArgumentException("--vary '" + text + "': expected KEY=V1,V2,..., e.g. analog.tile.backward.outputNoise=0,0.05,0.1");
      return new Axis(text.substring(0, eq).trim(), List.of(text.substring(eq + 1).split(",", -1)).stream().map(String::trim).toList());
    }
  }

  /** One point of the grid: one value per axis. */
  public record Point(List<String> values) {}

  /** One row of the table. Accuracies are fractions; {@code testMinusBaseline} is NaN without a baseline. */
  public record Row(String label, List<String> values, int runs, double testMean, double testStd, double trainMean, double trainStd,
                    double testMinusBaseline, String code) {}

  public Sweep {
    dataset = TrainingData.canonicalName(dataset);
    config = TrainingPreset.byId(config).id();
    if (baseline != null) baseline = TrainingPreset.byId(baseline).id();
    fixed = List.copyOf(fixed);
    axes = List.copyOf(axes);
    if (axes.isEmpty()) throw new IllegalArgumentException("--vary: name at least one key to sweep, e.g. --vary analog.tile.backward.outputNoise=0,0.1");
    Set<String> keys = new HashSet<>();
    for (String f : fixed) keys.add(f.substring(0, Math.max(0, f.indexOf('='))).trim());
    for (Axis a : axes) {
      if (!keys.add(a.key())) throw new IllegalArgumentException("--vary " + a.key() + ": the key is already set or swept; give it once");
    }
    if (seeds < 1) throw new IllegalArgumentException("--seeds " + seeds + " must be at least 1");
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be at least 1");
    if (threads < 1) throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
    // Counted from the grid's shape before any point is made: a grid of 10^9 points is refused at once.
    long points = 1;
    StringBuilder shape = new StringBuilder();
    for (Axis a : axes) {
      points = Math.min(Long.MAX_VALUE / 4, points * (long) a.values().size());
      shape.append(shape.length() == 0 ? "" : " × ").append(a.values().size());
    }
    long runs = Math.min(Long.MAX_VALUE / 4, points * seeds) + (baseline == null ? 0 : seeds);
    if (runs > MAX_RUNS)
      throw new IllegalArgumentException(String.format(Locale.ROOT, "the sweep has %s = %,d points × %,d seeds%s = %,d runs, more than the %,d"
          + " one sweep may plan; use fewer values per axis, fewer axes or fewer seeds, or split it into several sweeps (each its own --out)",
          shape, points, seeds, baseline == null ? "" : " + baseline " + seeds, runs, MAX_RUNS));
    // Resolve every point now: a bad key or value fails before any run starts.
    for (Point p : grid(axes)) specOf(dataset, network, config, fixed, axes, p, epochs, 1);
  }

  /** The grid, first axis varying slowest. */
  public List<Point> points() {
    return grid(axes);
  }

  private static List<Point> grid(List<Axis> axes) {
    List<Point> points = new ArrayList<>(List.of(new Point(List.of())));
    for (Axis a : axes) {
      List<Point> next = new ArrayList<>();
      for (Point p : points) {
        for (String v : a.values()) {
          List<String> vs = new ArrayList<>(p.values());
          vs.add(v);
          next.add(new Point(vs));
        }
      }
      points = next;
    }
    return points;
  }

  TrainSpec spec(Point p, int seed) {
    return specOf(dataset, network, config, fixed, axes, p, epochs, seed);
  }

  private static TrainSpec specOf(String dataset, String network, String config, List<String> fixed, List<Axis> axes, Point p,
      int epochs, int seed) {
    List<String> overrides = new ArrayList<>(fixed);
    for (int i = 0; i < axes.size(); i++) overrides.add(axes.get(i).key() + "=" + p.values().get(i));
    return new TrainSpec(dataset, network, config, overrides, epochs, seed);
  }

  /**
   * "outputNoise=0.05": each key shortened to its last segment, or to as many last segments as
   * tell it from the other axes ("backward.outputNoise=0.05"); pairs joined by ", ".
   */
  String label(Point p) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) parts.add(shortKey(i) + "=" + p.values().get(i));
    return String.join(", ", parts);
  }

  private String shortKey(int axis) {
    String[] segments = axes.get(axis).key().split("\\.");
    for (int n = 1; ; n++) {
      String suffix = String.join(".", java.util.Arrays.copyOfRange(segments, Math.max(0, segments.length - n), segments.length));
      boolean unique = true;
      for (int j = 0; j < axes.size(); j++) {
        if (j != axis && ("." + axes.get(j).key()).endsWith("." + suffix)) unique = false;
      }
      if (unique || n >= segments.length) return suffix;
    }
  }

  /** The folder of a point: its full {@code key=value} pairs joined by '+', unsafe characters replaced. */
  Path pointFolder(Point p) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < axes.size(); i++) parts.add(axes.get(i).key() + "=" + p.values().get(i));
    return SafeNames.inside(out, String.join("+", parts));
  }

  /**
   * The folder a sweep writes to when no {@code --out} is given: {@code runs/sweep-DATASET-CONFIG-KEY},
   * KEY the last part of the first swept key; the user's texts made into one safe folder name, so
   * that a data set such as {@code features:../../f} cannot lead outside {@code runs/}.
   */
  public static Path defaultFolder(String dataset, String configTag, String firstKey) {
    return SafeNames.inside(Path.of("runs"), "sweep-" + dataset.replace(':', '-') + "-" + configTag + "-"
        + firstKey.substring(firstKey.lastIndexOf('.') + 1));
  }

  /** Every run of the sweep, baseline first, then each point for seeds 1..N, in grid order. */
  public List<ParallelRuns.Job> jobs() {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    if (baseline != null) {
      for (int s = 1; s <= seeds; s++) {
        jobs.add(new ParallelRuns.Job(baseline, new TrainSpec(dataset, network, baseline, List.of(), epochs, s),
            SafeNames.inside(out, "baseline-" + baseline).resolve("seed-" + s)));
      }
    }
    for (Point p : points()) {
      for (int s = 1; s <= seeds; s++) jobs.add(new ParallelRuns.Job(label(p), spec(p, s), pointFolder(p).resolve("seed-" + s)));
    }
    return jobs;
  }

  /** Runs what has not run yet on this machine ({@code threads} at once), then writes and returns the table. */
  public List<Row> run(DataHome home, PrintStream log) {
    return run(home, log, SweepEngine.local(threads));
  }

  /**
   * Runs what has not run yet on {@code engine}, then writes and returns the table (baseline first,
   * when given). {@code runs.csv} starts afresh and gains one line, appended and forced to disk, as
   * each run finishes or is found finished: every finished run once, in completion order, so a sweep
   * killed at any moment and run again ends with the same rows, none lost and none twice.
   */
  public List<Row> run(DataHome home, PrintStream log, SweepEngine engine) {
    return RunFolder.holding(out, () -> runLocked(home, log, engine));
  }

  private List<Row> runLocked(DataHome home, PrintStream log, SweepEngine engine) {
    List<ParallelRuns.Job> jobs = jobs();
    Path runs = out.resolve(RUNS_CSV);
    boolean[] started = {false}; // runs.csv starts with the first finished run: a sweep that fails to start creates nothing
    List<TrainResult> results = engine.run(jobs, home, log, (job, r) -> {
      if (!started[0]) AtomicFiles.writeString(runs, RUNS_HEADER + "\n");
      started[0] = true;
      AtomicFiles.appendLine(runs, String.join(",", csv(job.label()), Long.toString(job.spec().seed()), Double.toString(r.testAccuracy()),
          Double.toString(r.trainAccuracy()), csv(out.relativize(job.folder()).toString())));
    });
    Map<String, List<TrainResult>> byLabel = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) byLabel.computeIfAbsent(jobs.get(i).label(), k -> new ArrayList<>()).add(results.get(i));
    List<Row> rows = rows(byLabel);
    write(rows);
    return rows;
  }

  /**
   * What {@code --dry-run} prints: every point with its overrides, the number of runs, and the run
   * time on {@code cores} cores ({@link RunTimeEstimate}: each configuration's measured runs in the
   * sweep's folder where there are some, else the calibrated model).
   */
  public String dryRun(int cores) {
    StringBuilder b = new StringBuilder();
    List<Point> points = points();
    b.append(String.format(Locale.ROOT, "%s, network %s, %s, %d epochs, seeds 1..%d%s -> %s%n", dataset, network, config, epochs, seeds,
        fixed.isEmpty() ? "" : ", with " + String.join(" ", fixed), out));
    if (baseline != null) b.append(String.format(Locale.ROOT, "  baseline  %s%n", baseline));
    for (int i = 0; i < Math.min(points.size(), DRY_RUN_LISTED); i++) {
      b.append(String.format(Locale.ROOT, "  point %d  %s%n", i + 1, String.join(" ", spec(points.get(i), 1).overrides().subList(fixed.size(),
          fixed.size() + axes.size()))));
    }
    if (points.size() > DRY_RUN_LISTED) b.append(String.format(Locale.ROOT, "  … and %,d more points%n", points.size() - DRY_RUN_LISTED));
    List<ParallelRuns.Job> jobs = jobs();
    int runs = jobs.size();
    String time;
    if (TrainingData.isOwn(TrainingData.canonicalName(dataset))) {
      time = "unknown (the size of " + dataset + " is read only when it is loaded)";
    } else {
      Map<String, RunTimeEstimate.PerRun> perRun = new LinkedHashMap<>(); // by configuration: this folder's measured runs, or the model
      double total = 0;
      for (ParallelRuns.Job j : jobs) {
        TrainSpec s = j.spec();
        total += perRun.computeIfAbsent(s.configName(), c -> RunTimeEstimate.perRun(s.dataset(), s.network(), c, s.epochs(), s.validation(), out)).seconds();
      }
      total /= Math.min(cores, runs);
      Map<String, List<String>> byBasis = new LinkedHashMap<>(); // "8 s per software run, 13 s per ambrogio2018 run; estimated from ..."
      perRun.forEach((c, r) -> byBasis.computeIfAbsent(r.basis(out), k -> new ArrayList<>()).add(String.format(Locale.ROOT, "%.0f s per %s run", r.seconds(), c)));
      List<String> each = new ArrayList<>();
      byBasis.forEach((basis, runsOf) -> each.add(String.join(", ", runsOf) + "; " + basis));
      time = String.format(Locale.ROOT, "about %s on %d cores (%s)", total < 90 ? String.format(Locale.ROOT, "%.0f s", total)
          : String.format(Locale.ROOT, "%.0f min", total / 60), cores, String.join("; ", each));
    }
    b.append(String.format(Locale.ROOT, "%d points × %d seeds%s = %d runs; %s%n", points.size(), seeds,
        baseline == null ? "" : " + baseline " + seeds, runs, time));
    return b.toString();
  }

  List<Row> rows(Map<String, List<TrainResult>> byLabel) {
    double base = baseline == null ? Double.NaN
        : ParallelRuns.mean(byLabel.get(baseline).stream().mapToDouble(TrainResult::testAccuracy).toArray());
    List<Row> rows = new ArrayList<>();
    if (baseline != null) rows.add(row(baseline, List.of(), byLabel.get(baseline), base));
    for (Point p : points()) rows.add(row(label(p), p.values(), byLabel.get(label(p)), base));
    return rows;
  }

  private static Row row(String label, List<String> values, List<TrainResult> runs, double base) {
    double[] test = runs.stream().mapToDouble(TrainResult::testAccuracy).toArray();
    double[] train = runs.stream().mapToDouble(TrainResult::trainAccuracy).toArray();
    double mean = ParallelRuns.mean(test);
    return new Row(label, values, test.length, mean, ParallelRuns.std(test), ParallelRuns.mean(train), ParallelRuns.std(train),
        mean - base, ParallelRuns.code(runs));
  }

  /** A CSV field: quoted where it holds a comma, a quote or a line break (RFC 4180), so one run stays one row. */
  static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private void write(List<Row> rows) {
    Table t = Table.create("sweep", StringColumn.create("point", rows.stream().map(Row::label).toList()));
    for (int i = 0; i < axes.size(); i++) {
      int k = i;
      t.addColumns(StringColumn.create(axes.get(i).key(), rows.stream().map(r -> r.values().isEmpty() ? "" : r.values().get(k)).toList()));
    }
    t.addColumns(
        IntColumn.create("runs", rows.stream().mapToInt(Row::runs).toArray()),
        DoubleColumn.create("test_accuracy_mean", rows.stream().mapToDouble(Row::testMean).toArray()),
        DoubleColumn.create("test_accuracy_std", rows.stream().mapToDouble(Row::testStd).toArray()),
        DoubleColumn.create("train_accuracy_mean", rows.stream().mapToDouble(Row::trainMean).toArray()),
        DoubleColumn.create("train_accuracy_std", rows.stream().mapToDouble(Row::trainStd).toArray()),
        DoubleColumn.create("test_minus_baseline", rows.stream().mapToDouble(Row::testMinusBaseline).toArray()),
        StringColumn.create("code", rows.stream().map(Row::code).toList()));
    AtomicFiles.writeCsv(out.resolve(TABLE_CSV), t);
    AtomicFiles.writeString(out.resolve(TABLE_MD), markdown(rows));
    XYChart chart = chart(rows);
    if (chart != null) Png.write(out.resolve(plotName()), chart);
    for (int i = 0; i < axes.size(); i++) {
      XYChart s = sensitivity(rows, i);
      if (s != null) Png.write(out.resolve(sensitivityName(i)), s);
    }
  }

  String sensitivityName(int axis) {
    return "sensitivity-" + shortKey(axis) + ".png";
  }

  /**
   * Test accuracy against one swept key with every other swept key at its base value (the
   * configuration's, after {@code fixed}); null if the key is not numeric or no point has the other
   * keys at their base values.
   */
  private XYChart sensitivity(List<Row> rows, int axis) {
    com.fasterxml.jackson.databind.JsonNode base = org.aimc.experiments.io.Json.MAPPER.valueToTree(
        org.aimc.config.RecordOverrides.apply(TrainingPreset.byId(config).config(), fixed));
    List<double[]> xy = new ArrayList<>();
    try {
      for (Row r : rows) {
        if (r.values().isEmpty()) continue;
        boolean others = true;
        for (int j = 0; j < axes.size(); j++) {
          if (j == axis) continue;
          com.fasterxml.jackson.databind.JsonNode b = base.at("/" + axes.get(j).key().replace('.', '/'));
          others &= b.isNumber() && b.asDouble() == Double.parseDouble(r.values().get(j));
        }
        if (others) xy.add(new double[] {Double.parseDouble(r.values().get(axis)), 100 * r.testMean(), 100 * r.testStd()});
      }
    } catch (NumberFormatException e) {
      return null;
    }
    if (xy.isEmpty()) return null;
    XYChart c = new XYChartBuilder().width(900).height(560)
        .title(dataset + " " + network + " " + config + ": sensitivity to " + shortKey(axis) + (axes.size() > 1 ? " (other swept keys at base values)" : ""))
        .xAxisTitle(axes.get(axis).key()).yAxisTitle("test accuracy (%)").build();
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    c.addSeries(config, xy.stream().mapToDouble(v -> v[0]).toArray(), xy.stream().mapToDouble(v -> v[1]).toArray(),
        xy.stream().mapToDouble(v -> v[2]).toArray()).setMarker(SeriesMarkers.CIRCLE);
    double[] x = xy.stream().mapToDouble(v -> v[0]).toArray();
    addBaseline(c, rows, x);
    // Values spread over decades (a log range) read best on a log axis.
    double lo = java.util.Arrays.stream(x).min().orElse(0);
    double hi = java.util.Arrays.stream(x).max().orElse(0);
    if (lo > 0 && hi / lo >= 100) c.getStyler().setXAxisLogarithmic(true);
    return c;
  }

  String plotName() {
    return "test-accuracy-vs-" + shortKey(0) + ".png";
  }

  /** The table as Markdown, the form printed on the terminal too. */
  public String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, network %s, %s, %d epochs, seeds 1..%d%s%n%n", dataset, network, config, epochs, seeds,
        fixed.isEmpty() ? "" : ", with " + String.join(" ", fixed)));
    b.append("| point | test accuracy | train accuracy | runs |").append(baseline == null ? "" : " test − " + baseline + " |")
        .append(" code |\n|---|---:|---:|---:|").append(baseline == null ? "" : "---:|").append("---|\n");
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d |", r.label(), ParallelRuns.percent(r.testMean(), r.testStd(), r.runs()),
          ParallelRuns.percent(r.trainMean(), r.trainStd(), r.runs()), r.runs()));
      if (baseline != null) b.append(String.format(Locale.ROOT, " %+.2f pp |", 100 * r.testMinusBaseline()));
      b.append(' ').append(r.code()).append(" |\n");
    }
    return b.toString();
  }

  /** Test accuracy against the first axis, one series per combination of the others; null if it is not numeric. */
  private XYChart chart(List<Row> rows) {
    Axis first = axes.get(0);
    double[] x = new double[first.values().size()];
    try {
      for (int i = 0; i < x.length; i++) x[i] = Double.parseDouble(first.values().get(i));
    } catch (NumberFormatException e) {
      return null;
    }
    XYChart c = new XYChartBuilder().width(900).height(560)
        .title(dataset + " " + network + " " + config + ": test accuracy (mean ± std over seeds)")
        .xAxisTitle(first.key()).yAxisTitle("test accuracy (%)").build();
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    Map<String, double[][]> series = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.values().isEmpty()) continue;
      String rest = r.label().contains(", ") ? r.label().substring(r.label().indexOf(", ") + 2) : config;
      double[][] s = series.computeIfAbsent(rest, k -> new double[2][x.length]);
      int i = first.values().indexOf(r.values().get(0));
      s[0][i] = 100 * r.testMean();
      s[1][i] = 100 * r.testStd();
    }
    for (Map.Entry<String, double[][]> e : series.entrySet()) {
      c.addSeries(e.getKey(), x, e.getValue()[0], e.getValue()[1]).setMarker(SeriesMarkers.CIRCLE);
    }
    addBaseline(c, rows, x);
    return c;
  }

  /** The baseline's test accuracy (the first row) as a horizontal line over the range of {@code x}. */
  private void addBaseline(XYChart c, List<Row> rows, double[] x) {
    if (baseline == null) return;
    double y = 100 * rows.get(0).testMean();
    double lo = java.util.Arrays.stream(x).min().orElse(0);
    double hi = java.util.Arrays.stream(x).max().orElse(1);
    c.addSeries(baseline + " (baseline)", new double[] {lo, hi}, new double[] {y, y}).setMarker(SeriesMarkers.NONE);
  }
}
