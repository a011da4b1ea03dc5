package org.aimc.experiments.run;

import java.io.PrintStream;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.BiConsumer;
import org.aimc.datasets.DataHome;

/**
 * Where a sweep's runs are trained: on this machine's cores ({@link #local}) or elsewhere (the
 * Spark engine, in its own module, found through {@link ServiceLoader}). An engine trains every job
 * that has not finished yet, reuses the finished ones, and reports each result to {@code finished}
 * (one call at a time, in completion order) as soon as the run's folder holds it, so the caller's
 * {@code runs.csv} never lags behind the folders by more than the run in hand.
 */
public interface SweepEngine {
  /** The name {@code --engine} takes. */
  String name();

  /** Trains what has not run yet; returns the results in the order of {@code jobs}. */
  List<TrainResult> run(List<ParallelRuns.Job> jobs, DataHome home, PrintStream log, BiConsumer<ParallelRuns.Job, TrainResult> finished);

  /** The local engine: {@code threads} runs at once in this JVM. */
  static SweepEngine local(int threads) {
    if (threads < 1) throw new IllegalArgumentException("--threads " + threads + " must be at least 1");
    return new SweepEngine() {
      @Override
      public String name() {
        return "local";
      }

      @Override
      public List<TrainResult> run(List<ParallelRuns.Job> jobs, DataHome home, PrintStream log,
          BiConsumer<ParallelRuns.Job, TrainResult> finished) {
        return ParallelRuns.run(jobs, threads, home, log, finished);
      }
    };
  }

  /** Builds another engine from its options; a module that brings one lists it in META-INF/services. */
  interface Provider {
    /** The name {@code --engine} takes. */
    String name();

    /** The engine, from {@code --master} (null: the engine's default) and {@code --threads} (null: all cores). */
    SweepEngine create(String master, Integer threads);
  }

  /** The engine called {@code name}, or an error that says how to get it. */
  static SweepEngine named(String name, String master, Integer threads) {
    if (name.equals("local")) {
      if (master != null) throw new IllegalArgumentException("--master is for --engine spark; the local engine runs on this machine");
      return local(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }
    for (Provider p : ServiceLoader.load(Provider.class)) if (p.name().equals(name)) return p.create(master, threads);
    if (name.equals("spark"))
      throw new IllegalArgumentException("--engine spark: the Spark engine is not on the class path; run through ./aimc (it builds "
          + "the experiments/spark module on first use of --engine spark) or build it with: mvn -B -DskipTests -pl experiments/spark -am package");
    throw new IllegalArgumentException("--engine " + name + ": unknown; allowed: local, spark");
  }
}
