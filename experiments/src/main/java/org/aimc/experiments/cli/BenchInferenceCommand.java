package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.aimc.crossbar.tile.Tile;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.experiments.bench.MedianTimer;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.AnalogNetwork;
import org.aimc.training.Examples;
import org.aimc.training.Learner;
import org.aimc.training.NetworkShape;
import org.aimc.training.TrainingPreset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench inference}: inference through an analog network (accuracy over a data set, as
 * every epoch's validation and training accuracy does), one example at a time against batches of
 * {@link Tile#MAX_BATCH}, beside an ND4J sgemm of the same shapes (the multiply–accumulates
 * alone, no periphery, no noise). All three run interleaved, round by round, on the same MNIST test
 * images; the two analog paths give the same numbers (AnalogNetworkTest).
 */
@Command(
    usageHelpAutoWidth = true,
    name = "inference",
    header = "Inference examples per second through the tiles, one at a time and batched, beside an ND4J sgemm.",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench inference", "  aimc bench inference --config capacitor-only --rounds 21"})
final class BenchInferenceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", defaultValue = "ambrogio2018", description = "An analog configuration.")
  String config;

  @Option(names = "--network", defaultValue = "784-250-125-10", description = "Layer sizes.")
  String network;

  @Option(names = "--warmup-ms", defaultValue = "2000", description = "Least warm-up, ms (all paths in turn).")
  int warmupMs;

  @Option(names = "--round-ms", defaultValue = "300", description = "Least duration of one path's batch in a round, ms.")
  int roundMs;

  @Option(names = "--rounds", defaultValue = "15", description = "Timed rounds; medians and ranges are over them.")
  int rounds;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the network.")
  long seed;

  @Override
  public Integer call() {
    NetworkShape shape = NetworkShape.parse(network);
    Learner learner = TrainingPreset.byId(config).config().learner(shape, seed);
    if (!(learner instanceof AnalogNetwork net)) throw new IllegalArgumentException("--config " + config + " is not analog");
    DatasetSplit mnist = Datasets.load("mnist", DataHome.fromEnvironment());
    Examples test = TrainingRun.examples(mnist.test());
    if (test.inputs() != shape.inputs())
      throw new IllegalArgumentException("--network " + network + " must have " + test.inputs() + " inputs for MNIST");
    int batch = Tile.MAX_BATCH;
    int slices = test.count() / batch;
    Examples[] slice = new Examples[slices];
    for (int s = 0; s < slices; s++) {
      int from = s * batch;
      slice[s] = new Examples(Arrays.copyOfRange(test.features(), from * test.inputs(), (from + batch) * test.inputs()),
          Arrays.copyOfRange(test.labels(), from, from + batch), test.inputs());
    }
    // The sgemm of the same shapes: a batch of inputs with the bias input, times each layer's (in + 1) × out.
    int layers = shape.layers();
    INDArray[] w = new INDArray[layers];
    INDArray[] a = new INDArray[layers + 1];
    for (int l = 0; l < layers; l++) {
      w[l] = Nd4j.rand(DataType.FLOAT, shape.inputsOf(l) + 1, shape.outputsOf(l));
      a[l] = Nd4j.rand(DataType.FLOAT, batch, shape.inputsOf(l) + 1);
    }
    a[layers] = Nd4j.create(DataType.FLOAT, batch, shape.outputs());
    INDArray[] out = new INDArray[layers];
    for (int l = 0; l < layers; l++) out[l] = Nd4j.create(DataType.FLOAT, batch, shape.outputsOf(l));
    IntConsumer oneByOne = i -> net.accuracyOneByOne(slice[i % slices]);
    IntConsumer batched = i -> net.accuracy(slice[i % slices]);
    IntConsumer sgemm = i -> {
      for (int l = 0; l < layers; l++) a[l].mmuli(w[l], out[l]);
    };
    MedianTimer.Timings t = new MedianTimer(warmupMs, roundMs, rounds).measure(oneByOne, batched, sgemm);
    PrintWriter o = spec.commandLine().getOut();
    o.printf(Locale.ROOT, "aimc bench inference: %s, %s, MNIST test images in batches of %d, one thread, %s; %d interleaved"
        + " rounds of ≥ %d ms after %.1f s of warm-up (%s)%n", config, shape, batch, MedianTimer.clockName(), rounds, roundMs,
        t.warmupSeconds(), t.jitSettled() ? "JIT settled" : "JIT still compiling: figures may move");
    o.printf(Locale.ROOT, "%-40s %12s %17s %12s %10s %17s%n", "path", "µs/example", "range", "examples/s", "vs batched", "range");
    String[] names = {"analog, one example at a time", "analog, batched (aimc's accuracy)", "ND4J sgemm, same shapes, no periphery"};
    for (int k = 0; k < 3; k++) {
      MedianTimer.Summary time = t.time(k);
      MedianTimer.Summary speed = t.ratio(1, k);
      o.printf(Locale.ROOT, "%-40s %12.2f %17s %12.0f %9.2f× %17s%n", names[k], time.median() / 1e3 / batch,
          BenchTrainCommand.range(time.min() / 1e3 / batch, time.max() / 1e3 / batch, "%.2f"), 1e9 * batch / time.median(),
          speed.median(), BenchTrainCommand.range(speed.min(), speed.max(), "%.2f"));
    }
    o.println("(medians and min–max over the rounds; the ratio is the throughput relative to the batched path in the same"
        + " round, > 1 is faster)");
    o.flush();
    return ExitCodes.OK;
  }
}
