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
 *   T · train · (1 + (E − 1)·k) + E · [(N + V) · eval + epoch] + (S + T′) · eval + run   seconds, with
 *   train = a + c·layers + b·MACs   (µs per training example of the first epoch: forward, backward, pulsed update,
 *                                    transfers amortised)
 *   k                               (a later epoch's training time over the first's)
 *   eval  = a' + c'·layers + b'·MACs (µs per example of the accuracy passes: training part and validation after
 *                                    every epoch, test once)
 *   epoch = e + f·MACs               (s: checkpoint and best-state copy at every epoch end)
 *   run   = r + q·MACs               (s: JVM start, data read, device initialisation, result and energy files)
 * </pre>
 * N is the sample each epoch's training accuracy is measured on (the configuration's
 * {@code trainAccuracyExamples}, at most T) and T′ = T when N &lt; T (the whole split, once, on the
 * selected state), else 0. k: an analog network's first epoch, whose errors are large, fires about
 * 2.7 times the pulses and transfer work of a later one (0.37: ambrogio2018's epochs 2–20 over its
 * first, 784-250-125-10, the three seeds of {@code reproduce mnist} at 84f7435, 0.35–0.39; the other
 * analog layouts of that run 0.55–0.8, so their long runs are underestimated, by up to a half at 20
 * epochs); 1 for software. MACs are the forward pass's multiply-accumulates ({@link NetworkShape#forwardMacs}). A fixed cost per
 * example and per layer matters: a 784-10 analog network costs 74 µs per training example in its
 * first epoch, not the 8 µs its 7,850 MACs give at the per-MAC rate alone (an estimate by MACs alone
 * once said "0 s per run" of 784-32-10).
 *
 * <p><b>Calibration</b> ({@code sweeps/calibrate-estimate.sh}, then {@code sweeps/fit-estimate.py};
 * docs/SWEEPS.md "The time estimate"): one run at a time, MNIST, 1 epoch, seed 1, six analog networks
 * (784-10 to 784-500-250-10) under {@code ambrogio2018} and three under {@code software}, on this 2-core
 * machine with nothing else running (load average 1.5–1.8), commit 84f7435, 2026-12-06; the
 * coefficients are relative least-squares fits with none below 0.
 */
public final class RunTimeEstimate {
  private RunTimeEstimate() {}

