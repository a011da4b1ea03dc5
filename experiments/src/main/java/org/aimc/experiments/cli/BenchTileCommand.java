package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.periphery.MvmKernels;
import org.aimc.experiments.bench.MedianTimer;
import org.aimc.experiments.bench.TileBenchmark;
import org.aimc.experiments.bench.TileBenchmark.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench tile}: forward, backward and update of an emulated analog layer for the MNIST
 * shapes at batch size 1, each beside a plain float layer of the same shape (the tile's own MVM kernel, no
 * periphery, no devices) and ND4J's gemv,
 * measured in the same run; the ratio is the figure to read on a shared, noisy machine.
 */
@Command(
    usageHelpAutoWidth = true,
    name = "tile",
    header = "Time tile forward/backward/update against a plain float layer and ND4J, side by side.",
    description = {
      "Layer shapes 784×250, 250×125, 125×10 at batch size 1. The emulated layer runs the chosen tile config " +
      "with every non-ideality it enables (ambrogio2018: DAC/ADC, output noise, stochastic pulse trains into " +
      "hybrid PCM+3T1C cells). 'plain' is a float[] layer through the tile's own MVM kernel (the Vector API " +
      "where present) with no periphery, devices or noise; ND4J is INDArray.mmuli " +
      "on preallocated arrays. The operations run interleaved, round by round, after a warm-up that lasts until the " +
      "JIT settles; times are medians over the rounds, in µs per call on one thread."
    },
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench tile", "  aimc bench tile --pulses-per-cell 0.0092 --shapes 784x250 --no-nd4j"})
final class BenchTileCommand implements Callable<Integer> {
  enum Preset { ambrogio2018, ideal }

  @Spec CommandSpec spec;

  @Option(names = "--config", description = "Tile config preset: ${COMPLETION-CANDIDATES}.")
  Preset preset = Preset.ambrogio2018;

  @Option(names = "--ir-drop", description = "Also switch on IR drop (relative far-end drop) in both directions; 0 = as the preset.")
  double irDrop = 0.0;

  @Option(names = "--read-noise", paramLabel = "µS", description = "Also switch on per-read device noise (µS per cell); 0 = as the preset.")
  double readNoise = 0.0;

  @Option(names = "--eta", description = "Learning rate of the timed updates.")
  float eta = 0.01f;

  @Option(names = "--pulses-per-cell", description = "Mean update pulses per cell per example the errors δ are scaled to"
      + " (paper: ≈ 1,000 per 16,000 images = 0.0625).")
  double pulsesPerCell = 0.0625;

  @Option(names = "--rounds", description = "Timed rounds (the median is reported).")
  int rounds = 31;

  @Option(names = "--warmup-ms", description = "Least warm-up per shape, ms (all operations in turn; longer until the JIT settles).")
  int warmupMs = 1500;

  @Option(names = "--round-ms", description = "Duration of one timed batch, ms.")
  int roundMs = 30;

  @Option(names = "--no-nd4j", description = "Skip the ND4J gemv timings (ND4J's start-up takes seconds).")
  boolean skipNd4j;

  @Option(names = "--seed", description = "Seed of the tiles and the workload.")
  long seed = 1;

  @Option(names = "--shapes", split = ",", paramLabel = "INxOUT", description = "Layer shapes.")
  List<String> shapes = List.of("784x250", "250x125", "125x10");

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    TileConfig config = preset == Preset.ideal ? TileConfig.ideal() : TileConfig.ambrogio2018();
    if (irDrop != 0 || readNoise != 0) {
      PeripheryConfig f = config.forward().withIrDrop(irDrop).withReadNoiseMicroSiemens(readNoise);
      PeripheryConfig b = config.backward().withIrDrop(irDrop).withReadNoiseMicroSiemens(readNoise);
      config = config.withForward(f).withBackward(b).withName(config.name() + "+irdrop/readnoise");
    }
    int[][] dims = parseShapes();
    MedianTimer timer = new MedianTimer(warmupMs, roundMs, rounds);

    PeripheryConfig p = config.forward();
    out.printf(Locale.ROOT, "aimc bench tile: config %s (%s cells, %d×%d tiles, F=%s)%n", config.name(),
        config.layout().id(), config.rows(), config.cols(), config.gainFactor());
    out.printf(Locale.ROOT, "  periphery: DAC %d b %s, ADC %d b ±%s, output noise %s, read noise %s µS, IR drop %s;"
        + " update %s BL=%d%n", p.dacBits(), p.inputScaling(), p.adcBits(), p.outputRange(), p.outputNoise(),
        p.readNoiseMicroSiemens(), p.irDrop(), config.update().encoding(), config.update().bitLength());
    out.printf(Locale.ROOT, "  kernel %s; Java %s on %s/%s, %d CPUs; batch 1; median of %d rounds, µs per call of " + MedianTimer.clockName() + "%n",
        MvmKernels.preferred().name(), System.getProperty("java.version"), System.getProperty("os.name"),
        System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), rounds);
    out.printf(Locale.ROOT, "  workload: x ~ U[0,1] dense, δ ~ N(0, σ²) with σ set for %s pulses per cell per update, η = %s,"
        + " weights ~ U(±0.1 w_max)%n%n", pulsesPerCell, eta);
    out.flush();

    TileBenchmark bench = new TileBenchmark(config, timer, seed, eta, pulsesPerCell, !skipNd4j);
    out.printf(Locale.ROOT, "%-9s %-9s %10s %10s %8s %13s %10s%n", "shape", "op", "emulated", "plain", "ratio", "range", "nd4j");
    double stepSum = 0;
    double plainStepSum = 0;
    Result first = null;
    double worstUpdate = 0;
    for (int[] s : dims) {
      Result r = bench.measure(s[0], s[1]);
      if (first == null) first = r;
      String shape = s[0] + "×" + s[1];
      double[] q = r.ratioRange();
      row(out, shape, "forward", r.forwardMicros(), r.plainForwardMicros(), q[0], q[1], r.nd4jForwardMicros());
      row(out, shape, "backward", r.backwardMicros(), r.plainBackwardMicros(), q[2], q[3], r.nd4jBackwardMicros());
      row(out, shape, "update", r.updateMicros(), r.plainUpdateMicros(), q[4], q[5], Double.NaN);
      row(out, shape, "step", r.stepMicros(), r.plainStepMicros(), q[6], q[7], Double.NaN);
      worstUpdate = Math.max(worstUpdate, r.updateMicros() / r.plainUpdateMicros());
      out.printf(Locale.ROOT, "%-9s (σ_δ = %.4f: measured %.4f pulses per cell per update; ADC clipped %.4f %%;"
          + " clock refresh advanceTo %.0f µs)%n", "", r.deltaStd(), r.pulsesPerCellPerUpdate(),
          100 * r.adcClippedFraction(), r.refreshMicros());
      out.flush();
      stepSum += r.stepMicros();
      plainStepSum += r.plainStepMicros();
    }
    row(out, "network", "step", stepSum, plainStepSum, Double.NaN, Double.NaN, Double.NaN);
    out.println("(medians over the rounds; ratio = emulated/plain of the medians, range = min–max of emulated/plain within a round)");
    out.println();
    double ratio = stepSum / plainStepSum;
    out.printf(Locale.ROOT, "target: update ≤ 2× plain rank-1 update for every shape: worst %.2f× — %s%n", worstUpdate,
        worstUpdate <= 2 ? "met" : "NOT met");
    out.printf(Locale.ROOT, "target: network step ≤ 1.2× plain float step: %.2f× — %s%n", ratio, ratio <= 1.2 ? "met" : "NOT met");
    if (first != null && first.inputs() == 784 && first.outputs() == 250) {
      out.printf(Locale.ROOT, "target: forward 784×250 ≤ 25 µs: %.1f µs — %s%n", first.forwardMicros(),
          first.forwardMicros() <= 25 ? "met" : "NOT met");
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void row(PrintWriter out, String shape, String op, double emu, double plain, double lo, double hi,
      double nd) {
    out.printf(Locale.ROOT, "%-9s %-9s %10.1f %10.1f %7.2f× %13s %10s%n", shape, op, emu, plain, emu / plain,
        Double.isNaN(lo) ? "" : BenchTrainCommand.range(lo, hi, "%.2f"),
        Double.isNaN(nd) ? "—" : String.format(Locale.ROOT, "%.1f", nd));
  }

  private int[][] parseShapes() {
    int[][] dims = new int[shapes.size()][];
    for (int i = 0; i < dims.length; i++) {
      String[] p = shapes.get(i).toLowerCase(Locale.ROOT).split("[x×]");
      try {
        if (p.length != 2) throw new NumberFormatException();
        dims[i] = new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
        if (dims[i][0] < 1 || dims[i][1] < 1) throw new NumberFormatException();
      } catch (NumberFormatException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "--shapes: '" + shapes.get(i) + "' is not INxOUT with positive sizes, e.g. 784x250");
      }
    }
    return dims;
  }
}
