package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.aimc.datasets.Cifar10;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.run.FeatureSets;
import org.aimc.experiments.run.TrainSpec;
import org.aimc.experiments.run.TrainingData;
import org.aimc.features.FeatureCache;
import org.aimc.features.FeatureExtractor;
import org.aimc.training.EpochMetrics;
import org.aimc.training.Learner;
import org.aimc.training.NetworkShape;
import org.aimc.training.Trainer;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingListener;
import org.aimc.training.TrainingPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aimc features}: the frozen extractor's layers, and the table the default tap and size are chosen from. */
@Command(
    usageHelpAutoWidth = true,
    name = "features",
    header = "The frozen feature extractor: its layers, and which tap and input size to use.",
    mixinStandardHelpOptions = true,
    subcommands = {FeaturesCommand.Layers.class, FeaturesCommand.Table.class},
    footerHeading = "%nExamples:%n",
    footer = {"  aimc features layers mobilenet_v2", "  aimc features table --sizes 32,64,96 --taps block_10_expand_relu,block_13_expand_relu,out_relu"})
final class FeaturesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.USAGE;
  }

  @Command(usageHelpAutoWidth = true, name = "layers", header = "List the layers of a backbone that --tap may name, with their feature width.", mixinStandardHelpOptions = true,
      footerHeading = "%nExamples:%n", footer = {"  aimc features layers mobilenet_v2", "  aimc features layers inception_v3"})
  static final class Layers implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "BACKBONE", defaultValue = "mobilenet_v2", description = "mobilenet_v2 or inception_v3.")
    String backbone;

    @Override
    public Integer call() {
      FeatureExtractor fx = FeatureExtractor.load(DataHome.fromEnvironment(), FeatureExtractor.Kind.byId(backbone), System.err::println);
      PrintWriter out = spec.commandLine().getOut();
      for (String l : fx.layers()) out.printf(Locale.ROOT, "%-32s %5d%n", l, fx.dim(l));
      out.flush();
      return ExitCodes.OK;
    }
  }

  /**
   * Tap layer × input size on CIFAR-10: extraction time of all 60,000 images (one pass per size,
   * every tap at once) and validation accuracy of the software head (one fully connected layer)
   * trained on the training split less a held-out validation split.
   */
  @Command(usageHelpAutoWidth = true, name = "table", header = "Tap layer × input size on CIFAR-10: software-head validation accuracy and extraction time.",
      description = {"Extracts (or reuses the cache of) every size once with all taps, then trains the software head " +
          "(one fully connected layer, the software preset) on 45,000 training images and reports accuracy on the " +
          "5,000 held out (the protocol's fixed hold-out, seed 13), after the last epoch. Writes table.md and table.csv to --out."},
      mixinStandardHelpOptions = true, showDefaultValues = true,
      footerHeading = "%nExamples:%n",
      footer = {"  aimc features table", "  aimc features table --sizes 64 --taps block_13_expand_relu --epochs 5"})
  static final class Table implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--backbone", defaultValue = "mobilenet_v2", description = "mobilenet_v2 or inception_v3.")
    String backbone;

    @Option(names = "--sizes", split = ",", defaultValue = "32,64,96", description = "Input sizes, px.")
    List<Integer> sizes;

    @Option(names = "--taps", split = ",", defaultValue = "block_10_expand_relu,block_13_expand_relu,out_relu", description = "Tap layers.")
    List<String> taps;

    @Option(names = "--validation", defaultValue = "5000", description = "Training images held out for validation.")
    int validation;

    @Option(names = "--epochs", defaultValue = "20", description = "Epochs of the software head.")
    int epochs;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the head (the split is #13's fixed hold-out, seed 13).")
    long seed;

    @Option(names = "--out", defaultValue = "runs/features-table", description = "Folder for table.md and table.csv.")
    Path out;

    @Override
    public Integer call() {
      DataHome home = DataHome.fromEnvironment();
      FeatureExtractor fx = FeatureExtractor.load(home, FeatureExtractor.Kind.byId(backbone), System.err::println);
      for (int s : sizes) fx.check(taps, s);
      StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
          "CIFAR-10, %s: software head (one fully connected layer, %d epochs, seed %d) trained on %,d, validated on %,d held out%n%n"
              + "| tap | features | input | validation accuracy | extraction of 60,000 images (all taps of the size in one pass) | MMAC/image |%n|---|---:|---:|---:|---:|---:|%n",
          backbone, epochs, seed, 50_000 - validation, validation));
      StringBuilder csv = new StringBuilder("tap,features,input_px,validation_accuracy,extraction_seconds,images_per_second,macs_per_image\n");
      for (int size : sizes) {
        FeatureCache.Result r = FeatureSets.extract(home, Cifar10.NAME, Cifar10.checksums(), () -> Cifar10.load(home, System.err::println),
            fx, size, taps, 64, System.err);
        for (String tap : taps) {
          Map<String, Object> prov = FeatureCache.provenance(r.folders().get(tap));
          double acc = validationAccuracy("features:" + r.folders().get(tap));
          double secs = ((Number) prov.get("extractionSeconds")).doubleValue();
          double ips = ((Number) prov.get("imagesPerSecond")).doubleValue();
          double mmac = ((Number) prov.get("macsPerImage")).doubleValue() / 1e6;
          String line = String.format(Locale.ROOT, "| %s | %d | %d px | %.2f %% | %.0f s (%.1f images/s) | %.1f |%n", tap, fx.dim(tap), size, 100 * acc, secs, ips, mmac);
          md.append(line);
          System.err.print(line);
          csv.append(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.1f,%.2f,%.0f%n", tap, fx.dim(tap), size, acc, secs, ips, mmac * 1e6));
        }
      }
      md.append("\n(extraction time: the pass that made the cached features, on the machine and load of that moment; MMAC/image: that pass, up to its deepest tap)\n");
      AtomicFiles.writeString(out.resolve("table.md"), md.toString());
      AtomicFiles.writeString(out.resolve("table.csv"), csv.toString());
      spec.commandLine().getOut().print(md);
      spec.commandLine().getOut().flush();
      return ExitCodes.OK;
    }

    /** The software head's validation accuracy after the last epoch, on the run's own hold-out and input scaling. */
    private double validationAccuracy(String features) {
      String network = TrainingData.defaultNetwork(features, null);
      TrainSpec run = new TrainSpec(features, network, "software", List.of(), epochs, seed, validation);
      TrainingData.Loaded data = TrainingData.load(run, name -> {
        throw new IllegalStateException("a feature folder is read from its files");
      });
      TrainingConfig c = run.config();
      Learner l = c.learner(NetworkShape.parse(network), seed);
      Trainer t = new Trainer(new Trainer.Plan(epochs, c.learningRate(), c.learningRateDecay(), seed, 0, "features-table", false,
          c.trainAccuracyExamples()));
      List<EpochMetrics> e = new ArrayList<>(t.train(l, data.train(), data.validation(), new TrainingListener() {}).epochs());
      return e.get(e.size() - 1).validationAccuracy();
    }
  }
}
