package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.energy.Phase;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.experiments.bench.MedianTimer;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.AnalogNetwork;
import org.aimc.training.Examples;
import org.aimc.training.Learner;
import org.aimc.training.NetworkShape;
import org.aimc.training.Trainer;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench train}: training throughput (examples per second, one core) of each
 * configuration, measured in one run beside the software baseline at batch size 1, on real MNIST
 * examples. Transfers and clock refreshes happen inside the timed rounds, so they are amortised as
 * in a real run. The configurations run interleaved, round by round, after a warm-up that lasts
 * until the JIT settles ({@link MedianTimer}); each figure is a median with its range over the
 * rounds, and the ratio is taken within each round.
 *
 * <p>Every configuration trains from its seed through the same examples in the same order, so two
 * runs do the same work; what differs between them is only the machine. By default the work per
 * example is that of the first epoch or two; the update's pulses fall as the errors shrink, so an
 * analog example of epoch 1 costs 2–3 times one of a later epoch. {@code --from-epoch N} first
 * trains N−1 epochs untimed (file order, the schedule's learning rates) and times epoch N's work.
 * The figure printed beside each analog configuration is the pulse density of its warm-up and
 * rounds: the update's device pulses per cell per example (a cell per weight and bias; "-" for the
 * software baseline and for the exact update of ideal cells, which fires none).
 */
