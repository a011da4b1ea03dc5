package org.aimc.experiments.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.experiments.io.Json;
import org.aimc.training.BatchedEvaluator;
import org.aimc.training.EpochMetrics;
import org.aimc.training.TrainingListener;

/**
 * Trains independent runs on a fixed pool of threads (each run is single-threaded), each into its
 * own folder. A folder that already holds the finished result of the same spec is reused, one with
 * a checkpoint of the same spec is resumed, so an interrupted batch ({@code reproduce},
 * {@code sweep}) continues where it stopped. Shared by the commands that train many runs.
 */
public final class ParallelRuns {
  /**
   * One run of a batch: what to train, where, the label its progress lines carry, and whether its
   * selected state is tested (false for the runs of a hyper-parameter search).
   */
  public record Job(String label, TrainSpec spec, Path folder, boolean test) {
    public Job(String label, TrainSpec spec, Path folder) {
      this(label, spec, folder, true);
    }
  }

  /** A log that drops everything. */
  public static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

  private ParallelRuns() {}

  /**
   * Runs what has not run yet; returns the results in the order of {@code jobs}. {@code finished}
   * is called (one call at a time) as each run ends or is found done, in completion order.
   */
  static List<TrainResult> run(List<Job> jobs, int threads, DataHome home, PrintStream log, BiConsumer<Job, TrainResult> finished) {
    if (jobs.isEmpty()) return List.of();
    // Fetch once, before the runs race for it (a batch of finished runs needs no data).
    if (jobs.stream().anyMatch(j -> finished(j.folder(), j.spec(), QUIET) == null)) {
      TrainingData.prefetch(jobs.get(0).spec().dataset(), home);
    }
    return run(jobs, threads, DataLoader.of(home), log, finished);
  }

  /**
   * The same with the data from {@code data}, read once for the whole batch. The longest runs start
   * first, so that a short run, not a long one, is what runs alone on the last busy core.
   */
  static List<TrainResult> run(List<Job> jobs, int threads, DataLoader data, PrintStream log, BiConsumer<Job, TrainResult> finished) {
    if (jobs.isEmpty()) return List.of();
    DataLoader once = readOnce(data);
    int poolSize = Math.min(threads, jobs.size());
    ExecutorService pool = Executors.newFixedThreadPool(poolSize);
    Object lock = new Object();
    BatchedEvaluator.shareCores(poolSize);
    try {
      List<Future<TrainResult>> futures = new ArrayList<>(Collections.nCopies(jobs.size(), null));
      for (int i : longestFirst(jobs)) {
        Job job = jobs.get(i);
        futures.set(i, pool.submit(() -> {
          TrainResult r = runOrReuse(job, once, log);
          synchronized (lock) {
            finished.accept(job, r);
          }
          return r;
        }));
      }
      List<TrainResult> results = new ArrayList<>();
      for (Future<TrainResult> f : futures) results.add(get(f));
      return results;
    } finally {
      pool.shutdownNow();
      BatchedEvaluator.shareCores(1);
    }
  }

  /** An analog run costs about this many times a software run of the same shape (aimc bench train: ≈ 0.3×). */
  private static final double ANALOG_COST_FACTOR = 3;

  /**
   * The indices of {@code jobs}, most expensive first (epochs × multiply–accumulates × analog or not);
   * equal costs by seed, then in their given order. Only the start order changes, never a run's figures.
   * By seed, because a batch lists a configuration's seeds together, and two runs of one configuration
   * side by side contend for the same resource: two pcm-only runs, each bound by random reads of its
   * device records, took 20 % longer beside each other than beside other runs.
   */
  static int[] longestFirst(List<Job> jobs) {
    double[] cost = new double[jobs.size()];
    for (int i = 0; i < cost.length; i++) {
      TrainSpec s = jobs.get(i).spec();
      cost[i] = s.epochs() * (double) s.shape().forwardMacs() * (s.config().analog() == null ? 1 : ANALOG_COST_FACTOR);
    }
    return IntStream.range(0, cost.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -cost[i]).thenComparingLong(i -> jobs.get(i).spec().seed()).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }

