package org.aimc.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.FeatureFolder;
import org.aimc.datasets.HoldOut;
import org.aimc.datasets.LabeledFeatures;
import org.aimc.datasets.Npy;
import org.aimc.features.FeatureCache;

/**
 * What a run trains on, from the name it was given: a data set aimc knows ({@code mnist},
 * {@code mnist-backrand}), a folder of IDX files in the data folder ({@code idx:FOLDER}) or a folder of features
 * ({@code features:DIR}, as {@code aimc reproduce cifar10} caches them, or a user's own). Pixels are
 * scaled to [0, 1]. Features are not pixels: each feature is mapped to [0, 1] by the minimum and
 * maximum it takes on the training part of the training split, validation held out ({@link InputScaling}), the same map for the test split and
 * for every configuration, software and analog, and recorded in result.json; test values outside
 * the training range reach the DAC beyond full scale and are clipped there (and counted).
 */
public final class TrainingData {
  private TrainingData() {}

  /**
   * The data a run reads: the training part, the held-out validation part and the test split as the
   * trainers take them, the split, the files' checksums, and how inputs were scaled.
   */
  public record Loaded(org.aimc.training.Examples train, org.aimc.training.Examples validation, org.aimc.training.Examples test, int classes,
                       HoldOut holdOut, Map<String, String> checksums, InputScaling scaling, Map<String, Object> featureProvenance) {
    /**
     * What the user should know about these data before the figures are read: test classes that the
     * training part never shows (a network cannot learn them; its test accuracy is capped).
     */
    public List<String> warnings() {
      java.util.BitSet trained = new java.util.BitSet();
      for (byte y : train.labels()) trained.set(y & 0xff);
      java.util.TreeSet<Integer> unseen = new java.util.TreeSet<>();
      int unseenCount = 0;
      for (byte y : test.labels()) {
        if (!trained.get(y & 0xff)) {
          unseen.add(y & 0xff);
          unseenCount++;
        }
      }
      if (unseen.isEmpty()) return List.of();
      return List.of(String.format(Locale.ROOT, "the training part has no example of class%s %s, which %,d of the %,d test examples (%.1f %%) "
              + "have: the network cannot learn %s, so the test accuracy is at most %.1f %%; check the training labels (they cover %s)",
          unseen.size() == 1 ? "" : "es", unseen, unseenCount, test.count(), 100.0 * unseenCount / test.count(),
          unseen.size() == 1 ? "it" : "them", 100.0 * (test.count() - unseenCount) / test.count(), ranges(trained)));
    }

    private static String ranges(java.util.BitSet b) {
      if (b.isEmpty()) return "no class";
      return b.cardinality() == b.length() - b.nextSetBit(0) ? b.nextSetBit(0) + "–" + (b.length() - 1) : b.toString();
    }
  }

  /**
   * Per-feature affine map to [0, 1] on the training split: {@code (x − min)/(max − min)}, a
   * feature constant on the training split mapped to 0.
   */
  public record InputScaling(String method, float[] min, float[] max) {
    static final String PIXELS = "pixels/255";
    static final String MIN_MAX = "per-feature (x - min)/(max - min), min and max over the training part (validation held out)";

    /** The map fit on the rows {@code rows} of {@code all} (the training part; validation held out), without copying them. */
    static InputScaling fit(LabeledFeatures all, int[] rows) {
      int d = all.dim();
      float[] lo = new float[d];
      float[] hi = new float[d];
      java.util.Arrays.fill(lo, Float.POSITIVE_INFINITY);
      java.util.Arrays.fill(hi, Float.NEGATIVE_INFINITY);
      float[] x = all.features();
      for (int row : rows)
        for (int j = 0, i = row * d; j < d; j++) {
          lo[j] = Math.min(lo[j], x[i + j]);
          hi[j] = Math.max(hi[j], x[i + j]);
        }
      return new InputScaling(MIN_MAX, lo, hi);
    }

    /** The rows {@code rows} of {@code all}, scaled, as the trainers take them: one new array, copied and scaled in one pass. */
    org.aimc.training.Examples rows(LabeledFeatures all, int[] rows) {
      int d = min.length;
      float[] x = new float[rows.length * d];
      byte[] y = new byte[rows.length];
      for (int k = 0; k < rows.length; k++) {
        y[k] = all.labels()[rows[k]];
        scale(all.features(), rows[k] * d, x, k * d);
      }
      return new org.aimc.training.Examples(x, y, d);
    }

