package org.aimc.experiments.requirements;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.run.ParallelRuns;
import org.aimc.experiments.run.Reproduction;
import org.aimc.experiments.run.RunTimeEstimate;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;

/**
 * The device-requirements map of one configuration on one data set ({@code aimc requirements}).
 *
 * <ol>
 *   <li><b>Screening.</b> Every parameter of the {@link RequirementsSpec} to its low and to its high
 *       end, one at a time, the rest at the configuration's values; beside the configuration itself
 *       (the preset) and the software yardstick, all on seeds 1..N. Each end's Δ test and Δ
 *       validation against the preset and against software, paired by seed (mean ± sample std of the
 *       per-seed differences). A parameter's effect is the larger |Δ validation against the preset|
 *       of its two ends: decisions are taken on validation, the test set is reported.</li>
 *   <li><b>Joint search.</b> The {@code top} parameters of largest effect, every combination of
 *       their three {@link Parameter#levels levels}; the {@link Envelope} of specifications whose gap
 *       to software is at most {@code maxGap} points at the upper end of a one-sided
 *       {@code confidence} interval over seeds, and the least demanding of them.</li>
 *   <li><b>Tuning</b> (with a {@link Reproduction.Grid}). Software and the preset first get the same
 *       learning-rate search on seed 1 (validation, test unread); the screening and the joint search
 *       train software at its choice and every analog point at the preset's. Then up to
 *       {@code confirm} envelope points, least demanding first (or the best point when the envelope
 *       is empty), get their own search and their seeds run at their choice: {@code confirmed.md}.</li>
 *   <li><b>Confirmation at full length</b> (with {@code confirmEpochs}). The screening and the joint
 *       search run at {@code epochs}; software, the preset and up to {@code confirm} envelope points
 *       (the same choice as the tuning's) are trained again at {@code confirmEpochs} on the same seeds
 *       and at the screening's learning rates ({@code runs-eN/}); the reports give each point's gap
 *       and upper bound at both lengths and whether it holds (still inside at full length).</li>
 * </ol>
 *
 * With {@code beforeTransferRow} the screening has one more row: the preset measured just before
 * each epoch's last transfer ({@code evaluateBeforeTransfer=true}) instead of at each epoch's end,
 * its Δ against the preset beside the parameters'. It is a protocol, not a device value, so the joint
 * search never takes it.
 *
 * Every run keeps the protocol's selection: the validation split, the epoch of best validation
 * accuracy, the test set read once for it ({@link org.aimc.experiments.run.TrainingRun}). A point is
 * named by its moves, so the same specification is the same folder in every phase, and a folder
 * that holds a finished run of the same spec is reused, as in {@code aimc sweep}: the command
 * resumes where it stopped.
 *
 * @param dataset data-set name
 * @param network layer sizes
 * @param spec the ranges
 * @param epochs passes over the training set of every run (the epoch used is chosen on validation)
 * @param seeds seeds 1..N of every point
 * @param top parameters of the joint search
 * @param maxGap the largest gap to software, in points, of a specification in the envelope
 * @param confidence level of the one-sided interval over seeds
 * @param grid the learning-rate search of --tune, or null
 * @param confirm envelope points confirmed: with their own search (with a grid), at {@code confirmEpochs} (with one)
 * @param confirmEpochs passes of the confirmation at full length, more than {@code epochs}; 0: none
 * @param beforeTransferRow whether the screening has the row of the preset measured before each epoch's last transfer
 * @param validation examples held out for validation (null: the data set's own)
 * @param out the study's folder
 */