  /** The fitted coefficients of one kind of learner (see the class comment for each one's role and unit). */
  record Costs(double trainMicros, double trainMicrosPerLayer, double trainMicrosPerMac, double evalMicros, double evalMicrosPerLayer,
               double evalMicrosPerMac, double epochSeconds, double epochSecondsPerMac, double runSeconds, double runSecondsPerMac,
               double laterEpochTrainFactor) {
    /** Training examples' worth of the first epoch's cost per example in {@code epochs} epochs. */
    double trainEpochs(int epochs) {
      return epochs <= 0 ? 0 : 1 + (epochs - 1) * laterEpochTrainFactor;
    }

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

  /** Analog tiles ({@code ambrogio2018}); whole runs within 0.85–1.03 of the six calibration runs. */
  static final Costs ANALOG = new Costs(40.7, 29.2, 1.07e-3, 5.35, 1.40, 1.07e-4, 0.583, 6.35e-7, 2.37, 3.28e-7, 0.37);
  /**
   * The software baseline (plain Java training, ND4J accuracy passes); whole runs within 0.97–1.08. Its
   * eval figure holds ND4J's start (about a second per process, in a 1-epoch run's first pass), so
   * its run term fits to 0.
   */
  static final Costs SOFTWARE = new Costs(8.73, 0, 3.64e-4, 60.6, 0, 0, 0.439, 0, 0, 0, 1.0);

  /** Seconds of one run, from the model, each epoch's training accuracy measured on the whole split. */
  public static double seconds(NetworkShape shape, boolean analog, int epochs, long train, long validation, long test) {
    return seconds(shape, analog, epochs, train, validation, test, 0);
  }

  /**
   * Seconds of one run, from the model, each epoch's training accuracy measured on {@code trainSample}
   * examples ({@link org.aimc.training.TrainingConfig#trainAccuracyExamples}; 0: the whole split) and,
   * when that is fewer than the split, the whole split once more at the end.
   */
  public static double seconds(NetworkShape shape, boolean analog, int epochs, long train, long validation, long test, long trainSample) {
    Costs c = analog ? ANALOG : SOFTWARE;
    boolean sampled = org.aimc.training.Examples.isSample(trainSample, train);
    return 1e-6 * train * c.trainMicrosPerExample(shape) * c.trainEpochs(epochs)
        + epochs * (1e-6 * ((sampled ? trainSample : train) + validation) * c.evalMicrosPerExample(shape) + c.epochOverheadSeconds(shape))
        + afterEpochsSeconds(c, shape, test + (sampled ? train : 0));
  }

  /** The passes after the epochs (test, and the whole training split after a sampled curve) and the run's fixed cost. */
  private static double afterEpochsSeconds(Costs c, NetworkShape shape, long evaluated) {
    return 1e-6 * evaluated * c.evalMicrosPerExample(shape) + c.runOverheadSeconds(shape);
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
    org.aimc.training.TrainingConfig tc = TrainingPreset.byId(config).config();
    boolean analog = tc.analog() != null;
    int sample = tc.trainAccuracyExamples();
    Measured m = measured(folder, name, shape.toString(), config);
    if (m.secondsPerEpoch().length > 0) { // wallSeconds holds the epochs; the passes after them are modelled
      long after = m.testExamples() + (org.aimc.training.Examples.isSample(sample, m.trainExamples()) ? m.trainExamples() : 0);
      return new PerRun(epochs * org.apache.commons.math3.stat.StatUtils.percentile(m.secondsPerEpoch(), 50)
          + afterEpochsSeconds(analog ? ANALOG : SOFTWARE, shape, after), m.secondsPerEpoch().length);
    }
    if (name.startsWith(FeatureFolder.PREFIX)) { // sizes from the folder's label files; a sixth held out unless told
      long[] counts = TrainingData.featureFolderCounts(name);
      long v = validation != null ? validation : counts[0] / 6;
      if (v >= counts[0]) throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "--validation %,d is not smaller than the %,d training examples of %s; hold out fewer (e.g. %,d)", v, counts[0], name, counts[0] / 6));
      return new PerRun(seconds(shape, analog, epochs, counts[0] - v, v, counts[1], sample), 0);
    }
    if (TrainingData.isOwn(name)) return new PerRun(Double.NaN, 0);
    long all = Datasets.trainingCount(name);
    long v = validation != null ? validation : Datasets.holdOut(name).validationCount();
    return new PerRun(seconds(shape, analog, epochs, all - v, v, Datasets.testCount(name), sample), 0);
  }

  /** The finished runs' wall time per epoch, and their test and training sets' sizes (0 if none recorded them). */
  private record Measured(double[] secondsPerEpoch, long testExamples, long trainExamples) {}

  /**
   * Wall seconds per epoch of the finished runs under {@code folder} (four levels deep) whose
   * result.json names this data set, network and configuration; none if there are none.
   */
  private static Measured measured(Path folder, String dataset, String network, String config) {
    List<Double> v = new ArrayList<>();
    long test = 0;
    long train = 0;
    if (folder == null || !Files.isDirectory(folder)) return new Measured(new double[0], 0, 0);
    try (var files = Files.find(folder, 4, (p, a) -> p.getFileName().toString().equals(RunFolder.RESULT) && a.isRegularFile())) {
      for (Path p : files.toList()) {
        try {
          var n = org.aimc.experiments.io.Json.MAPPER.readTree(p.toFile());
          if (n.path("dataset").asText().equals(dataset) && n.path("network").asText().equals(network) && n.path("config").asText().equals(config)
              && n.path("epochs").asInt() > 0 && n.path("wallSeconds").asDouble() > 0) {
            v.add(n.path("wallSeconds").asDouble() / n.path("epochs").asInt());
            test = Math.max(test, n.path("split").path("testExamples").asLong());
            train = Math.max(train, n.path("split").path("trainExamples").asLong());
          }
        } catch (IOException e) {
          // an unreadable result is not a measurement
        }
      }
    } catch (IOException e) {
      // a folder that cannot be listed holds no measurement
    }
    return new Measured(v.stream().mapToDouble(Double::doubleValue).toArray(), test, train);
  }
}
