package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar100BinaryTest {
  @TempDir Path dir;

  /** {@code n} records: coarse = i % 20, fine = (7i) % 100, pixel byte (c, p) = (i + 3c + p) mod 256. */
  static byte[] records(int n) {
    byte[] b = new byte[n * Cifar100Binary.RECORD];
    for (int i = 0; i < n; i++) {
      int r = i * Cifar100Binary.RECORD;
      b[r] = (byte) (i % 20);
      b[r + 1] = (byte) ((7 * i) % 100);
      for (int c = 0; c < 3; c++)
        for (int p = 0; p < 1024; p++) b[r + 2 + c * 1024 + p] = (byte) (i + 3 * c + p);
    }
    return b;
  }

  @Test
  void readsFineLabelsAndReordersPlanesToNhwc() throws Exception {
    Files.write(dir.resolve("train.bin"), records(5));
    Files.write(dir.resolve("test.bin"), records(2));
    ColourImages.Split s = Cifar100Binary.read(dir);
    assertEquals(5, s.train().count());
    assertEquals(2, s.test().count());
    assertEquals(100, s.train().classes());
    assertEquals(28, s.train().labels()[4]);
    for (int i : new int[] {0, 4})
      for (int p : new int[] {0, 1, 1023})
        for (int c = 0; c < 3; c++)
          assertEquals((byte) (i + 3 * c + p), s.train().pixels()[(i * 1024 + p) * 3 + c]);
  }

  @Test
  void truncatedFilesAndBadLabelsAreRefused() throws Exception {
    Files.write(dir.resolve("train.bin"), java.util.Arrays.copyOf(records(2), 2 * Cifar100Binary.RECORD - 1));
    Files.write(dir.resolve("test.bin"), records(1));
    String m = assertThrows(IllegalArgumentException.class, () -> Cifar100Binary.read(dir)).getMessage();
    assertTrue(m.contains("train.bin") && m.contains("not a whole number"), m);
    byte[] bad = records(3);
    bad[2 * Cifar100Binary.RECORD + 1] = (byte) 100;
    Files.write(dir.resolve("train.bin"), bad);
    m = assertThrows(IllegalArgumentException.class, () -> Cifar100Binary.read(dir)).getMessage();
    assertTrue(m.contains("record 2") && m.contains("fine label 100"), m);
  }
}