public record Requirements(String dataset, String network, RequirementsSpec spec, int epochs, int seeds, int top, double maxGap,
                           double confidence, Reproduction.Grid grid, int confirm, int confirmEpochs, boolean beforeTransferRow,
                           Integer validation, Path out) {
  public static final String RUNS_CSV = "runs.csv";
  public static final String SCREENING_CSV = "screening.csv";
  public static final String SCREENING_MD = "screening.md";
  public static final String TORNADO = "tornado.png";
  public static final String ENVELOPE_CSV = "envelope.csv";
  public static final String ENVELOPE_MD = "envelope.md";
  public static final String ENVELOPE_PNG = "envelope.png";
  public static final String CONFIRMED_MD = "confirmed.md";
  /** Every point trained again at {@link #confirmEpochs}: its gap at both lengths and whether it holds. */
  public static final String CONFIRMED_EPOCHS_CSV = "confirmed-epochs.csv";
  /** The screening's row of the evaluation phase ({@code beforeTransferRow}): its name and key. */
  public static final String BEFORE_TRANSFER = "evaluateBeforeTransfer";
  public static final String TUNING_CSV = "tuning.csv";
  public static final String SUMMARY_MD = "requirements.md";

  public Requirements {
    if (epochs < 1) throw new IllegalArgumentException("--epochs " + epochs + " must be at least 1");
    if (seeds < 1) throw new IllegalArgumentException("--seeds " + seeds + " must be at least 1");
    if (top < 1) throw new IllegalArgumentException("--top " + top + " must be at least 1");
    top = Math.min(top, spec.parameters().size());
    if (!(maxGap >= 0)) throw new IllegalArgumentException("--max-gap " + maxGap + " must be 0 or more points");
    if (!(confidence > 0.5 && confidence < 1)) throw new IllegalArgumentException("--confidence " + confidence + " must be in (0.5, 1)");
    if (confirm < 0) throw new IllegalArgumentException("--confirm " + confirm + " must be 0 or more");
    if (confirmEpochs != 0 && confirmEpochs <= epochs)
      throw new IllegalArgumentException("--confirm-epochs " + confirmEpochs + " must be more than --epochs " + epochs
          + ": the screening and the joint search run at --epochs, the confirmation at more (e.g. --epochs 3 --confirm-epochs 20)");
    if (beforeTransferRow)
      for (Parameter p : spec.parameters())
        if (p.name().equals(BEFORE_TRANSFER) || p.keys().contains(BEFORE_TRANSFER))
          throw new IllegalArgumentException("--before-transfer-row: the spec " + spec.file() + " already screens " + BEFORE_TRANSFER
              + " (parameter " + p.name() + "); drop the option or that parameter");
    // Every run's spec is checked before anything runs (the data set's split, the network, each point's values).
    new TrainSpec(dataset, network, spec.baseline(), List.of(), epochs, 1, validation);
    if (confirmEpochs > 0) new TrainSpec(dataset, network, spec.baseline(), List.of(), confirmEpochs, 1, validation);
    for (Design.End e : Design.screening(screened(spec, beforeTransferRow)))
      specOf(dataset, network, spec, epochs, validation, e.point(), null, 1);
    for (Design.Point p : Design.factorial(spec.parameters().subList(0, top))) specOf(dataset, network, spec, epochs, validation, p, null, 1);
  }

  /** Without a confirmation at full length and without the evaluation phase's row. */
  public Requirements(String dataset, String network, RequirementsSpec spec, int epochs, int seeds, int top, double maxGap, double confidence,
                      Reproduction.Grid grid, int confirm, Integer validation, Path out) {
    this(dataset, network, spec, epochs, seeds, top, maxGap, confidence, grid, confirm, 0, false, validation, out);
  }

  /**
   * The screening's parameters: the spec's, then with {@code beforeTransferRow} the evaluation phase,
   * a switch from the configuration's value of {@value #BEFORE_TRANSFER} to the other.
   */
  static List<Parameter> screened(RequirementsSpec spec, boolean beforeTransferRow) {
    if (!beforeTransferRow) return spec.parameters();
    boolean base = org.aimc.training.TrainingPreset.byId(spec.config()).config().evaluateBeforeTransfer();
    List<Parameter> ps = new ArrayList<>(spec.parameters());
    ps.add(new Parameter(BEFORE_TRANSFER, List.of(BEFORE_TRANSFER), "false", "true", false,
        "the evaluation protocol, not a device value: each epoch measured just before its last transfer (true) or at its end (false);"
            + " not searched jointly", Boolean.toString(base), false));
    return List.copyOf(ps);
  }

  /** The screening's parameters ({@link #screened(RequirementsSpec, boolean)}). */
  public List<Parameter> screened() {
    return screened(spec, beforeTransferRow);
  }

  // ---------------------------------------------------------------------------------------------
  // Runs

  private TrainSpec analogSpec(Design.Point p, Reproduction.Setting s, int seed, int e) {
    return specOf(dataset, network, spec, e, validation, p, s, seed);
  }

  private static TrainSpec specOf(String dataset, String network, RequirementsSpec spec, int epochs, Integer validation, Design.Point p,
      Reproduction.Setting s, int seed) {
    List<String> o = new ArrayList<>(p.overrides());
    if (s != null) o.addAll(setting(s));
    return new TrainSpec(dataset, network, spec.config(), o, epochs, seed, validation);
  }

  private static List<String> setting(Reproduction.Setting s) {
    return List.of("learningRate=" + s.learningRate(), "learningRateDecay=" + s.decay());
  }

  private static String settingName(Reproduction.Setting s) {
    return "lr-" + s.learningRate() + "_decay-" + s.decay();
  }

  /**
   * The group of runs at setting {@code s} (null: the configuration's own) and {@code e} epochs: ""
   * at the study's own, else "lr-X_decay-Y", "eN" or "lr-X_decay-Y_eN"; their folder is runs-GROUP
   * (runs for ""), and results are keyed GROUP/POINT.
   */
  private String group(Reproduction.Setting s, int e) {
    List<String> parts = new ArrayList<>();
    if (s != null) parts.add(settingName(s));
    if (e != epochs) parts.add("e" + e);
    return String.join("_", parts);
  }

  private Path runsFolder(Reproduction.Setting s, int e) {
    String g = group(s, e);
    return out.resolve(g.isEmpty() ? "runs" : "runs-" + g);
  }

  /** The folder of an analog point's runs: runs/POINT, runs-lr-X_decay-Y/POINT at a tuned setting, runs-eN/POINT at N epochs. */
  Path pointFolder(Design.Point p, Reproduction.Setting s, int e) {
    return runsFolder(s, e).resolve(p.folderName());
  }

  /** The jobs of {@code points} on seeds 1..N at setting {@code s} (null: the configuration's own), at the study's epochs. */
  List<ParallelRuns.Job> jobs(List<Design.Point> points, Reproduction.Setting s) {
    return jobs(points, s, epochs);
  }

  /** The jobs of {@code points} on seeds 1..N at setting {@code s} and {@code e} epochs. */
  List<ParallelRuns.Job> jobs(List<Design.Point> points, Reproduction.Setting s, int e) {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    for (Design.Point p : Design.distinct(points))
      for (int seed = 1; seed <= seeds; seed++)
        jobs.add(new ParallelRuns.Job(p.label() + (e == epochs ? "" : " at " + e + " epochs"), analogSpec(p, s, seed, e),
            pointFolder(p, s, e).resolve("seed-" + seed)));
    return jobs;
  }

  List<ParallelRuns.Job> softwareJobs(Reproduction.Setting s) {
    return softwareJobs(s, epochs);
  }

  List<ParallelRuns.Job> softwareJobs(Reproduction.Setting s, int e) {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    for (int seed = 1; seed <= seeds; seed++)
      jobs.add(new ParallelRuns.Job(spec.baseline() + (e == epochs ? "" : " at " + e + " epochs"), new TrainSpec(dataset, network,
          spec.baseline(), s == null ? List.of() : setting(s), e, seed, validation), runsFolder(s, e).resolve(spec.baseline()).resolve("seed-" + seed)));
    return jobs;
  }

  /** The screening's points: the preset, then every end (an end at the configuration's value is the preset). */
  List<Design.Point> screeningPoints() {
    List<Design.Point> points = new ArrayList<>(List.of(Design.Point.PRESET));
    for (Design.End e : Design.screening(screened())) points.add(e.point());
    return Design.distinct(points);
  }

  /**
   * The runs of the confirmation at {@link #confirmEpochs}: software at {@code softwareSetting}, then
   * the preset and {@code points} at {@code pointSetting}, on the study's seeds; each point once.
   */
  List<ParallelRuns.Job> confirmationJobs(List<Design.Point> points, Reproduction.Setting softwareSetting, Reproduction.Setting pointSetting) {
    List<Design.Point> all = new ArrayList<>(List.of(Design.Point.PRESET));
    all.addAll(points);
    List<ParallelRuns.Job> jobs = new ArrayList<>(softwareJobs(softwareSetting, confirmEpochs));
    jobs.addAll(jobs(all, pointSetting, confirmEpochs));
    return jobs;
  }

  /** The envelope points to confirm: the inside ones, least demanding first, or the best point when none is inside; at most {@code confirm}. */
  List<Envelope.Gap> toConfirm(List<Envelope.Gap> gaps) {
    List<Envelope.Gap> chosen = new ArrayList<>(Envelope.inside(gaps));
    if (chosen.isEmpty() && Envelope.best(gaps) != null) chosen.add(Envelope.best(gaps));
    return List.copyOf(chosen.subList(0, Math.min(confirm, chosen.size())));
  }

  /** Search jobs (seed 1, test unread) of one configuration or point at every setting of the grid. */
  private List<ParallelRuns.Job> searchJobs(String label, Design.Point p) {
    List<ParallelRuns.Job> jobs = new ArrayList<>();
    for (Reproduction.Setting s : grid.settings()) {
      TrainSpec ts = p == null ? new TrainSpec(dataset, network, spec.baseline(), setting(s), epochs, 1, validation) : analogSpec(p, s, 1, epochs);
      jobs.add(new ParallelRuns.Job(label + " " + settingName(s), ts,
          out.resolve("tune").resolve(p == null ? spec.baseline() : p.folderName()).resolve(settingName(s)).resolve("seed-1"), false));
    }
    return jobs;
  }

  // ---------------------------------------------------------------------------------------------
  // The study

  /**
   * What the study found.
   *
   * @param confirmed the points confirmed at their own learning rate (with a grid)
   * @param atConfirmEpochs the preset, then the points trained again at {@link #confirmEpochs} (with it)
   */
  public record Outcome(List<ScreenRow> screening, List<Parameter> searched, List<Envelope.Gap> gaps, List<Envelope.Gap> confirmed,
                        List<Confirmation> atConfirmEpochs) {}

  /**
   * One point at both lengths: its gap to software at the study's epochs and at {@link #confirmEpochs},
   * on the same seeds.
   */
  public record Confirmation(Envelope.Gap screened, Envelope.Gap confirmed) {
    /** Whether the point is still inside the envelope at full length. */
    public boolean holds() {
      return confirmed.inside();
    }
  }

  /**
   * One end of the screening. Differences are in points, paired by seed: mean ± sample std over
   * seeds of (this end − preset) and (this end − software).
   */
  public record ScreenRow(Parameter parameter, String end, String value, int runs, double testMean, double[] testVsPreset,
                          double[] validationVsPreset, double[] testVsSoftware, double[] validationVsSoftware, double effect) {}

  /** Runs what has not run yet on {@code engine}, writes every table and figure, and returns what it found. */
  public Outcome run(DataHome home, PrintStream log, SweepEngine engine) {
    Runner runner = new Runner(engine, home, log);
    Reproduction.Setting softwareSetting = null;
    Reproduction.Setting presetSetting = null;
    List<String[]> tuning = new ArrayList<>();
    if (grid != null) {
      log.printf(Locale.ROOT, "tuning: %d settings for %s and %s, seed 1, chosen on validation%n", grid.settings().size(), spec.baseline(), spec.config());
      softwareSetting = search(runner, spec.baseline(), null, tuning);
      presetSetting = search(runner, "preset", Design.Point.PRESET, tuning);
    }

    // 1. Screening.
    List<ParallelRuns.Job> jobs = new ArrayList<>(softwareJobs(softwareSetting));
    List<Design.Point> screen = screeningPoints();
    jobs.addAll(jobs(screen, presetSetting));
    log.printf(Locale.ROOT, "screening: %d parameters × 2 ends, %d seeds, %d epochs: %d runs%n", screened().size(), seeds, epochs, jobs.size());
    Map<String, double[][]> results = runner.run(jobs);
    double[][] software = results.get(softwareKey(softwareSetting));
    List<ScreenRow> rows = screening(results, software, presetSetting);
    writeScreening(rows, results.get(key(Design.Point.PRESET, presetSetting)), software);

    // 2. Joint search over the top parameters (of the spec's: never the evaluation phase).
    List<Parameter> searched = searched(rows);
    List<Design.Point> points = Design.factorial(searched);
    log.printf(Locale.ROOT, "joint search: %s at %s levels: %d points × %d seeds%n", String.join(", ", searched.stream().map(Parameter::name).toList()),
        String.join("×", searched.stream().map(p -> Integer.toString(p.levels().size())).toList()), points.size(), seeds);
    results.putAll(runner.run(jobs(points, presetSetting)));
    List<Envelope.Gap> gaps = new ArrayList<>();
    for (Design.Point p : points) gaps.add(Envelope.gap(p, results.get(key(p, presetSetting))[0], software[0], confidence, maxGap));

    // 3. Confirmation of envelope points with their own learning rate.
    List<Envelope.Gap> confirmed = new ArrayList<>();
    if (grid != null && confirm > 0) {
      for (Envelope.Gap g : toConfirm(gaps)) {
        Reproduction.Setting s = search(runner, g.point().label(), g.point(), tuning);
        List<ParallelRuns.Job> cj = jobs(List.of(g.point()), s);
        Map<String, double[][]> r = runner.run(cj);
        confirmed.add(Envelope.gap(g.point(), r.get(key(g.point(), s))[0], software[0], confidence, maxGap));
      }
    }
    if (grid != null) writeTuning(tuning);

    // 4. The preset and the envelope points again at full length, beside software, on the same seeds.
    List<Confirmation> atConfirmEpochs = new ArrayList<>();
    if (confirmEpochs > 0) {
      List<Envelope.Gap> chosen = new ArrayList<>(List.of(Envelope.gap(Design.Point.PRESET, results.get(key(Design.Point.PRESET, presetSetting))[0],
          software[0], confidence, maxGap)));
      for (Envelope.Gap g : toConfirm(gaps)) if (!g.point().moves().isEmpty()) chosen.add(g);
      List<ParallelRuns.Job> cj = confirmationJobs(chosen.stream().map(Envelope.Gap::point).toList(), softwareSetting, presetSetting);
      log.printf(Locale.ROOT, "confirmation at %d epochs: %s, the preset and %d envelope point(s) × %d seeds: %d runs%n", confirmEpochs, spec.baseline(),
          chosen.size() - 1, seeds, cj.size());
      Map<String, double[][]> r = runner.run(cj);
      double[][] softwareLong = r.get(key(group(softwareSetting, confirmEpochs), spec.baseline()));
      for (Envelope.Gap g : chosen)
        atConfirmEpochs.add(new Confirmation(g, Envelope.gap(g.point(), r.get(key(group(presetSetting, confirmEpochs), g.point().folderName()))[0],
            softwareLong[0], confidence, maxGap)));
    }
    Outcome outcome = new Outcome(rows, searched, gaps, confirmed, atConfirmEpochs);
    RequirementsReport.write(this, outcome, software, results.get(key(Design.Point.PRESET, presetSetting)));
    return outcome;
  }

  private String softwareKey(Reproduction.Setting s) {
    return key(group(s, epochs), spec.baseline());
  }

  private String key(Design.Point p, Reproduction.Setting s) {
    return key(group(s, epochs), p.folderName());
  }

  /** The key of a point's (or software's) results: GROUP/NAME, or NAME in the study's own group. */
  private static String key(String group, String name) {
    return group.isEmpty() ? name : group + "/" + name;
  }

  /** The setting of best validation accuracy for a point (or software, when {@code p} is null); ties: the first in grid order. */
  private Reproduction.Setting search(Runner runner, String label, Design.Point p, List<String[]> tuning) {
    List<ParallelRuns.Job> jobs = searchJobs(label, p);
    List<TrainResult> rs = runner.engine.run(jobs, runner.home, runner.log, runner::record);
    int best = 0;
    for (int k = 1; k < rs.size(); k++) if (rs.get(k).validationAccuracy() > rs.get(best).validationAccuracy()) best = k;
    for (int k = 0; k < rs.size(); k++) {
      Reproduction.Setting s = grid.settings().get(k);
      tuning.add(new String[] {label, Double.toString(s.learningRate()), Double.toString(s.decay()), Double.toString(rs.get(k).validationAccuracy()),
          Integer.toString(rs.get(k).selectedEpoch()), k == best ? "yes" : ""});
    }
    return grid.settings().get(best);
  }

  /** Runs jobs on the engine and appends each finished run to runs.csv (which starts afresh with the first), each folder once. */
  private final class Runner {
    final SweepEngine engine;
    final DataHome home;
    final PrintStream log;
    boolean started;

    Runner(SweepEngine engine, DataHome home, PrintStream log) {
      this.engine = engine;
      this.home = home;
      this.log = log;
    }

    /** Folders already in runs.csv: a run the joint search reuses from the screening is listed once. */
    final java.util.Set<Path> recorded = new java.util.HashSet<>();

    void record(ParallelRuns.Job job, TrainResult r) {
      if (!recorded.add(job.folder())) return;
      Path runs = out.resolve(RUNS_CSV);
      if (!started) AtomicFiles.writeString(runs, "point,seed,test_accuracy,validation_accuracy,selected_epoch,folder\n");
      started = true;
      AtomicFiles.appendLine(runs, String.join(",", RequirementsReport.csv(job.label()), Long.toString(job.spec().seed()),
          r.testAccuracy() == null ? "" : Double.toString(r.testAccuracy()), Double.toString(r.validationAccuracy()),
          Integer.toString(r.selectedEpoch()), RequirementsReport.csv(out.relativize(job.folder()).toString())));
    }

    /** Results by point key: [0] test accuracies by seed, [1] validation accuracies by seed. */
    Map<String, double[][]> run(List<ParallelRuns.Job> jobs) {
      List<TrainResult> rs = engine.run(jobs, home, log, this::record);
      Map<String, double[][]> by = new HashMap<>();
      for (int i = 0; i < jobs.size(); i++) {
        ParallelRuns.Job j = jobs.get(i);
        Path rel = out.relativize(j.folder()).getParent();
        String root = rel.getName(0).toString();
        String k = key(root.equals("runs") ? "" : root.substring("runs-".length()), rel.getFileName().toString());
        double[][] v = by.computeIfAbsent(k, x -> new double[2][seeds]);
        int s = (int) j.spec().seed() - 1;
        v[0][s] = rs.get(i).testAccuracy();
        v[1][s] = rs.get(i).validationAccuracy();
      }
      return by;
    }
  }

  List<ScreenRow> screening(Map<String, double[][]> results, double[][] software, Reproduction.Setting s) {
    double[][] preset = results.get(key(Design.Point.PRESET, s));
    List<ScreenRow> rows = new ArrayList<>();
    for (Design.End e : Design.screening(screened())) {
      double[][] r = results.get(key(e.point(), s));
      rows.add(new ScreenRow(e.parameter(), e.end(), e.value(), seeds, 100 * org.apache.commons.math3.stat.StatUtils.mean(r[0]),
          paired(r[0], preset[0]), paired(r[1], preset[1]), paired(r[0], software[0]), paired(r[1], software[1]), Double.NaN));
    }
    return ordered(rows);
  }

  /** Rows with each parameter's effect (its larger |Δ validation vs preset|), parameters by effect, largest first, each low then high. */
  static List<ScreenRow> ordered(List<ScreenRow> rows) {
    Map<String, Double> effect = new LinkedHashMap<>();
    for (ScreenRow r : rows) effect.merge(r.parameter().name(), Math.abs(r.validationVsPreset()[0]), Math::max);
    List<String> order = new ArrayList<>(effect.keySet());
    order.sort(Comparator.comparingDouble((String n) -> -effect.get(n)));
    List<ScreenRow> out = new ArrayList<>();
    for (String n : order)
      for (ScreenRow r : rows)
        if (r.parameter().name().equals(n))
          out.add(new ScreenRow(r.parameter(), r.end(), r.value(), r.runs(), r.testMean(), r.testVsPreset(), r.validationVsPreset(),
              r.testVsSoftware(), r.validationVsSoftware(), effect.get(n)));
    return out;
  }

  /** The joint search's parameters: the first {@code top} of the spec's in ordered screening rows (never the evaluation phase's row). */
  List<Parameter> searched(List<ScreenRow> ordered) {
    return topParameters(ordered.stream().filter(r -> spec.parameters().contains(r.parameter())).toList(), top);
  }

  /** The first {@code k} parameters of ordered screening rows. */
  static List<Parameter> topParameters(List<ScreenRow> ordered, int k) {
    List<Parameter> top = new ArrayList<>();
    for (ScreenRow r : ordered) if (!top.contains(r.parameter()) && top.size() < k) top.add(r.parameter());
    return top;
  }

  /** Mean and sample std (0 for one seed) of a − b per seed, in points. */
  static double[] paired(double[] a, double[] b) {
    double[] d = new double[a.length];
    for (int i = 0; i < d.length; i++) d[i] = 100 * (a[i] - b[i]);
    double m = org.apache.commons.math3.stat.StatUtils.mean(d);
    return new double[] {m, d.length < 2 ? 0 : Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(d))};
  }

  private void writeScreening(List<ScreenRow> rows, double[][] preset, double[][] software) {
    RequirementsReport.writeScreening(this, rows, preset, software);
  }

  private void writeTuning(List<String[]> tuning) {
    StringBuilder b = new StringBuilder("point,learning_rate,learning_rate_decay,validation_accuracy,selected_epoch,chosen\n");
    for (String[] t : tuning) b.append(String.join(",", RequirementsReport.csv(t[0]), t[1], t[2], t[3], t[4], t[5])).append('\n');
    AtomicFiles.writeString(out.resolve(TUNING_CSV), b.toString());
  }

  // ---------------------------------------------------------------------------------------------
  // The estimate

  /**
   * Runs of each phase, the joint search counted for the first {@code top} parameters of the spec
   * (the real top k is known after the screening), the confirmation at {@link #confirmEpochs} for
   * {@code confirm} points besides the preset and software (fewer when the envelope has fewer).
   */
  public record Count(int screening, int search, int tuning, int confirmation) {
    public int total() {
      return screening + search + tuning + confirmation;
    }
  }

  public Count count() {
    int screening = softwareJobs(null).size() + jobs(screeningPoints(), null).size();
    List<String> seen = screeningPoints().stream().map(Design.Point::folderName).toList();
    int search = 0;
    for (Design.Point p : Design.factorial(spec.parameters().subList(0, top))) if (!seen.contains(p.folderName())) search += seeds;
    int tuning = grid == null ? 0 : 2 * grid.settings().size() + confirm * (grid.settings().size() + seeds - 1);
    int confirmation = confirmEpochs == 0 ? 0 : seeds * (2 + confirm);
    return new Count(screening, search, tuning, confirmation);
  }

  /**
   * Estimated hours on {@code executors} runs at once (whole waves of runs): the runs at the study's
   * epochs, then the confirmation's at {@link #confirmEpochs}; NaN where the data set's size is unknown.
   */
  public double hours(int executors) {
    Count c = count();
    double h = Math.ceil((double) (c.total() - c.confirmation()) / executors) * secondsPerRun() / 3600;
    if (c.confirmation() > 0) h += Math.ceil((double) c.confirmation() / executors) * perRun(confirmEpochs).seconds() / 3600;
    return h;
  }

  /**
   * One analog run of the study ({@link RunTimeEstimate#perRun}): measured, where the study's folder
   * already holds finished runs of the same data set, network and configuration (on this machine,
   * under its load when they ran); else the calibrated model; NaN seconds for a data set whose size
   * is known only when read. Software's runs are counted at the analog cost.
   */
  public RunTimeEstimate.PerRun perRun() {
    return perRun(epochs);
  }

  /** One analog run of {@code e} epochs ({@link #perRun()}). */
  public RunTimeEstimate.PerRun perRun(int e) {
    return RunTimeEstimate.perRun(dataset, network, spec.config(), e, validation, out);
  }

  public double secondsPerRun() {
    return perRun().seconds();
  }

  /** What --dry-run prints. */
  public String dryRun(int cores, int executors) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%s, network %s, %s against %s, %d epochs, seeds 1..%d, spec %s -> %s%n", dataset, network, spec.config(),
        spec.baseline(), epochs, seeds, spec.file(), out));
    b.append(String.format(Locale.ROOT, "screening: %d parameters, each to its low and high end (the rest at %s's values):%n", screened().size(),
        spec.config()));
    for (Parameter p : screened())
      b.append(String.format(Locale.ROOT, "  %-18s %s .. %s (%s%s)  %s%n", p.name(), p.low(), p.high(), spec.config() + " " + p.base(),
          p.log() ? ", log" : "", String.join(" ", p.keys())));
    b.append(String.format(Locale.ROOT, "excluded: %d keys, each with its reason in the spec%n", spec.excluded().size()));
    Count c = count();
    b.append(String.format(Locale.ROOT, "runs: screening %d (with %s and the preset) + joint search about %d (top %d at 3 levels, "
        + "the runs the screening already made reused) + tuning %d%s = %d%n", c.screening(), spec.baseline(), c.search(), top, c.tuning(),
        confirmEpochs == 0 ? "" : String.format(Locale.ROOT, " + confirmation at %d epochs up to %d (%s, the preset and up to %d envelope points × %d seeds)",
            confirmEpochs, c.confirmation(), spec.baseline(), confirm, seeds), c.total()));
    RunTimeEstimate.PerRun perRun = perRun();
    if (Double.isNaN(perRun.seconds())) {
      b.append("time: unknown (the size of " + dataset + " is read only when it is loaded)\n");
    } else {
      b.append(String.format(Locale.ROOT, "time: about %.1f h on this machine's %d cores, %.1f h on %d executors (%.0f s per run, %s%s)%n",
          hours(cores), cores, hours(executors), executors, perRun.seconds(), perRun.basis(out),
          confirmEpochs == 0 ? "" : String.format(Locale.ROOT, "; %.0f s per run at %d epochs", perRun(confirmEpochs).seconds(), confirmEpochs)));
    }
    return b.toString();
  }

  /**
   * A design that fits {@code hours} on {@code executors} runs at once: fewer seeds (down to 2), then
   * fewer epochs (halved, down to 1), then a smaller joint search (top k down to 1); {@code steps}
   * hears each shrink. Throws when even the smallest design does not fit.
   */
  public Requirements within(double hours, int executors, List<String> steps) {
    Requirements r = this;
    while (r.hours(executors) > hours) {
      if (r.seeds > 2) {
        r = r.with(r.epochs, 2, r.top);
        steps.add("--seeds 2");
      } else if (r.epochs > 1) {
        r = r.with(Math.max(1, r.epochs / 2), r.seeds, r.top);
        steps.add("--epochs " + r.epochs);
      } else if (r.top > 1) {
        r = r.with(r.epochs, r.seeds, r.top - 1);
        steps.add("--top " + r.top);
      } else {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "--budget-hours %.2f: even the smallest design (1 epoch, %d seeds, top 1%s) "
            + "takes about %.2f h on %d executors; raise the budget or screen fewer parameters%s", hours, r.seeds,
            confirmEpochs == 0 ? "" : ", confirmed at " + confirmEpochs + " epochs", r.hours(executors), executors,
            confirmEpochs == 0 ? "" : ", or lower --confirm-epochs or --confirm"));
      }
    }
    return r;
  }

  private Requirements with(int epochs, int seeds, int top) {
    return new Requirements(dataset, network, spec, epochs, seeds, top, maxGap, confidence, grid, confirm, confirmEpochs, beforeTransferRow, validation, out);
  }
}
