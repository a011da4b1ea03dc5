package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.experiments.bench.MedianTimer;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.Examples;
import org.aimc.training.Learner;
import org.aimc.training.NetworkShape;
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
 * in a real run.
 */
@Command(
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

  @Option(names = "--warmup-ms", defaultValue = "4000", description = "Warm-up per configuration, ms.")
  int warmupMs;

  @Option(names = "--round-ms", defaultValue = "2500", description = "Duration of one timed round, ms (≥ 2 transfer intervals at 8,000 examples).")
  int roundMs;

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds; the median is reported.")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the networks.")
  long seed;

  @Override
  public Integer call() {
    NetworkShape shape = NetworkShape.parse(network);
    DatasetSplit mnist = Datasets.load("mnist", DataHome.fromEnvironment());
    Examples data = TrainingRun.examples(mnist.train());
    if (data.inputs() != shape.inputs())
      throw new IllegalArgumentException("--network " + network + " must have " + data.inputs() + " inputs for MNIST");
    Learner[] learners = new Learner[configs.size()];
    IntConsumer[] ops = new IntConsumer[configs.size()];
    for (int k = 0; k < learners.length; k++) {
      TrainingConfig c = TrainingPreset.byId(configs.get(k)).config();
      if (c.batchSize() != 1) c = TrainingConfig.software(c.activation(), c.learningRate(), c.learningRateDecay(), 1).withAnalog(c.analog());
      Learner l = c.learner(shape, seed);
      float lr = (float) c.learningRate();
      learners[k] = l;
      ops[k] = i -> {
        int e = i % data.count();
        l.trainExample(data.features(), e * data.inputs(), data.labels()[e], lr);
      };
    }
    double[] nanos = new MedianTimer(warmupMs, roundMs, rounds).medianNanos(ops);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "aimc bench train: %s, MNIST examples, batch size 1, one thread, median of %d rounds%n", shape, rounds);
    out.printf(Locale.ROOT, "%-28s %12s %14s %10s  %s%n", "configuration", "µs/example", "examples/s", "vs " + configs.get(0), "kernel");
    for (int k = 0; k < learners.length; k++) {
      out.printf(Locale.ROOT, "%-28s %12.1f %14.0f %9.2f×  %s%n", configs.get(k), nanos[k] / 1e3, 1e9 / nanos[k], nanos[0] / nanos[k],
          learners[k].kernel());
    }
    out.println("(ratio = throughput relative to the first configuration; < 1 is slower)");
    out.flush();
    return ExitCodes.OK;
  }
}
