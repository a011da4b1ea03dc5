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
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The paper's comparison on one data set under the evaluation protocol: every configuration
 * trained on the same network, seeds, order of examples and train / validation split; each run
 * keeps the epoch of best validation accuracy and reads the test set once, for that state.
 *
 * <p>With a {@link Grid}, each configuration first gets the same search budget: one run per
 * (learning rate, decay) of the grid on seed 1, the test set not read; the setting with the best
 * validation accuracy (ties: the first in grid order) is chosen, and seeds 1..N run at it (seed 1 is
 * the search run itself, now tested). Without a grid, each configuration uses its preset's setting.
 * The table shows the setting, validation and test accuracy (mean ± sample std over seeds), and a
 * PNG validation accuracy against epoch. A run whose folder already holds a {@code result.json} of
 * the same spec is not run again, so an interrupted reproduction or search resumes where it stopped.
 *
 * @param dataset data-set name
 * @param network layer sizes
 * @param configs presets to compare, the first being the yardstick
 * @param seeds seeds 1..seeds
 * @param epochs passes over the training set (the epoch used is chosen on validation)
 * @param threads runs trained at once (each run is single-threaded)
 * @param out folder of the comparison
 * @param validation training examples held out for validation (null: the data set's own)
 * @param grid the search per configuration, or null for the presets' own settings
 */
public record Reproduction(String dataset, String network, List<String> configs, int seeds, int epochs, int threads, Path out,
                           Integer validation, Grid grid) {
  public static final String TABLE_CSV = "comparison.csv";
  public static final String TABLE_MD = "comparison.md";
  public static final String TUNING_CSV = "tuning.csv";
  public static final String TUNING_MD = "tuning.md";
  public static final String PLOT = "validation-accuracy-vs-epoch.png";
  /** The folder of the search runs, inside {@code out}. */
  public static final String TUNE_FOLDER = "tune";

  public Reproduction {
    dataset = TrainingData.canonicalName(dataset);
    if (configs.isEmpty()) throw new IllegalArgumentException("--configs: name at least one configuration");
    for (String c : configs) TrainingPreset.byId(c);
    configs = List.copyOf(configs);
    if (seeds < 1) throw new IllegalArgumentException("--seeds " + seeds + " must be at least 1");
    long planned = (long) configs.size() * seeds + (grid == null ? 0 : (long) configs.size() * grid.learningRates().size() * grid.decays().size());
    if (planned > Sweep.MAX_RUNS)
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%,d configurations × %,d seeds%s = %,d runs, more than the %,d"
          + " one comparison may plan; use fewer --seeds or configurations", configs.size(), seeds,
          grid == null ? "" : " + the --tune search", planned, Sweep.MAX_RUNS));
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be at least 1");
    if (threads < 1) throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
    // Every spec of the batch is checked (keys, values, --validation) before anything runs.
    for (String c : configs)
      for (Setting s : grid == null ? List.<Setting>of() : grid.settings()) new TrainSpec(dataset, network, c, s.overrides(), epochs, 1, validation);
    new TrainSpec(dataset, network, configs.get(0), List.of(), epochs, 1, validation);
  }

  /**
   * The hyper-parameters searched for every configuration alike: every learning rate with every
   * decay, on seed 1, each run's epoch chosen on validation. For an analog configuration the
   * learning rate acts through the pulse probability of the update, as in any of its runs.
   *
   * @param learningRates SGD steps at epoch 1
   * @param decays factors per epoch, in (0, 1]
   */
  public record Grid(List<Double> learningRates, List<Double> decays) {
    /** Four learning rates around the presets' 0.01, with and without the presets' decay 0.9: 8 runs per configuration. */
    public static final Grid DEFAULT = new Grid(List.of(0.005, 0.01, 0.02, 0.04), List.of(0.9, 1.0));

    public Grid {
      if (learningRates == null || learningRates.isEmpty())
        throw new IllegalArgumentException("--lr-grid is empty: give at least one learning rate, e.g. --lr-grid 0.005,0.01,0.02");
      if (decays == null || decays.isEmpty())
        throw new IllegalArgumentException("--decay-grid is empty: give at least one decay per epoch in (0, 1], e.g. --decay-grid 0.9,1");
      for (double lr : learningRates)
        if (!(lr > 0 && lr <= 10)) throw new IllegalArgumentException("--lr-grid " + lr + " is outside (0, 10]");
      for (double d : decays)
        if (!(d > 0 && d <= 1)) throw new IllegalArgumentException("--decay-grid " + d + " is outside (0, 1]");
      if (learningRates.stream().distinct().count() < learningRates.size() || decays.stream().distinct().count() < decays.size())
        throw new IllegalArgumentException("--lr-grid / --decay-grid repeat a value: each setting is one run, list it once");
      learningRates = List.copyOf(learningRates);
      decays = List.copyOf(decays);
    }

    /** Every setting, learning rate outer, decay inner: the order that breaks ties. */
    public List<Setting> settings() {
      List<Setting> s = new ArrayList<>();
      for (double lr : learningRates) for (double d : decays) s.add(new Setting(lr, d));
      return s;
    }
  }

  /** One learning-rate setting: the overrides of a run's preset. */
  public record Setting(double learningRate, double decay) {
    List<String> overrides() {
      return List.of("learningRate=" + learningRate, "learningRateDecay=" + decay);
    }

    String folderName() {
      return "lr-" + learningRate + "_decay-" + decay;
    }

    static Setting of(TrainingConfig c) {
      return new Setting(c.learningRate(), c.learningRateDecay());
    }
  }

  /** Each configuration at its preset's own learning rate (no search), with the data set's own validation split. */
  public Reproduction(String dataset, String network, List<String> configs, int seeds, int epochs, int threads, Path out) {
    this(dataset, network, configs, seeds, epochs, threads, out, null, null);
  }

  /**
   * One row of the comparison. Accuracies are fractions; std is the sample standard deviation over seeds.
   *
   * @param setting the learning rate and decay the runs used (chosen on validation, or the preset's)
   * @param selectedEpochMean mean over seeds of the epoch chosen by best validation accuracy
   */
  public record Row(String config, String description, Setting setting, boolean searched, int runs, double selectedEpochMean,
                    double validationMean, double validationStd, double testMean, double testStd, double trainMean, double trainStd,
                    String paperClaim, String code) {}

  /** One search run: its configuration, setting, and what validation said. */
  public record Trial(String config, Setting setting, double validationAccuracy, int selectedEpoch, boolean chosen) {}

  /** Runs what has not run yet (fetching the data set first if needed), then writes and returns the table. */
  public List<Row> run(DataHome home, PrintStream log) {
    TrainingData.prefetch(dataset, home); // fetch once, before the runs race for it
    return run(DataLoader.of(home), log);
  }

  /** The same with the data from {@code data}. */
  public List<Row> run(DataLoader data, PrintStream log) {
    return RunFolder.holding(out, () -> runLocked(data, log));
  }

  private List<Row> runLocked(DataLoader data, PrintStream log) {
    Map<String, Setting> chosen = new LinkedHashMap<>();
    if (grid != null) chosen.putAll(search(data, log));
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    Map<String, Setting> used = new LinkedHashMap<>();
    for (String c : configs) {
      Setting s = chosen.get(c);
      List<String> overrides = s == null ? List.of() : s.overrides();
      for (int seed = 1; seed <= seeds; seed++) {
        TrainSpec spec = new TrainSpec(dataset, network, c, overrides, epochs, seed, validation);
        used.put(c, Setting.of(spec.config()));
        Path folder = s != null && seed == 1 ? tuneFolder(c, s) : org.aimc.experiments.io.SafeNames.inside(out, c).resolve("seed-" + seed);
        jobs.add(new ParallelRuns.Job(c, spec, folder, true));
      }
    }
    List<TrainResult> results = ParallelRuns.run(jobs, threads, data, log, (job, r) -> {});
    Map<String, List<TrainResult>> byConfig = new LinkedHashMap<>();
    for (int i = 0; i < jobs.size(); i++) byConfig.computeIfAbsent(jobs.get(i).label(), k -> new ArrayList<>()).add(results.get(i));
    List<Row> rows = rows(byConfig, used);
    write(rows, byConfig);
    return rows;
  }

  private Path tuneFolder(String config, Setting s) {
    return org.aimc.experiments.io.SafeNames.inside(org.aimc.experiments.io.SafeNames.inside(out.resolve(TUNE_FOLDER), config), s.folderName()).resolve("seed-1");
  }

  /** The search: every setting of the grid for every configuration on seed 1, test set unread; returns the choice per configuration. */
  private Map<String, Setting> search(DataLoader data, PrintStream log) {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    List<Setting> settings = grid.settings();
    for (String c : configs)
      for (Setting s : settings)
        jobs.add(new ParallelRuns.Job(c + " " + s.folderName(), new TrainSpec(dataset, network, c, s.overrides(), epochs, 1, validation),
            tuneFolder(c, s), false));
    log.printf(Locale.ROOT, "search: %d settings × %d configurations, %d epochs each, seed 1, selected on %s validation%n",
        settings.size(), configs.size(), epochs, dataset);
    List<TrainResult> results = ParallelRuns.run(jobs, threads, data, log, (job, r) -> {});
    Map<String, Setting> chosen = new LinkedHashMap<>();
    List<Trial> trials = new ArrayList<>();
    for (int ci = 0; ci < configs.size(); ci++) {
      List<TrainResult> mine = results.subList(ci * settings.size(), (ci + 1) * settings.size());
      int best = choose(mine);
      chosen.put(configs.get(ci), settings.get(best));
      for (int k = 0; k < settings.size(); k++)
        trials.add(new Trial(configs.get(ci), settings.get(k), mine.get(k).validationAccuracy(), mine.get(k).selectedEpoch(), k == best));
    }
    writeTrials(trials);
    return chosen;
  }

  /** The index of the best validation accuracy (the first of equals): the one rule that picks a setting. */
  static int choose(List<TrainResult> results) {
    int best = 0;
    for (int k = 1; k < results.size(); k++) if (results.get(k).validationAccuracy() > results.get(best).validationAccuracy()) best = k;
    return best;
  }

  List<Row> rows(Map<String, List<TrainResult>> byConfig, Map<String, Setting> used) {
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<TrainResult>> e : byConfig.entrySet()) {
      List<TrainResult> rs = e.getValue();
      double[] test = rs.stream().mapToDouble(TrainResult::testAccuracy).toArray();
      double[] val = rs.stream().mapToDouble(TrainResult::validationAccuracy).toArray();
      double[] train = rs.stream().mapToDouble(TrainResult::trainAccuracy).toArray();
      TrainingPreset p = TrainingPreset.byId(e.getKey());
      // Reused runs may come from older code: say which commits the row stands on.
      rows.add(new Row(e.getKey(), p.description(), used.get(e.getKey()), grid != null, rs.size(),
          rs.stream().mapToInt(TrainResult::selectedEpoch).average().orElse(Double.NaN), ParallelRuns.mean(val), ParallelRuns.std(val),
          ParallelRuns.mean(test), ParallelRuns.std(test), ParallelRuns.mean(train), ParallelRuns.std(train), p.paperClaim(),
          ParallelRuns.code(rs)));
    }
    return rows;
  }

  private void write(List<Row> rows, Map<String, List<TrainResult>> byConfig) {
    Table t = Table.create("comparison",
        StringColumn.create("config", rows.stream().map(Row::config).toList()),
        DoubleColumn.create("learning_rate", rows.stream().mapToDouble(r -> r.setting().learningRate()).toArray()),
        DoubleColumn.create("learning_rate_decay", rows.stream().mapToDouble(r -> r.setting().decay()).toArray()),
        StringColumn.create("setting_from", rows.stream().map(r -> r.searched() ? "search on validation" : "preset").toList()),
        IntColumn.create("runs", rows.stream().mapToInt(Row::runs).toArray()),
        DoubleColumn.create("selected_epoch_mean", rows.stream().mapToDouble(Row::selectedEpochMean).toArray()),
        DoubleColumn.create("validation_accuracy_mean", rows.stream().mapToDouble(Row::validationMean).toArray()),
        DoubleColumn.create("validation_accuracy_std", rows.stream().mapToDouble(Row::validationStd).toArray()),
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

  private void writeTrials(List<Trial> trials) {
    Table t = Table.create("tuning",
        StringColumn.create("config", trials.stream().map(Trial::config).toList()),
        DoubleColumn.create("learning_rate", trials.stream().mapToDouble(r -> r.setting().learningRate()).toArray()),
        DoubleColumn.create("learning_rate_decay", trials.stream().mapToDouble(r -> r.setting().decay()).toArray()),
        DoubleColumn.create("validation_accuracy", trials.stream().mapToDouble(Trial::validationAccuracy).toArray()),
        IntColumn.create("selected_epoch", trials.stream().mapToInt(Trial::selectedEpoch).toArray()),
        StringColumn.create("chosen", trials.stream().map(r -> r.chosen() ? "yes" : "").toList()));
    AtomicFiles.writeCsv(out.resolve(TUNING_CSV), t);
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Search on %s, network %s: %d settings per configuration, %d epochs each, seed 1; "
        + "chosen by validation accuracy of the best epoch (test set not read)%n%n", dataset, network, grid.settings().size(), epochs));
    b.append("| configuration | learning rate | decay | validation | epoch | chosen |\n|---|---:|---:|---:|---:|---|\n");
    for (Trial r : trials)
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f %% | %d | %s |%n", r.config(), r.setting().learningRate(), r.setting().decay(),
          100 * r.validationAccuracy(), r.selectedEpoch(), r.chosen() ? "**yes**" : ""));
    AtomicFiles.writeString(out.resolve(TUNING_MD), b.toString());
  }

  /** The table as Markdown, the form printed on the terminal too. */
  public String markdown(List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, network %s, up to %d epochs (epoch chosen on validation), seeds 1..%d, %s%n%n", dataset, network,
        epochs, seeds, grid == null ? "each preset's learning rate"
            : String.format(Locale.ROOT, "learning rate and decay chosen on validation from %d settings (%s)", grid.settings().size(), TUNING_MD)));
    b.append("| configuration | learning rate | decay | epoch | validation accuracy | test accuracy | train accuracy | runs | paper's claim | code |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
    for (Row r : rows)
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s | %d | %s | %s |%n", r.config(), r.setting().learningRate(),
          r.setting().decay(), r.selectedEpochMean(), ParallelRuns.percent(r.validationMean(), r.validationStd(), r.runs()),
          ParallelRuns.percent(r.testMean(), r.testStd(), r.runs()), ParallelRuns.percent(r.trainMean(), r.trainStd(), r.runs()), r.runs(),
          r.paperClaim(), r.code()));
    return b.toString();
  }

  private XYChart chart(Map<String, List<TrainResult>> byConfig) {
    XYChart c = new XYChartBuilder().width(900).height(560)
        .title(dataset + " " + network + ": validation accuracy (mean over seeds)").xAxisTitle("epoch").yAxisTitle("validation accuracy (%)").build();
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
        for (TrainResult r : e.getValue()) y[k] += 100 * r.perEpoch().get(k).validationAccuracy() / e.getValue().size();
      }
      c.addSeries(e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    return c;
  }
}