    /** All of {@code owned}, scaled where it lies: its array is the caller's to give up (no copy). */
    org.aimc.training.Examples inPlace(LabeledFeatures owned) {
      float[] x = owned.features();
      for (int i = 0; i < x.length; i += min.length) scale(x, i, x, i);
      return new org.aimc.training.Examples(x, owned.labels(), owned.dim());
    }

    /** One example: {@code (x − min)/(max − min)} per feature, 0 for a feature constant on the training part. */
    private void scale(float[] from, int at, float[] to, int into) {
      for (int j = 0; j < min.length; j++) {
        float range = max[j] - min[j];
        to[into + j] = range > 0 ? (from[at + j] - min[j]) / range : 0f;
      }
    }
  }

  /**
   * The canonical form of a data-set name: a known name in lower case, {@code idx:FOLDER} (a folder
   * of the data folder, {@link Datasets#canonicalName}), or {@code features:} and an absolute folder
   * that exists.
   *
   * @throws IllegalArgumentException listing what is allowed
   */
  public static String canonicalName(String name) {
    String n = name == null ? "" : name.trim();
    if (n.startsWith(FeatureFolder.PREFIX)) {
      Path dir = Path.of(n.substring(FeatureFolder.PREFIX.length())).toAbsolutePath().normalize();
      if (!Files.isDirectory(SHIPPED.getOrDefault(dir, dir)) && !PLANNED.containsKey(dir))
        throw new IllegalArgumentException("--dataset " + n + ": no such folder " + dir);
      return FeatureFolder.PREFIX + dir;
    }
    try {
      return Datasets.canonicalName(n);
    } catch (IllegalArgumentException e) {
      if (n.startsWith(Datasets.IDX_PREFIX)) throw e;
      throw new IllegalArgumentException(e.getMessage() + "; also cifar10, cifar100:DIR, features:DIR");
    }
  }

  /** Whether a (canonical) name is a user's own data set, whose size and split aimc does not know beforehand. */
  public static boolean isOwn(String canonical) {
    return canonical.startsWith(Datasets.IDX_PREFIX) || canonical.startsWith(FeatureFolder.PREFIX);
  }

  /**
   * The network a run on {@code dataset} gets when none is given: for features, one fully connected
   * layer from the features to the classes (the paper's CIFAR head); otherwise {@code fallback}.
   * Reads and checks a feature folder, so that bad files fail before any results folder is made.
   */
  public static String defaultNetwork(String dataset, String fallback) {
    String name = canonicalName(dataset);
    if (!name.startsWith(FeatureFolder.PREFIX)) return fallback;
    Planned planned = plannedOnly(featureFolder(name));
    if (planned != null) return planned.dim() + "-" + planned.classes();
    FeatureFolder.Split s = FeatureFolder.read(featureFolder(name));
    return s.train().dim() + "-" + s.train().classes();
  }

  /**
   * Reads the run's data set (images through {@code loader}, which fetches a known set on first use;
   * a feature folder from its files), splits off the validation part ({@link TrainSpec#holdOut}) and
   * scales: pixels by 1/255, features by the min/max of the training part (validation held out).
   */
  public static Loaded load(TrainSpec spec, DataLoader loader) {
    String name = spec.dataset();
    if (name.startsWith(FeatureFolder.PREFIX)) {
      Path dir = featureFolder(name);
      FeatureFolder.Split s = FeatureFolder.read(dir);
      checkFit(spec, s.train().dim(), s.train().classes(), false, s.train().labels(), s.test().labels());
      HoldOut holdOut = spec.holdOut(s.train().count());
      HoldOut.Parts parts = holdOut.split(s.train().count());
      // One copy of the training file's values at most: the two parts are copied and scaled in one pass each, the
      // test split is scaled where it was read, and the file's array is dropped with s (issue 31: three copies before).
      InputScaling scaling = InputScaling.fit(s.train(), parts.train());
      Map<String, String> sums = featureChecksums(dir);
      Map<String, Object> prov = null;
      if (Files.isRegularFile(dir.resolve(FeatureCache.PROVENANCE))) prov = FeatureCache.provenance(dir);
      return new Loaded(scaling.rows(s.train(), parts.train()), scaling.rows(s.train(), parts.validation()), scaling.inPlace(s.test()),
          s.train().classes(), holdOut, sums, scaling, prov);
    }
    DatasetSplit d = loader.load(name);
    checkFit(spec, d.train().pixelsPerImage(), d.train().classes(), true, d.train().labels(), d.test().labels());
    HoldOut holdOut = spec.holdOut(d.train().count());
    HoldOut.Images parts = holdOut.apply(d.train());
    InputScaling pixels = new InputScaling(InputScaling.PIXELS, null, null);
    return new Loaded(TrainingRun.examples(parts.train()), TrainingRun.examples(parts.validation()), TrainingRun.examples(d.test()),
        d.train().classes(), holdOut, loader.checksums(name), pixels, null);
  }