  /**
   * {@code data}, each data set read (and its checksums verified) once and then shared: the runs of a
   * batch only read it, and reading MNIST again for every run of a sweep cost each run its decoding.
   */
  static DataLoader readOnce(DataLoader data) {
    Map<String, DatasetSplit> read = new ConcurrentHashMap<>();
    Map<String, Map<String, String>> sums = new ConcurrentHashMap<>();
    return new DataLoader() {
      @Override
      public DatasetSplit load(String dataset) {
        return read.computeIfAbsent(dataset, data::load);
      }

      @Override
      public Map<String, String> checksums(String dataset) {
        return sums.computeIfAbsent(dataset, data::checksums);
      }
    };
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

  /** Trains one job into its folder, or reuses or resumes what the folder holds; {@code log} hears of progress. */
  public static TrainResult runOrReuse(Job job, DataHome home, PrintStream log) throws IOException {
    return runOrReuse(job, DataLoader.of(home), log);
  }

  /**
   * The result of {@code job} if its folder holds it finished ({@link #finished}, data files
   * compared), with its test set read once now if the job reads it and the run (a search run, then
   * chosen) had not; null if the job must train. Every engine reuses through this.
   */
  public static TrainResult reuse(Job job, DataLoader data, PrintStream log) {
    TrainSpec spec = job.spec();
    Path dir = job.folder();
    TrainResult done = finished(dir, spec, log, () -> TrainingData.checksums(spec.dataset(), data));
    if (done != null && job.test() && done.testAccuracy() == null) {
      log.printf(Locale.ROOT, "%s seed %d: already trained (%s); reading the test set once for its selected epoch %d%n", job.label(),
          spec.seed(), dir, done.selectedEpoch());
      return new TrainingRun(spec, dir).testSelected(data, done);
    }
    if (done != null) log.printf(Locale.ROOT, "%s seed %d: already done (%s)%n", job.label(), spec.seed(), dir);
    return done;
  }

  private static TrainResult runOrReuse(Job job, DataLoader data, PrintStream log) throws IOException {
    TrainSpec spec = job.spec();
    Path dir = job.folder();
    TrainResult done = reuse(job, data, log);
    if (done != null) return done;
    String tag = String.format(Locale.ROOT, "%-26s seed %d", job.label(), spec.seed());
    TrainingListener lines = new TrainingListener() {
      @Override
      public void epochFinished(EpochMetrics m) {
        log.printf(Locale.ROOT, "%s  epoch %2d/%d  train %.2f %%  validation %.2f %%  (%.0f s)%n", tag, m.epoch(), spec.epochs(),
            100 * m.trainAccuracy(), 100 * m.validationAccuracy(), m.seconds());
      }

      @Override
      public void warning(String message) {
        log.printf(Locale.ROOT, "%s  warning: %s%n", tag, message);
      }
    };
    TrainingRun run = new TrainingRun(spec, dir);
    // A result.json that finished() declined (impossible figures, another run's) is no run to resume: train again.
    boolean resumable = !Files.exists(dir.resolve(RunFolder.RESULT)) && Files.isRegularFile(dir.resolve(TrainingRun.CHECKPOINT)) && Files.isRegularFile(dir.resolve(TrainingRun.SPEC))
        && TrainingRun.inFolder(dir).spec().equals(spec);
    if (resumable) {
      try {
        return run.resume(data, lines, List.of(), job.test());
      } catch (IllegalArgumentException e) {
        // A checkpoint of an older preset or code version: that run starts again.
        log.printf(Locale.ROOT, "%s seed %d: cannot resume (%s); starting again%n", job.label(), spec.seed(),
            e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return run.run(data, lines, job.test(), true); // this folder is the job's own: what is in it is an unfinished or older run of it
  }

  /**
   * The result already in {@code dir} if it is a finished run of exactly {@code spec} (the spec is
   * read from result.json itself, not from spec.json, which a newer interrupted run may have
   * replaced) with possible figures ({@link ReusedResult}); null otherwise. The data files are not
   * compared here (see the overload). An unreadable or rejected result.json is reported and the
   * run is done again.
   */
  public static TrainResult finished(Path dir, TrainSpec spec, PrintStream log) {
    return finished(dir, spec, log, null);
  }

  /** As {@link #finished(Path, TrainSpec, PrintStream)}, and the result must record data files that hash to {@code sums} (null: not compared). */
  static TrainResult finished(Path dir, TrainSpec spec, PrintStream log, java.util.function.Supplier<Map<String, String>> sums) {
    Path result = dir.resolve(RunFolder.RESULT);
    if (!Files.isRegularFile(result)) return null;
    try {
      // A result from before the evaluation protocol (no validation split, test after the last epoch) is not reused.
      if (!Json.MAPPER.readTree(result.toFile()).hasNonNull("split")) {
        log.printf(Locale.ROOT, "%s predates the evaluation protocol (no validation split); running it again%n", result);
        return null;
      }
      TrainResult r = Json.MAPPER.readValue(result.toFile(), TrainResult.class);
      String problem = ReusedResult.problem(result, r, spec, sums == null ? null : sums.get());
      if (problem != null) {
        log.printf(Locale.ROOT, "%s cannot be reused: %s; running it again%n", result, problem);
        return null;
      }
      return r;
    } catch (IOException | IllegalArgumentException e) {
      log.printf(Locale.ROOT, "%s is unreadable (%s); running it again%n", result, e.getMessage());
      return null;
    }
  }

  static double mean(double[] v) {
    return org.apache.commons.math3.stat.StatUtils.mean(v);
  }

  /** Sample standard deviation (n − 1); 0 for a single run. */
  static double std(double[] v) {
    return v.length < 2 ? 0 : Math.sqrt(org.apache.commons.math3.stat.StatUtils.variance(v));
  }

  /** "98.41 ± 0.05 %", or "98.41 % (one run)" where a spread cannot be measured. */
  static String percent(double mean, double std, int runs) {
    return runs < 2 ? String.format(Locale.ROOT, "%.2f %% (one run)", 100 * mean)
        : String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * mean, 100 * std);
  }

  /**
   * The code a group of results stands on: each commit with the matrix-vector kernel it ran on, e.g.
   * "7d600d5 on vector-512" (reused runs may come from older code; a kernel of another vector width
   * adds a tile's products in another order, so the same commit gives other analog figures on it).
   */
  static String code(List<TrainResult> results) {
    return String.join(", ", new java.util.TreeSet<>(results.stream()
        .map(r -> r.provenance().commit() + " on " + r.provenance().kernel()).toList()));
  }
}
