package org.aimc.experiments.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.datasets.Cifar100Binary;
import org.aimc.datasets.Cifar10;
import org.aimc.datasets.ColourImages;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.FeatureFolder;
import org.aimc.experiments.provenance.CodeVersion;
import org.aimc.features.FeatureCache;
import org.aimc.features.FeatureExtractor;

/**
 * Colour-image data sets are trained on the features of a frozen extractor: {@code cifar10} and
 * {@code cifar100:DIR} become the cached feature folder of the chosen backbone, input size and
 * tap ({@code features:DIR}), extracted on first use with a progress bar. Every other name passes
 * through unchanged.
 */
public final class FeatureSets {
  /** How images become features. */
  public record Extraction(FeatureExtractor.Kind backbone, int inputSize, String tap, int batch) {
    public static Extraction defaults(FeatureExtractor.Kind kind) {
      return new Extraction(kind, kind.defaultInputSize, kind.defaultTap, 64);
    }

    /** Defaults of {@code backbone}, with each given value in place of the default. */
    public static Extraction of(String backbone, Integer inputSize, String tap) {
      FeatureExtractor.Kind k = FeatureExtractor.Kind.byId(backbone);
      return new Extraction(k, inputSize != null ? inputSize : k.defaultInputSize, tap != null ? tap : k.defaultTap, 64);
    }
  }

  private FeatureSets() {}

  /** Training images CIFAR holds out for validation unless told otherwise: 45,000 / 5,000 of its 50,000 (issue #13). */
  public static final int CIFAR_VALIDATION = 5_000;

  /**
   * {@code given} if set, else CIFAR-10's 5,000, else null (the data set's own default, {@link
   * TrainSpec}): a {@code cifar100:DIR} folder is the user's own, of any size, and holds out a
   * sixth like any other (5,000 of a 300-image folder used to be refused).
   */
  public static Integer validation(String dataset, Integer given) {
    return given != null ? given : dataset.trim().equalsIgnoreCase(Cifar10.NAME) ? Integer.valueOf(CIFAR_VALIDATION) : null;
  }

  /** Whether a name means images that must go through the extractor. */
  public static boolean needsExtraction(String dataset) {
    String n = dataset.trim();
    return n.equalsIgnoreCase(Cifar10.NAME) || n.startsWith(Cifar100Binary.PREFIX);
  }

  /** CIFAR-10's training and test images. */
  private static final long CIFAR10_TRAIN = 50_000;
  private static final long CIFAR10_TEST = 10_000;
  /**
   * Multiply-accumulates per second of an extraction on this machine: 60,000 CIFAR-10 images through
   * MobileNetV2 at 64 px (18.0 MMAC each, tap block_13_expand_relu) took 762 s, 2026-12-06, other
   * jobs on the cores (docs/REQUIREMENTS.md).
   */
  static final double EXTRACTION_MACS_PER_SECOND = 60_000 * 18_016_256.0 / 762;

  /**
   * What a dry run on {@code cifar10} trains on when its features are not cached yet: the feature
   * folder the extraction will write, named before it exists ({@link TrainingData#planned}), and the
   * extraction's work. Null when the features are cached, or for another data set. Reads the
   * backbone's description (fetched on first use), not the images.
   *
   * @param name the {@code features:} name of the future folder
   * @param images images to extract
   * @param macsPerImage the backbone's multiply-accumulates up to the tap, per image
   */
  public record Planned(String name, long images, long macsPerImage) {
    /** The extraction's time on this machine, from its multiply-accumulates ({@link #EXTRACTION_MACS_PER_SECOND}). */
    public double extractionSeconds() {
      return images * (double) macsPerImage / EXTRACTION_MACS_PER_SECOND;
    }

    /** A dry run's line about the extraction that comes first. */
    public String describe() {
      return String.format(Locale.ROOT, "the features are not extracted yet: the first run extracts them (%,d images, %.1f MMAC each; about %.0f min"
          + " on this machine, once, then cached); the estimate below is for the runs after it%n", images, macsPerImage / 1e6, extractionSeconds() / 60);
    }
  }