  /**
   * The SHA-256 of each file a run on {@code dataset} reads, as its result records them
   * ({@code provenance.datasetSha256}): a feature folder's files hashed now, others through {@code loader}.
   */
  static Map<String, String> checksums(String dataset, DataLoader loader) {
    if (dataset.startsWith(FeatureFolder.PREFIX)) return featureChecksums(featureFolder(dataset));
    return loader.checksums(dataset);
  }

  /**
   * Feature folders that a Spark executor received under another path than the one the driver named
   * them by (the driver's path, absolute and normalised, → the executor's copy). Every entry maps
   * a path to the same copy for the executor's life, so concurrent tasks agree.
   */
  private static final Map<Path, Path> SHIPPED = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * A feature folder that an extraction will write, as a dry run describes it before the extraction:
   * its examples and the width and classes of its features.
   */
  public record Planned(long trainCount, long testCount, int dim, int classes) {}

  /** Feature folders not extracted yet, by their future path (absolute, normalised), for dry runs. */
  private static final Map<Path, Planned> PLANNED = new java.util.concurrent.ConcurrentHashMap<>();

  /** What a dry run planned for {@code dir}, while the folder does not exist yet; else null. */
  private static Planned plannedOnly(Path dir) {
    Planned planned = PLANNED.get(dir);
    return planned != null && !Files.isDirectory(dir) ? planned : null;
  }

  /**
   * Lets a dry run name {@code features:FOLDER} before the extraction writes it: the name is
   * canonical, and {@link #featureFolderCounts} and {@link #defaultNetwork} answer from {@code what};
   * reading the data still needs the files. Returns the canonical name.
   */
  public static String planned(Path folder, Planned what) {
    Path dir = folder.toAbsolutePath().normalize();
    PLANNED.put(dir, what);
    return FeatureFolder.PREFIX + dir;
  }

  /**
   * Makes {@code features:NAMED} read the files in {@code copy} on this machine, where the folder
   * {@code named} does not exist (a Spark executor on another host than the driver); the run's
   * name, result and checkpoint keep {@code named}.
   */
  public static void shipped(Path named, Path copy) {
    SHIPPED.put(named.toAbsolutePath().normalize(), copy);
  }

  /**
   * The training and test examples of a feature folder ({@code features:DIR}, canonical), from its
   * label files alone (a few hundred KB; the features themselves are not read).
   */
  public static long[] featureFolderCounts(String canonical) {
    Path dir = featureFolder(canonical);
    Planned planned = plannedOnly(dir);
    if (planned != null) return new long[] {planned.trainCount(), planned.testCount()};
    return new long[] {Npy.read(dir.resolve(FeatureFolder.FILES[1])).data().length, Npy.read(dir.resolve(FeatureFolder.FILES[3])).data().length};
  }

  /** Where a (canonical) {@code features:DIR} data set's files are read on this machine. */
  private static Path featureFolder(String canonical) {
    Path named = Path.of(canonical.substring(FeatureFolder.PREFIX.length()));
    return SHIPPED.getOrDefault(named, named);
  }

  /** The folder and the names of the files a run on a data set reads. */
  public record DataFiles(Path folder, List<String> names) {}

