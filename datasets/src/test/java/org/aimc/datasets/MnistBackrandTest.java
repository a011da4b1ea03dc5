package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistBackrandTest {
  @TempDir Path dir;

  private final LabeledImages train = TestFiles.digits("toy/train", 40, 6, 5, 0);
  private final LabeledImages test = TestFiles.digits("toy/test", 15, 6, 5, 3);

  private byte[][] files(DatasetSplit split, String folder) throws Exception {
    List<Path> paths = MnistBackrand.write(split, Files.createDirectories(dir.resolve(folder)));
    byte[][] out = new byte[paths.size()][];
    for (int i = 0; i < out.length; i++) out[i] = Files.readAllBytes(paths.get(i));
    return out;
  }

  @Test
  void twoGenerationsWriteIdenticalBytesAndAnotherSeedDoesNot() throws Exception {
    byte[][] a = files(MnistBackrand.generate(train, test, 10, 30, 7), "a");
    byte[][] b = files(MnistBackrand.generate(train, test, 10, 30, 7), "b");
    for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], "file " + i);
    byte[][] c = files(MnistBackrand.generate(train, test, 10, 30, 8), "c");
    assertFalse(Arrays.equals(a[0], c[0]), "another seed, other training backgrounds");
    assertFalse(Arrays.equals(a[2], c[2]), "another seed, other test images");
    assertArrayEquals(a[1], c[1], "training labels do not depend on the seed");
  }

  @Test
  void followsTheDocumentedRecipe() {
    DatasetSplit out = MnistBackrand.generate(train, test, 10, 30, 7);
    int ppi = train.pixelsPerImage();
    // Training split: the first 10 MNIST training images, ink kept, background random.
    assertEquals(10, out.train().count());
    assertArrayEquals(Arrays.copyOf(train.labels(), 10), out.train().labels());
    for (int k = 0; k < 10; k++) assertInkKept(train, k, out.train(), k);
    // Test split: 30 distinct images of the pool (30 remaining train + 15 test), in pool order.
    assertEquals(30, out.test().count());
    int previous = -1;
    for (int k = 0; k < 30; k++) {
      int match = -1;
      for (int p = previous + 1; p < 45 && match < 0; p++) {
        LabeledImages src = p < 30 ? train : test;
        int image = p < 30 ? 10 + p : p - 30;
        if (sameInk(src, image, out.test(), k)) match = p;
      }
      assertTrue(match > previous, "test image " + k + " is a later pool image than the one before");
      LabeledImages src = match < 30 ? train : test;
      int image = match < 30 ? 10 + match : match - 30;
      assertEquals(src.label(image), out.test().label(k));
      previous = match;
    }
    assertEquals(6, out.test().rows());
    assertEquals(5, out.test().cols());
    assertEquals(ppi * 30, out.test().pixels().length);
  }

  private static boolean sameInk(LabeledImages src, int image, LabeledImages out, int k) {
    int ppi = src.pixelsPerImage();
    for (int i = 0; i < ppi; i++) {
      byte s = src.pixels()[image * ppi + i];
      if (s != 0 && out.pixels()[k * ppi + i] != s) return false;
    }
    return true;
  }

  private static void assertInkKept(LabeledImages src, int image, LabeledImages out, int k) {
    assertTrue(sameInk(src, image, out, k), "ink of image " + image + " kept exactly");
  }

  @Test
  void backgroundPixelsAreUniformOnZeroTo255() {
    LabeledImages big = TestFiles.digits("big/train", 200, 16, 16, 0);
    LabeledImages none = TestFiles.digits("big/test", 1, 16, 16, 0);
    DatasetSplit out = MnistBackrand.generate(big, none, 200, 0, MnistBackrand.SEED);
    int[] counts = new int[256];
    long sum = 0;
    int n = 0;
    for (int i = 0; i < big.pixels().length; i++) {
      if (big.pixels()[i] != 0) continue;
      int v = out.train().pixels()[i] & 0xFF;
      counts[v]++;
      sum += v;
      n++;
    }
    double mean = (double) sum / n;
    assertTrue(n > 40_000, "enough background pixels: " + n);
    assertEquals(127.5, mean, 2.0, "mean of uniform [0,255]");
    double expected = n / 256.0;
    double chi2 = 0;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    // 255 degrees of freedom: mean 255, sd 22.6; 400 is beyond 6 sd.
    assertTrue(chi2 < 400, "chi-square " + chi2);
    assertTrue(Arrays.stream(counts).allMatch(c -> c > 0), "every value 0..255 occurs");
  }

  @Test
  void boundedIsInRangeAndUniform() {
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(1L);
    for (int n : new int[] {1, 2, 7, 1000, 58_000, Integer.MAX_VALUE}) {
      for (int i = 0; i < 1000; i++) {
        int v = MnistBackrand.bounded(rng, n);
        assertTrue(v >= 0 && v < n, v + " outside [0, " + n + ")");
      }
    }
    int[] counts = new int[3];
    for (int i = 0; i < 30_000; i++) counts[MnistBackrand.bounded(rng, 3)]++;
    for (int c : counts) assertEquals(10_000, c, 400);
    assertThrows(IllegalArgumentException.class, () -> MnistBackrand.bounded(rng, 0));
  }

  @Test
  void rejectsImpossibleCountsAndMismatchedShapes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistBackrand.generate(train, test, 10, 46, 1));
    assertTrue(e.getMessage().contains("testCount 46 is outside [0, 45]"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> MnistBackrand.generate(train, test, 41, 0, 1));
    LabeledImages other = TestFiles.digits("o", 3, 5, 6, 0);
    assertThrows(IllegalArgumentException.class, () -> MnistBackrand.generate(train, other, 10, 3, 1));
    // The whole pool can be taken.
    assertEquals(45, MnistBackrand.generate(train, test, 10, 45, 1).test().count());
  }

  /** Runs only where the real MNIST is in the data folder: the generator must hit the pinned bytes. */
  @Test
  void realMnistGivesThePinnedFiles() throws Exception {
    DataHome home = DataHome.fromEnvironment();
    Mnist mnist = new Mnist();
    Assumptions.assumeTrue(mnist.allPresent(home), "real MNIST not in " + home);
    DatasetSplit mn = mnist.read(home); // verifies the MNIST pins too
    assertEquals(60_000, mn.train().count());
    assertEquals(10_000, mn.test().count());
    assertArrayEquals(new byte[] {5, 0, 4, 1, 9, 2, 1, 3, 1, 4}, Arrays.copyOf(mn.train().labels(), 10));
    DatasetSplit br = MnistBackrand.generate(mn.train(), mn.test(), MnistBackrand.TRAIN_COUNT, MnistBackrand.TEST_COUNT, MnistBackrand.SEED);
    List<Path> written = MnistBackrand.write(br, dir);
    for (int i = 0; i < 4; i++) {
      assertEquals(MnistBackrand.FILES.get(i).sha256(), FileOps.sha256(written.get(i)), MnistBackrand.FILES.get(i).fileName());
      assertEquals(MnistBackrand.FILES.get(i).size(), Files.size(written.get(i)));
    }
    assertNotEquals(mn.train().pixels()[0], br.train().pixels()[0], "the corner pixel is background, now random");
  }
}
