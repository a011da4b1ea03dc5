package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * MNIST-backrand regenerated from MNIST: handwritten digits over a background of uniform random
 * pixels, after the recipe of Larochelle, Erhan, Courville, Bergstra and Bengio, "An empirical
 * evaluation of deep architectures on problems with many factors of variation", ICML 2007
 * ("mnist-back-rand": each background pixel uniform between 0 and 255). <b>This is a regenerated
 * variant, not the original Larochelle files</b> (those are in no registry reachable here): the
 * recipe is theirs, the random draws and the choice of images are ours, so accuracies are comparable
 * in difficulty, not image for image.
 *
 * <p>Exactly what is done, so that every machine produces byte-identical files (their SHA-256 are
 * pinned below and checked after every generation):
 * <ol>
 *   <li>Random numbers: Commons RNG {@code RandomSource.SPLIT_MIX_64} seeded with the long
 *       {@link #SEED}; only its {@code nextLong()} output is used, mapped to draws by the code here
 *       (not by library helpers whose algorithm could change between versions).
 *   <li>Training split: the first {@link #TRAIN_COUNT} (12,000) images of the MNIST training set, in
 *       order. (Larochelle's 12,000 = 10,000 train + 2,000 validation.)
 *   <li>Test split: {@link #TEST_COUNT} (50,000) images drawn without replacement from a pool of the
 *       remaining 48,000 MNIST training images (pool indices 0–47,999, in order) followed by the
 *       10,000 MNIST test images (pool indices 48,000–57,999): a partial Fisher–Yates shuffle,
 *       {@code for i in 0..TEST_COUNT-1: swap(i, i + bounded(POOL - i))}, whose first
 *       {@code TEST_COUNT} indices are then sorted ascending, so the test split keeps pool order.
 *       {@code bounded(n)} is Lemire's multiply-and-reject method on the upper 32 bits of
 *       {@code nextLong()}: {@code m = (nextLong() >>> 32) * n}, redrawn while
 *       {@code (m mod 2^32) < (2^32 mod n)}, result {@code m >>> 32}.
 *   <li>Backgrounds, drawn after the selection: one stream of random bytes, each {@code nextLong()}
 *       giving 8 bytes, least significant first, consumed pixel by pixel over the training images
 *       (in order) and then the test images (in order), one byte for every pixel whether it shows
 *       ink or not. Each byte is uniform on [0, 255].
 *   <li>Composition: the output pixel is the MNIST pixel where that pixel has ink (value &gt; 0) and
 *       the random background byte where it is 0. (So faint anti-aliased edge pixels keep their
 *       MNIST value; no max() or blending.)
 *   <li>Labels are the MNIST labels of the chosen images. Written as IDX files
 *       {@code {train,test}-{images-idx3,labels-idx1}-ubyte} in {@code <data>/mnist-backrand/}.
 * </ol>
 */
public final class MnistBackrand extends DatasetSource {
  static final String NAME = "mnist-backrand";
  /** The seed of the one random stream: 2007-06-20, the first day of ICML 2007, as a number. */
  public static final long SEED = 20070620L;
  /** Training images: the first 12,000 of the MNIST training set. */
  public static final int TRAIN_COUNT = 12_000;
  /** Test images, drawn from the rest of MNIST (48,000 train + 10,000 test). */
  public static final int TEST_COUNT = 50_000;

  /**
   * SHA-256 of the files this class generates from the pinned MNIST with {@link #SEED}: computed once
   * (2025, Java 17, Commons RNG 1.6) and pinned, so that every later generation proves it produced
   * the same bytes.
   */
  static final List<PinnedFile> FILES = List.of(
      new PinnedFile("train-images-idx3-ubyte", 16L + TRAIN_COUNT * 784L, "99472d61be76cbd8f9465b839866224240932544157627d8e67d481636685689"),
      new PinnedFile("train-labels-idx1-ubyte", 8L + TRAIN_COUNT, "2c90b8c2199fe10795e2ce1bdba6c1f0d101391374b748823bdf06b4f282b679"),
      new PinnedFile("test-images-idx3-ubyte", 16L + TEST_COUNT * 784L, "2346ec54518a013f9f3664fb89eec4c876e413c77ce09945a2eb5e7dfd9847fa"),
      new PinnedFile("test-labels-idx1-ubyte", 8L + TEST_COUNT, "00dd2d033577386c8f1de1c34c0aa41d14276ac0b5a6d781f64701c1afb75b96"));

  private final Mnist mnist;
  private final int trainCount;
  private final int testCount;
  private final long seed;

  MnistBackrand(Mnist mnist) {
    this(mnist, TRAIN_COUNT, TEST_COUNT, SEED, FILES);
  }

  /** Other counts, seed and pins (tests generate from a small MNIST-like package). */
  MnistBackrand(Mnist mnist, int trainCount, int testCount, long seed, List<PinnedFile> files) {
    super("MNIST-backrand", files);
    this.mnist = mnist;
    this.trainCount = trainCount;
    this.testCount = testCount;
    this.seed = seed;
  }

  @Override
  String name() {
    return NAME;
  }

  @Override
  String summary() {
    return "MNIST digits over uniform random backgrounds: 12,000 train + 50,000 test, 28×28 grey, 10 classes";
  }

  @Override
  List<String> notes() {
    return List.of(
        "REGENERATED VARIANT, not the original Larochelle et al. (ICML 2007) mnist-back-rand files:",
        "  their recipe (background pixels uniform on [0,255]), our random draws and image choice.",
        "  Generated here from the pinned MNIST files with SplitMix64, seed " + SEED + "; byte-identical on every machine.",
        "  train = first 12,000 MNIST train images; test = 50,000 drawn from the other 48,000 train + 10,000 test.",
        "  pixel = MNIST pixel where it has ink (> 0), else the random background byte.");
  }

  /** Larochelle et al. 2007: 10,000 train / 2,000 validation (here a seeded draw, not their last 2,000). */
  @Override
  int validationCount() {
    return 2_000;
  }

  @Override
  int classes() {
    return 10;
  }

  @Override
  void fetch(DataHome home, Consumer<String> progress) {
    List<PinnedFile> needed = unverified(home);
    if (needed.isEmpty()) {
      progress.accept(NAME + ": all 4 files present and verified in " + home.folder(NAME));
      return;
    }
    mnist.fetch(home, progress);
    progress.accept(NAME + ": generating from MNIST (seed " + seed + ") ...");
    DatasetSplit mn = mnist.read(home);
    DatasetSplit out = generate(mn.train(), mn.test(), trainCount, testCount, seed);
    Path tmp = tempFolder(home, ".generate-mnist-backrand-");
    try {
      List<Path> written = write(out, tmp);
      for (int i = 0; i < files().size(); i++) {
        String sha = FileOps.sha256(written.get(i));
        if (!sha.equals(files().get(i).sha256()))
          throw new IllegalStateException(String.format(Locale.ROOT,
              "generated %s has SHA-256 %s, expected the pinned %s: the generator or its inputs changed, so this machine "
                  + "would not reproduce the published files (a bug; please report it)", files().get(i).fileName(), sha, files().get(i).sha256()));
      }
      for (int i = 0; i < files().size(); i++) {
        PinnedFile f = files().get(i);
        FileOps.moveAtomically(written.get(i), path(home, f));
        progress.accept(String.format(Locale.ROOT, "%s: wrote %s (%,d bytes, SHA-256 verified)", NAME, path(home, f), f.size()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + NAME + " failed: " + e.getMessage(), e);
    } finally {
      FileOps.deleteTree(tmp);
    }
  }

  /** Writes a generated split as the four IDX files, in {@link #FILES} order, into {@code folder}. */
  static List<Path> write(DatasetSplit split, Path folder) {
    List<Path> paths = new ArrayList<>();
    for (PinnedFile f : FILES) paths.add(folder.resolve(f.fileName())); // the names, not the pins
    IdxWriter.write(split.train(), paths.get(0), paths.get(1));
    IdxWriter.write(split.test(), paths.get(2), paths.get(3));
    return paths;
  }

  /**
   * Generates MNIST-backrand from MNIST by the recipe in the class comment.
   *
   * @param mnistTrain the MNIST training images (the first {@code trainCount} become the training split)
   * @param mnistTest the MNIST test images (part of the pool the test split is drawn from)
   * @param trainCount images in the training split ({@link #TRAIN_COUNT} for the published files)
   * @param testCount images in the test split ({@link #TEST_COUNT} for the published files)
   * @param seed seed of the SplitMix64 stream ({@link #SEED} for the published files)
   */
  public static DatasetSplit generate(LabeledImages mnistTrain, LabeledImages mnistTest, int trainCount, int testCount, long seed) {
    if (mnistTrain.rows() != mnistTest.rows() || mnistTrain.cols() != mnistTest.cols())
      throw new IllegalArgumentException("train images are " + mnistTrain.rows() + "×" + mnistTrain.cols()
          + " but test images are " + mnistTest.rows() + "×" + mnistTest.cols());
    if (trainCount < 0 || trainCount > mnistTrain.count())
      throw new IllegalArgumentException("trainCount " + trainCount + " is outside [0, " + mnistTrain.count() + "]");
    int pool = mnistTrain.count() - trainCount + mnistTest.count();
    if (testCount < 0 || testCount > pool)
      throw new IllegalArgumentException("testCount " + testCount + " is outside [0, " + pool + "] (the images left after the training split)");
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);

    int[] order = new int[pool];
    for (int i = 0; i < pool; i++) order[i] = i;
    for (int i = 0; i < testCount; i++) {
      int j = i + bounded(rng, pool - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] chosen = Arrays.copyOf(order, testCount);
    Arrays.sort(chosen);

    int ppi = mnistTrain.pixelsPerImage();
    Backgrounds bg = new Backgrounds(rng);
    byte[] trainPixels = new byte[trainCount * ppi];
    byte[] trainLabels = new byte[trainCount];
    for (int k = 0; k < trainCount; k++) {
      compose(mnistTrain.pixels(), k * ppi, trainPixels, k * ppi, ppi, bg);
      trainLabels[k] = mnistTrain.labels()[k];
    }
    byte[] testPixels = new byte[testCount * ppi];
    byte[] testLabels = new byte[testCount];
    int fromTrain = mnistTrain.count() - trainCount;
    for (int k = 0; k < testCount; k++) {
      int p = chosen[k];
      LabeledImages src = p < fromTrain ? mnistTrain : mnistTest;
      int image = p < fromTrain ? trainCount + p : p - fromTrain;
      compose(src.pixels(), image * ppi, testPixels, k * ppi, ppi, bg);
      testLabels[k] = src.labels()[image];
    }
    int classes = Math.max(mnistTrain.classes(), mnistTest.classes());
    return new DatasetSplit(NAME,
        new LabeledImages(NAME + "/train", mnistTrain.rows(), mnistTrain.cols(), trainPixels, trainLabels, classes),
        new LabeledImages(NAME + "/test", mnistTrain.rows(), mnistTrain.cols(), testPixels, testLabels, classes));
  }

  private static void compose(byte[] src, int srcOff, byte[] dst, int dstOff, int n, Backgrounds bg) {
    for (int i = 0; i < n; i++) {
      byte noise = bg.next(); // drawn for every pixel, ink or not
      byte ink = src[srcOff + i];
      dst[dstOff + i] = ink != 0 ? ink : noise;
    }
  }

  /** Uniform integer in [0, n): Lemire's multiply-and-reject on the upper 32 bits of nextLong(). */
  static int bounded(UniformRandomProvider rng, int n) {
    if (n <= 0) throw new IllegalArgumentException("bound must be positive: " + n);
    long m = (rng.nextLong() >>> 32) * n;
    long low = m & 0xFFFF_FFFFL;
    if (low < n) {
      long threshold = (0x1_0000_0000L - n) % n; // = 2^32 mod n
      while (low < threshold) {
        m = (rng.nextLong() >>> 32) * n;
        low = m & 0xFFFF_FFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /** Random bytes, 8 per nextLong(), least significant first. */
  private static final class Backgrounds {
    private final UniformRandomProvider rng;
    private long bits;
    private int left;

    Backgrounds(UniformRandomProvider rng) {
      this.rng = rng;
    }

    byte next() {
      if (left == 0) {
        bits = rng.nextLong();
        left = 8;
      }
      byte b = (byte) bits;
      bits >>>= 8;
      left--;
      return b;
    }
  }
}