  /** {@link Planned} for {@code dataset}, or null when nothing needs extracting first. */
  public static Planned plan(String dataset, Extraction x, DataHome home, PrintStream log) {
    if (!dataset.trim().equalsIgnoreCase(Cifar10.NAME)) return null;
    Path dir = FeatureCache.folder(home, Cifar10.NAME, x.backbone(), x.inputSize(), x.tap());
    if (FeatureCache.valid(dir, new FeatureCache.Key(Cifar10.NAME, Cifar10.checksums(), x.backbone(), x.inputSize(), x.tap()))) return null;
    FeatureExtractor fx = FeatureExtractor.load(home, x.backbone(), log::println);
    fx.check(List.of(x.tap()), x.inputSize());
    String name = TrainingData.planned(dir, new TrainingData.Planned(CIFAR10_TRAIN, CIFAR10_TEST, fx.dim(x.tap()), Cifar10.CLASSES));
    return new Planned(name, CIFAR10_TRAIN + CIFAR10_TEST, fx.macsPerImage(List.of(x.tap()), x.inputSize()));
  }

  /** The data-set name a run should train on (a feature folder for images), extracting what is not cached. */
  public static String resolve(String dataset, Extraction x, DataHome home, PrintStream log) {
    if (!needsExtraction(dataset)) return dataset;
    FeatureExtractor fx = FeatureExtractor.load(home, x.backbone(), log::println);
    fx.check(List.of(x.tap()), x.inputSize());
    String key;
    Map<String, String> sums;
    java.util.function.Supplier<ColourImages.Split> images;
    if (dataset.trim().equalsIgnoreCase(Cifar10.NAME)) {
      key = Cifar10.NAME;
      sums = Cifar10.checksums();
      images = () -> Cifar10.load(home, log::println);
    } else {
      Path dir = Path.of(dataset.trim().substring(Cifar100Binary.PREFIX.length())).toAbsolutePath().normalize();
      ColourImages.Split s = Cifar100Binary.read(dir);
      sums = Cifar100Binary.checksums(dir);
      key = "cifar100-" + sums.get(Cifar100Binary.TRAIN).substring(0, 12);
      images = () -> s;
    }
    FeatureCache.Result r = extract(home, key, sums, images, fx, x.inputSize(), List.of(x.tap()), x.batch(), log);
    return FeatureFolder.PREFIX + r.folders().get(x.tap());
  }

  /**
   * {@link FeatureCache#ensure} with a progress bar (speed, time left) on {@code log}; the bar's
   * line is ended before anything else is printed, an error included.
   */
  public static FeatureCache.Result extract(DataHome home, String key, Map<String, String> sums, java.util.function.Supplier<ColourImages.Split> images,
                                            FeatureExtractor fx, int inputSize, List<String> taps, int batch, PrintStream log) {
    return withProgress(log, bar -> FeatureCache.ensure(home, key, sums, () -> {
      ColourImages.Split s = images.get();
      log.printf(Locale.ROOT, "extracting %s features of %s (%s, %d px, taps %s): %,d images, done once and cached%n",
          fx.kind().id, key, FeatureExtractor.NORMALISATION, inputSize, taps, s.train().count() + s.test().count());
      bar.open(s.train().count() + s.test().count());
      return s;
    }, fx, inputSize, taps, batch, CodeVersion.current().toString(), bar::stepTo), r -> log.printf(Locale.ROOT,
        "extracted in %.0f s (%.1f images/s); cached in %s%n", r.extractionSeconds(), r.images() / r.extractionSeconds(),
        r.folders().values().iterator().next().getParent()));
  }

  /** The progress bar of an extraction: opened when the images are known (never, when the cache holds the features). */
  interface Bar {
    void open(long images);

    void stepTo(long done);
  }

  /**
   * Runs {@code work} with a bar it may open on {@code log}; the bar's line is ended whether the work
   * returns or fails, before {@code done} (if a bar was opened) or the caller's error message is printed.
   */
  static <T> T withProgress(PrintStream log, java.util.function.Function<Bar, T> work, java.util.function.Consumer<T> done) {
    ProgressLine[] line = new ProgressLine[1];
    T result;
    try {
      result = work.apply(new Bar() {
        @Override
        public void open(long images) {
          line[0] = ProgressLine.open(log, "features", images, " img", 1000);
        }

        @Override
        public void stepTo(long n) {
          line[0].stepTo(n);
        }
      });
    } finally {
      if (line[0] != null) line[0].close();
    }
    if (line[0] != null) done.accept(result);
    return result;
  }
}
