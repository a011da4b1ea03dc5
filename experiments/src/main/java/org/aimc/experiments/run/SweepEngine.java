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

  /**
   * Checks {@code --engine} and {@code --master} together, before anything runs (a dry run too):
   * {@code --master} belongs to {@code --engine spark} and must be a master URL this build can use.
   */
  static void checkOptions(String engine, String master) {
    if (master == null) return;
    if (!engine.equals("spark"))
      throw new IllegalArgumentException("--master " + master + " is for --engine spark; add --engine spark (or drop --master: the " + engine
          + " engine runs on this machine)");
    String m = master.strip();
    if (m.isEmpty()) throw new IllegalArgumentException("--master is empty; e.g. local[*] or spark://host:7077");
    if (m.equals("yarn") || m.startsWith("yarn"))
      throw new IllegalArgumentException("--master " + master + ": this build has no YARN support; use spark://HOST:PORT (a standalone"
          + " cluster), k8s://https://HOST:PORT, or local[*]");
    if (!m.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?|spark://[^\\s/:]+:[0-9]{1,5}(,[^\\s/:]+:[0-9]{1,5})*|k8s://\\S+"))
      throw new IllegalArgumentException("--master " + master + " is not a Spark master URL; give local[*], local[N], spark://HOST:PORT"
          + " (port 7077 by default) or k8s://https://HOST:PORT");
  }

  /** The engine called {@code name}, or an error that says how to get it. */
  static SweepEngine named(String name, String master, Integer threads) {
    checkOptions(name, master);
    if (name.equals("local")) {
      return local(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    }
    for (Provider p : ServiceLoader.load(Provider.class)) if (p.name().equals(name)) return p.create(master, threads);
    if (name.equals("spark"))
      throw new IllegalArgumentException("--engine spark: the Spark engine is not on the class path; run through ./aimc (it builds "
          + "the experiments/spark module on first use of --engine spark) or build it with: mvn -B -DskipTests -pl experiments/spark -am package");
    throw new IllegalArgumentException("--engine " + name + ": unknown; allowed: local, spark");
  }
}