@Command(
    usageHelpAutoWidth = true,
    name = "train",
    header = "Training examples per second on one core, beside the software baseline at batch size 1.",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench train", "  aimc bench train --configs software,ambrogio2018,pcm-only --rounds 7"})
final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--configs", split = ",", defaultValue = "software,ambrogio2018",
      description = "Configurations; the first is the reference of the ratios.")
  List<String> configs;

  @Option(names = "--network", defaultValue = "784-250-125-10", description = "Layer sizes.")
  String network;

  @Option(names = "--warmup-ms", defaultValue = "3000",
      description = "Least warm-up, ms (all configurations in turn); it goes on until the JIT hardly compiles (≤ 1 %% of a pass).")
  int warmupMs;

  @Option(names = "--round-ms", defaultValue = "1000",
      description = "Least duration of one configuration's batch in a round, ms; an analog batch is a whole number of transfer intervals.")
  int roundMs;

  @Option(names = "--rounds", defaultValue = "15", description = "Timed rounds; medians and ranges are over them.")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the networks.")
  long seed;

  @Option(names = "--from-epoch", defaultValue = "1",
      description = "Time this epoch's work: each configuration first trains the epochs before it, untimed (file order, the"
          + " schedule's learning rates), then the rounds train at this epoch's rate. An analog network's update fires"
          + " fewer pulses as its errors shrink.")
  int fromEpoch;

  @Override
  public Integer call() {
    if (fromEpoch < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--from-epoch: " + fromEpoch + " is not an epoch; epochs count from 1");
    }
    NetworkShape shape = NetworkShape.parse(network);
    DatasetSplit mnist = Datasets.load("mnist", DataHome.fromEnvironment());
    Examples data = TrainingRun.examples(mnist.train());
    if (data.inputs() != shape.inputs())
      throw new IllegalArgumentException("--network " + network + " must have " + data.inputs() + " inputs for MNIST");
    Learner[] learners = new Learner[configs.size()];
    EventCounts[] countsBefore = new EventCounts[configs.size()];
    long[] examplesBefore = new long[configs.size()];
    IntConsumer[] ops = new IntConsumer[configs.size()];
    long[] period = new long[configs.size()];
    for (int k = 0; k < learners.length; k++) {
      TrainingConfig c = TrainingPreset.byId(configs.get(k)).config();
      if (c.batchSize() != 1) c = TrainingConfig.software(c.activation(), c.learningRate(), c.learningRateDecay(), 1).withAnalog(c.analog());
      Learner l = c.learner(shape, seed);
      if (fromEpoch > 1) {
        String epochs = fromEpoch == 2 ? "epoch 1" : "epochs 1–" + (fromEpoch - 1);
        spec.commandLine().getErr().printf(Locale.ROOT, "%s: training %s untimed%n", configs.get(k), epochs);
        spec.commandLine().getErr().flush();
      }
      for (int epoch = 1; epoch < fromEpoch; epoch++) {
        float rate = (float) rateOfEpoch(c, epoch);
        for (int e = 0; e < data.count(); e++) l.trainExample(data.features(), e * data.inputs(), data.labels()[e], rate);
        l.endEpoch(rate);
      }
      float lr = (float) rateOfEpoch(c, fromEpoch);
      if (l instanceof AnalogNetwork a) {
        countsBefore[k] = updateCounts(a);
        examplesBefore[k] = a.examplesTrained();
      }
      period[k] = examplesPerPeriod(c);
      learners[k] = l;
      ops[k] = i -> {
        int e = i % data.count();
        l.trainExample(data.features(), e * data.inputs(), data.labels()[e], lr);
      };
    }
    MedianTimer.Timings t = new MedianTimer(warmupMs, roundMs, rounds).measure(period, ops);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "aimc bench train: %s, MNIST examples from epoch %d, batch size 1, one thread, %s; %d interleaved"
        + " rounds of ≥ %d ms after %.1f s of warm-up (%s)%n", shape, fromEpoch, MedianTimer.clockName(), rounds, roundMs,
        t.warmupSeconds(), t.jitSettled() ? "JIT settled" : "JIT still compiling: figures may move");
    out.printf(Locale.ROOT, "%-28s %12s %17s %12s %10s %17s  %-14s %s%n", "configuration", "µs/example", "range", "examples/s",
        "vs " + configs.get(0), "range", "pulses/cell", "kernel");
    for (int k = 0; k < learners.length; k++) {
      MedianTimer.Summary time = t.time(k);
      MedianTimer.Summary speed = t.ratio(0, k); // time of the first over time of this one = throughput ratio
      String density = learners[k] instanceof AnalogNetwork a && a.config().tile().update().encoding() != PulseEncoding.EXACT
          ? String.format(Locale.ROOT, "%.4f", pulsesPerCell(a, countsBefore[k], examplesBefore[k])) : "-";
      out.printf(Locale.ROOT, "%-28s %12.1f %17s %12.0f %9.2f× %17s  %-14s %s%n", configs.get(k), time.median() / 1e3,
          range(time.min() / 1e3, time.max() / 1e3, "%.1f"), 1e9 / time.median(), speed.median(),
          range(speed.min(), speed.max(), "%.2f"), density, learners[k].kernel());
    }
    out.println("(medians and min–max over the rounds; the ratio is the throughput relative to the first configuration in the"
        + " same round, < 1 is slower; pulses/cell: the update's pulses per cell per example over warm-up and rounds)");
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The examples after which an analog trainer's occasional work repeats: the transfer interval
   * (a multiple of the clock's refresh in the presets), else the clock's refresh; 1 for software.
   */
  static long examplesPerPeriod(TrainingConfig c) {
    if (c.analog() == null) return 1;
    if (c.analog().transfer().enabled()) return c.analog().transfer().intervalExamples();
    return c.analog().clock().leakRefreshExamples();
  }

  /** The learning rate of epoch {@code epoch} (from 1) of the configuration's schedule, as a run's {@link Trainer} takes it. */
  static double rateOfEpoch(TrainingConfig c, int epoch) {
    return Trainer.learningRateAt(c.learningRate(), c.learningRateDecay(), epoch - 1);
  }

  private static EventCounts updateCounts(AnalogNetwork a) {
    return a.phaseCounts().total(Phase.UPDATE);
  }

  /** The update's device pulses (capacitor and PCM) per cell (weight or bias) per example since the counts and examples given. */
  private static double pulsesPerCell(AnalogNetwork a, EventCounts before, long examplesBefore) {
    EventCounts u = updateCounts(a).minus(before);
    long pulses = u.capacitorPulses() + u.get(Event.PCM_SET_PULSES) + u.get(Event.PCM_RESET_PULSES);
    long examples = a.examplesTrained() - examplesBefore;
    return examples == 0 ? 0 : (double) pulses / ((double) examples * a.shape().synapses());
  }

  static String range(double lo, double hi, String format) {
    return String.format(Locale.ROOT, format + "–" + format, lo, hi);
  }
}
