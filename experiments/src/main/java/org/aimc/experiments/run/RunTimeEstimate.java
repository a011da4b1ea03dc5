package org.aimc.experiments.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.FeatureFolder;
import org.aimc.training.NetworkShape;
import org.aimc.training.TrainingPreset;

/**
 * How long one training run takes on this machine, for the estimates of {@code aimc sweep --dry-run}
 * and {@code aimc requirements --dry-run}: a cost model per example, calibrated on runs measured
 * here, and replaced by the wall time of finished runs where the study's folder already holds some.
 *
 * <p><b>Model.</b> A run of {@code E} epochs on {@code T} training, {@code V} validation and
 * {@code S} test examples takes
 * <pre>
 *   E · [T · train + (T + V) · eval + epoch] + S · eval + run   seconds, with
 *   train = a + c·layers + b·MACs   (µs per training example: forward, backward, pulsed update, transfers amortised)
 *   eval  = a' + c'·layers + b'·MACs (µs per example of the accuracy passes: training part and validation after
 *                                    every epoch, test once)
 *   epoch = e + f·MACs               (s: checkpoint and best-state copy at every epoch end)
 *   run   = r + q·MACs               (s: JVM start, data read, device initialisation, result and energy files)
 * </pre>
 * MACs are the forward pass's multiply-accumulates ({@link NetworkShape#forwardMacs}). A fixed cost per
 * example and per layer matters: a 784-10 analog network costs 98 µs per training example, not the
 * 3 µs its 7,850 MACs would give if time scaled with MACs alone (which made "0 s per run" of 784-32-10).
 *
 * <p><b>Calibration</b> ({@code sweeps/calibrate-estimate.sh}, docs/SWEEPS.md "The time estimate"): one
 * run at a time, MNIST, 1 epoch, seed 1, six analog networks (784-10 to 784-500-250-10) under
 * {@code ambrogio2018} and three under {@code software}, on this 2-core machine shared with other work
 * (load average 3.6–5.8), commit 86e15d9, 2026-12-06; the coefficients are relative least-squares fits.
 * On a quiet machine runs take about 0.6 of this (18.8 s against 29.5 s per epoch of 784-250-125-10).
 */
public final class RunTimeEstimate {
  private RunTimeEstimate() {}

  /** The fitted coefficients of one kind of learner (see the class comment for each one's role and unit). */
  record Costs(double trainMicros, double trainMicrosPerLayer, double trainMicrosPerMac, double evalMicros, double evalMicrosPerLayer,
               double evalMicrosPerMac, double epochSeconds, double epochSecondsPerMac, double runSeconds, double runSecondsPerMac) {
    double trainMicrosPerExample(NetworkShape s) {
      return trainMicros + trainMicrosPerLayer * s.layers() + trainMicrosPerMac * s.forwardMacs();
    }

    double evalMicrosPerExample(NetworkShape s) {
      return evalMicros + evalMicrosPerLayer * s.layers() + evalMicrosPerMac * s.forwardMacs();
    }

    double epochOverheadSeconds(NetworkShape s) {
      return epochSeconds + epochSecondsPerMac * s.forwardMacs();
    }

    double runOverheadSeconds(NetworkShape s) {
      return runSeconds + runSecondsPerMac * s.forwardMacs();
    }
  }

  /** Analog tiles ({@code ambrogio2018}); fit within 0.88–1.07 of the six training figures. */
  static final Costs ANALOG = new Costs(63.9, 25.4, 1.63e-3, 4.5, 1.85, 1.20e-4, 0.85, 1.23e-6, 3.7, 7.7e-6);
  /** The software baseline (plain Java training, ND4J accuracy passes); within 0.64–1.22 (the largest network leaves the cache). */
  static final Costs SOFTWARE = new Costs(12.3, 0, 4.48e-4, 49.2, 0, 1.28e-4, 0.59, 1.59e-6, 2.8, 3.4e-7);

  /** Seconds of one run, from the model. */
  public static double seconds(NetworkShape shape, boolean analog, int epochs, long train, long validation, long test) {
    Costs c = analog ? ANALOG : SOFTWARE;
    return epochs * epochSeconds(c, shape, train, validation) + afterEpochsSeconds(c, shape, test);
  }

  private static double epochSeconds(Costs c, NetworkShape shape, long train, long validation) {
    return 1e-6 * (train * c.trainMicrosPerExample(shape) + (train + validation) * c.evalMicrosPerExample(shape)) + c.epochOverheadSeconds(shape);
  }

