package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aimc.datasets.Cifar10;
import org.aimc.datasets.ColourImages;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.bench.MedianTimer;
import org.aimc.features.FeatureExtractor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aimc bench features}: feature extraction of one batch of CIFAR-10 images, timed in the same
 * run beside an sgemm of the same multiply–accumulates through the same BLAS, so the ratio says how
 * close the extractor comes to the machine's matrix throughput whatever else the machine is doing.
 */
@Command(
    usageHelpAutoWidth = true,
    name = "features",
    header = "Feature-extraction speed beside an sgemm of the same multiply-accumulates, in one run.",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    footerHeading = "%nExamples:%n",
    footer = {"  aimc bench features", "  aimc bench features --input-size 64 --tap out_relu",
        "  aimc bench features --backbone inception_v3 --batch 8 --rounds 3"})
final class BenchFeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ExtractorOptions extractor;

  @Option(names = "--batch", defaultValue = "64", description = "Images per forward pass.")
  int batch;

  @Option(names = "--warmup-ms", defaultValue = "3000", description = "Warm-up, ms.")
  int warmupMs;

  @Option(names = "--round-ms", defaultValue = "3000", description = "Duration of one timed round, ms.")
  int roundMs;

  @Option(names = "--rounds", defaultValue = "5", description = "Timed rounds; the median is reported.")
  int rounds;

  @Override
  public Integer call() {
    DataHome home = DataHome.fromEnvironment();
    var x = extractor.extraction();
    FeatureExtractor fx = FeatureExtractor.load(home, x.backbone(), System.err::println);
    List<String> taps = List.of(x.tap());
    fx.check(taps, x.inputSize());
    ColourImages train = Cifar10.load(home, System.err::println).train();
    int n = Math.min(batch, train.count());
    ColourImages images = new ColourImages("bench", train.height(), train.width(),
        Arrays.copyOf(train.pixels(), n * train.height() * train.width() * 3), Arrays.copyOf(train.labels(), n), train.classes());
    long macs = fx.macsPerImage(taps, x.inputSize()) * n;
    Map.Entry<Runnable, Long> sgemm = FeatureExtractor.sgemmOfMacs(macs);
    double[] nanos = new MedianTimer(warmupMs, roundMs, rounds).medianNanos(
        i -> fx.extract(images, taps, x.inputSize(), n, d -> {}),
        i -> sgemm.getKey().run());
    double extractGmacs = macs / nanos[0];
    double sgemmGmacs = sgemm.getValue() / nanos[1];
    double imagesPerSecond = n * 1e9 / nanos[0];
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "aimc bench features: %s to %s at %d px, batch of %d CIFAR-10 images, %d cores, median of %d rounds%n",
        x.backbone().id, x.tap(), x.inputSize(), n, Runtime.getRuntime().availableProcessors(), rounds);
    out.printf(Locale.ROOT, "%-34s %12s %12s %10s%n", "", "ms/batch", "GMAC/s", "vs sgemm");
    out.printf(Locale.ROOT, "%-34s %12.1f %12.2f %9.2f×%n", "extraction (" + fx.macsPerImage(taps, x.inputSize()) / 1_000_000 + " MMAC/image)", nanos[0] / 1e6, extractGmacs, extractGmacs / sgemmGmacs);
    out.printf(Locale.ROOT, "%-34s %12.1f %12.2f %9.2f×%n", "sgemm " + sgemm.getValue() / (512L * 512) + "×512×512 (same MACs)", nanos[1] / 1e6, sgemmGmacs, 1.0);
    out.printf(Locale.ROOT, "%.1f images/s: all 60,000 CIFAR-10 images in about %.1f minutes at this load%n", imagesPerSecond, 60_000 / imagesPerSecond / 60);
    out.flush();
    return ExitCodes.OK;
  }
}
