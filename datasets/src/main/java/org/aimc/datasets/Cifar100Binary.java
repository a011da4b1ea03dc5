package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CIFAR-100 (Krizhevsky 2009) in its standard binary form, from a folder the user gives
 * ({@code --dataset cifar100:DIR}; no registry aimc reaches holds it): {@code train.bin} and
 * {@code test.bin}, each a run of 3,074-byte records: the coarse label (0–19), the fine label
 * (0–99), then 1,024 red, 1,024 green and 1,024 blue bytes of a 32×32 image, row-major. aimc trains
 * on the 100 fine labels. The official files hold 50,000 and 10,000 records; any whole number of
 * records is accepted, the lengths and labels are checked.
 */
public final class Cifar100Binary {
  public static final String PREFIX = "cifar100:";
  public static final String TRAIN = "train.bin";
  public static final String TEST = "test.bin";
  public static final int CLASSES = 100;
  public static final int COARSE_CLASSES = 20;
  static final int SIDE = 32;
  static final int RECORD = 2 + 3 * SIDE * SIDE;

  private Cifar100Binary() {}

  public static String describe() {
    return "cifar100:DIR — the standard CIFAR-100 binary files train.bin and test.bin (3,074-byte records: coarse label, fine label, 3,072 bytes R,G,B planes)";
  }

  /** Reads both files; errors name the file, the record and the fix. */
  public static ColourImages.Split read(Path dir) {
    if (!Files.isDirectory(dir))
      throw new IllegalArgumentException(PREFIX + dir + ": no such folder; give the folder holding train.bin and test.bin (cifar-100-binary.tar.gz, unpacked)");
    return new ColourImages.Split(PREFIX + dir, readFile(dir.resolve(TRAIN), "train"), readFile(dir.resolve(TEST), "test"));
  }

  /** SHA-256 of both files, for a run's provenance. */
  public static Map<String, String> checksums(Path dir) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      for (String f : new String[] {TRAIN, TEST}) m.put(f, FileOps.sha256(dir.resolve(f)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return m;
  }

  static ColourImages readFile(Path file, String split) {
    byte[] b;
    try {
      b = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": missing; a CIFAR-100 folder holds " + TRAIN + " and " + TEST);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (b.length == 0 || b.length % RECORD != 0)
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s: %,d bytes is not a whole number of %,d-byte CIFAR-100 records (1 coarse label, 1 fine label, 3,072 pixel bytes); the file is truncated or not CIFAR-100 binary",
          file, b.length, RECORD));
    int n = b.length / RECORD;
    int plane = SIDE * SIDE;
    byte[] pixels = new byte[n * plane * 3];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int r = i * RECORD;
      int coarse = b[r] & 0xFF;
      int fine = b[r + 1] & 0xFF;
      if (coarse >= COARSE_CLASSES || fine >= CLASSES)
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "%s: record %d has coarse label %d and fine label %d; expected 0–%d and 0–%d (is this CIFAR-10 binary, which has one label byte?)",
            file, i, coarse, fine, COARSE_CLASSES - 1, CLASSES - 1));
      labels[i] = (byte) fine;
      int o = i * plane * 3;
      for (int p = 0; p < plane; p++)
        for (int c = 0; c < 3; c++) pixels[o + 3 * p + c] = b[r + 2 + c * plane + p];
    }
    return new ColourImages("cifar100/" + split, SIDE, SIDE, pixels, labels, CLASSES);
  }
}