  /**
   * The files a run on {@code dataset} reads, fetched and verified first where aimc knows the data
   * set (what a Spark driver ships to its executors): a feature folder's four {@code .npy} files
   * (and its provenance.json, if any), an IDX folder's four files, a named data set's pinned files.
   */
  public static DataFiles dataFiles(String dataset, org.aimc.datasets.DataHome home) {
    String name = canonicalName(dataset);
    if (name.startsWith(FeatureFolder.PREFIX)) {
      Path dir = featureFolder(name);
      List<String> names = new java.util.ArrayList<>(List.of(FeatureFolder.FILES));
      for (String f : names)
        if (!Files.isRegularFile(dir.resolve(f)))
          throw new IllegalArgumentException("features:" + dir + ": " + f + " is missing; the folder must hold " + String.join(", ", FeatureFolder.FILES));
      if (Files.isRegularFile(dir.resolve(FeatureCache.PROVENANCE))) names.add(FeatureCache.PROVENANCE);
      return new DataFiles(dir, List.copyOf(names));
    }
    Datasets.load(name, home);
    return new DataFiles(Datasets.folder(name, home), List.copyOf(Datasets.checksums(name, home).keySet()));
  }

  private static Map<String, String> featureChecksums(Path dir) {
    Map<String, String> sums = new LinkedHashMap<>();
    for (String f : FeatureFolder.FILES) sums.put(f, sha256(dir.resolve(f)));
    if (Files.isRegularFile(dir.resolve(FeatureCache.PROVENANCE))) sums.put(FeatureCache.PROVENANCE, sha256(dir.resolve(FeatureCache.PROVENANCE)));
    return sums;
  }

  /** Checks the data set against the network, before anything is split or written. */
  private static void checkFit(TrainSpec spec, int inputs, int classes, boolean pixels, byte[] trainLabels, byte[] testLabels) {
    org.aimc.training.NetworkShape network = spec.shape();
    if (inputs != network.inputs())
      throw new IllegalArgumentException("--network " + network + " has " + network.inputs() + " inputs, but " + spec.dataset()
          + (pixels ? " images have " + inputs + " pixels; use e.g. " + inputs + "-250-125-10"
              : " examples have " + inputs + " features; use e.g. " + inputs + "-" + classes));
    if (classes != network.outputs()) {
      String labels = labelProblem(trainLabels, testLabels, classes);
      throw new IllegalArgumentException("--network " + network + " has " + network.outputs() + " outputs, but " + spec.dataset()
          + " has " + classes + " classes" + (labels != null ? ": " + labels : "; make the last layer " + classes + " wide"));
    }
  }

  /**
   * Why the labels give more classes than a network expects, when the labels themselves look wrong
   * (1-based, or a class only the test set has); null when they look like classes 0..C-1.
   */
  static String labelProblem(byte[] train, byte[] test, int classes) {
    int trainMin = Integer.MAX_VALUE;
    int trainMax = -1;
    int allMin = Integer.MAX_VALUE;
    for (byte b : train) {
      trainMin = Math.min(trainMin, b & 0xff);
      trainMax = Math.max(trainMax, b & 0xff);
    }
    allMin = trainMin;
    int testMax = -1;
    for (byte b : test) {
      allMin = Math.min(allMin, b & 0xff);
      testMax = Math.max(testMax, b & 0xff);
    }
    if (allMin >= 1)
      return String.format(Locale.ROOT, "the labels run from %d to %d and no example has label 0: labels must be class numbers from 0"
          + " (for 1-based labels, save y - 1)", allMin, Math.max(trainMax, testMax));
    if (testMax > trainMax)
      return String.format(Locale.ROOT, "the test labels go up to %d, the training labels only to %d: class%s %s appear%s only in the test set;"
          + " check the test labels (or the training set's coverage)", testMax, trainMax, testMax - trainMax == 1 ? "" : "es",
          testMax - trainMax == 1 ? Integer.toString(testMax) : (trainMax + 1) + "–" + testMax, testMax - trainMax == 1 ? "s" : "");
    return null;
  }

  /** Fetches a known data set once, before parallel runs race for it; a feature folder needs nothing. */
  static void prefetch(String dataset, org.aimc.datasets.DataHome home) {
    String name = canonicalName(dataset);
    if (!name.startsWith(FeatureFolder.PREFIX)) Datasets.load(name, home);
  }

  static String sha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[1 << 16];
        for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line for logs: what the scaling is. */
  static String describe(InputScaling s) {
    return s.min() == null ? s.method() : String.format(Locale.ROOT, "%s (%d features)", s.method(), s.min().length);
  }
}