  /** The test pass and the run's fixed cost: what a run takes besides its epochs. */
  private static double afterEpochsSeconds(Costs c, NetworkShape shape, long test) {
    return 1e-6 * test * c.evalMicrosPerExample(shape) + c.runOverheadSeconds(shape);
  }

  /**
   * Seconds of one run, and how many finished runs they were measured on (0: from the model alone).
   */
  public record PerRun(double seconds, int measuredRuns) {
    /** Where the figure comes from, for a dry run's line. */
    public String basis(Path folder) {
      return measuredRuns > 0 ? "measured: the median wall time per epoch of the " + measuredRuns + " finished runs of this network in " + folder
          : "estimated from this machine's cost per example and per layer (docs/SWEEPS.md); finished runs in the folder replace it";
    }
  }

  /**
   * One run of {@code config} on a data set aimc knows (MNIST, MNIST-backrand): the measured epochs
   * of finished runs of the same data set, network and configuration in {@code folder} (the median
   * wall time per epoch, under the load they ran at) where it holds some, plus the modelled test
   * pass and fixed cost; else the model, with a feature folder's sizes read from its label files.
   * NaN seconds for a user's own IDX data set, whose size is known only when it is read.
   *
   * @param validation training examples held out (null: the data set's own)
   * @param folder the study's folder (may not exist), or null
   */
  public static PerRun perRun(String dataset, String network, String config, int epochs, Integer validation, Path folder) {
    String name = TrainingData.canonicalName(dataset);
    NetworkShape shape = NetworkShape.parse(network);
    Costs c = TrainingPreset.byId(config).config().analog() != null ? ANALOG : SOFTWARE;
    Measured m = measured(folder, name, shape.toString(), config);
    if (m.secondsPerEpoch().length > 0)
      return new PerRun(epochs * org.apache.commons.math3.stat.StatUtils.percentile(m.secondsPerEpoch(), 50)
          + afterEpochsSeconds(c, shape, m.testExamples()), m.secondsPerEpoch().length);
    if (name.startsWith(FeatureFolder.PREFIX)) { // sizes from the folder's label files; a sixth held out unless told
      long[] counts = TrainingData.featureFolderCounts(name);
      long v = validation != null ? validation : counts[0] / 6;
      if (v >= counts[0]) throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "--validation %,d is not smaller than the %,d training examples of %s; hold out fewer (e.g. %,d)", v, counts[0], name, counts[0] / 6));
      return new PerRun(epochs * epochSeconds(c, shape, counts[0] - v, v) + afterEpochsSeconds(c, shape, counts[1]), 0);
    }
    if (TrainingData.isOwn(name)) return new PerRun(Double.NaN, 0);
    long all = Datasets.trainingCount(name);
    long v = validation != null ? validation : Datasets.holdOut(name).validationCount();
    return new PerRun(epochs * epochSeconds(c, shape, all - v, v) + afterEpochsSeconds(c, shape, Datasets.testCount(name)), 0);
  }

  /** The finished runs' wall time per epoch, and their test set's size (0 if none recorded it). */
  private record Measured(double[] secondsPerEpoch, long testExamples) {}

  /**
   * Wall seconds per epoch of the finished runs under {@code folder} (four levels deep) whose
   * result.json names this data set, network and configuration; none if there are none.
   */
  private static Measured measured(Path folder, String dataset, String network, String config) {
    List<Double> v = new ArrayList<>();
    long test = 0;
    if (folder == null || !Files.isDirectory(folder)) return new Measured(new double[0], 0);
    try (var files = Files.find(folder, 4, (p, a) -> p.getFileName().toString().equals(RunFolder.RESULT) && a.isRegularFile())) {
      for (Path p : files.toList()) {
        try {
          var n = org.aimc.experiments.io.Json.MAPPER.readTree(p.toFile());
          if (n.path("dataset").asText().equals(dataset) && n.path("network").asText().equals(network) && n.path("config").asText().equals(config)
              && n.path("epochs").asInt() > 0 && n.path("wallSeconds").asDouble() > 0) {
            v.add(n.path("wallSeconds").asDouble() / n.path("epochs").asInt());
            test = Math.max(test, n.path("split").path("testExamples").asLong());
          }
        } catch (IOException e) {
          // an unreadable result is not a measurement
        }
      }
    } catch (IOException e) {
      // a folder that cannot be listed holds no measurement
    }
    return new Measured(v.stream().mapToDouble(Double::doubleValue).toArray(), test);
  }
}
