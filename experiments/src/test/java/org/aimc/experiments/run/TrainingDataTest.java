package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import org.aimc.datasets.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 31: labels that give more classes than the network has are explained, not answered with "make the last layer wider". */
class TrainingDataTest {
  @TempDir Path dir;

  private Path features(int[] trainY, int[] testY) {
    Npy.writeFloat32(dir.resolve("train_x.npy"), new float[trainY.length * 2], trainY.length, 2);
    Npy.writeInt32(dir.resolve("train_y.npy"), trainY);
    Npy.writeFloat32(dir.resolve("test_x.npy"), new float[testY.length * 2], testY.length, 2);
    Npy.writeInt32(dir.resolve("test_y.npy"), testY);
    return dir;
  }

  private String refusal(int[] trainY, int[] testY, String network) {
    Path d = features(trainY, testY);
    TrainSpec spec = new TrainSpec("features:" + d, network, "software", List.of(), 1, 1, 2);
    return assertThrows(IllegalArgumentException.class, () -> TrainingData.load(spec, name -> null)).getMessage();
  }

  @Test
  void oneBasedLabelsAreNamed() {
    String m = refusal(new int[] {1, 2, 3, 1, 2, 3, 1, 2}, new int[] {1, 2, 3}, "2-3");
    assertTrue(m.contains("has 4 classes: the labels run from 1 to 3 and no example has label 0: labels must be class numbers from 0"
        + " (for 1-based labels, save y - 1)"), m);
    assertFalse(m.contains("make the last layer"), m);
  }

  @Test
  void aClassOnlyTheTestSetHasIsNamed() {
    String m = refusal(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, new int[] {0, 1, 3}, "2-3");
    assertTrue(m.contains("the test labels go up to 3, the training labels only to 2: class 3 appears only in the test set"), m);
  }

  @Test
  void plainlyMoreClassesStillSaysHowWide() {
    String m = refusal(new int[] {0, 1, 2, 3, 0, 1, 2, 3}, new int[] {0, 1, 3}, "2-3");
    assertTrue(m.contains("has 4 classes; make the last layer 4 wide"), m);
  }

  /** Issue 31: a cifar100:DIR folder of the user's holds out a sixth, as the help says; CIFAR-10 keeps its 5,000. */
  @Test
  void validationDefaultsFollowTheHelp() {
    assertNull(FeatureSets.validation("cifar100:/some/folder", null));
    assertEquals(5_000, FeatureSets.validation("cifar10", null));
    assertEquals(300, FeatureSets.validation("cifar100:/some/folder", 300));
    assertNull(FeatureSets.validation("idx:mine", null));
  }

  /**
   * Issue 27: on a Spark executor of another host the driver's feature folder does not exist; the
   * run, named by the driver's path, reads the copy Spark shipped, and records the same hashes.
   */
  @Test
  void aShippedFeatureFolderIsReadUnderTheDriversName() {
    Path copy = features(new int[] {0, 1, 0, 1, 0, 1, 0, 1}, new int[] {0, 1});
    Path named = dir.resolve("on-the-driver-only");
    assertThrows(IllegalArgumentException.class, () -> TrainingData.canonicalName("features:" + named));
    TrainingData.shipped(named, copy);
    TrainSpec spec = new TrainSpec("features:" + named, "2-2", "software", List.of(), 1, 1, 2);
    assertEquals("features:" + named, spec.dataset());
    TrainingData.Loaded data = TrainingData.load(spec, name -> null);
    assertEquals(6, data.train().count());
    assertEquals(TrainingData.checksums("features:" + copy, name -> null), data.checksums());
    assertEquals(copy, TrainingData.dataFiles("features:" + named, null).folder());
  }

  /**
   * Issue 31: a large feature file is held in memory once more at most while a run loads it (the
   * file's array, then the training and validation parts copied and scaled in one pass, the test
   * split scaled where it was read), not three times (subsets, then scaled copies of them). Counted
   * as bytes this thread allocates while loading: the file's 16.4 MB training values and 0.8 MB test
   * values are read, the parts copied once (16.4 MB), plus about 4.5 MB of read buffers (1 MB per
   * .npy file); allowed: the files and 1.5 copies (41.8 MB). Before: 16.4 + 0.8 + 16.4 (subsets)
   * + 16.4 (scaled subsets) + 0.8 (scaled test) + buffers, about 55 MB.
   */
  @Test
  void aFeatureFileIsCopiedOnceWhileLoading() {
    int train = 2_000, test = 100, d = 2_048;
    java.util.SplittableRandom r = new java.util.SplittableRandom(7);
    float[] x = new float[train * d];
    for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
    int[] y = new int[train];
    for (int i = 0; i < train; i++) y[i] = i % 10;
    Npy.writeFloat32(dir.resolve("train_x.npy"), x, train, d);
    Npy.writeInt32(dir.resolve("train_y.npy"), y);
    Npy.writeFloat32(dir.resolve("test_x.npy"), java.util.Arrays.copyOf(x, test * d), test, d);
    Npy.writeInt32(dir.resolve("test_y.npy"), java.util.Arrays.copyOf(y, test));
    TrainSpec spec = new TrainSpec("features:" + dir, d + "-10", "software", List.of(), 1, 1, 200);
    TrainingData.load(spec, name -> null); // classes loaded, JIT warmed: the count below is the data's
    var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    TrainingData.Loaded data = TrainingData.load(spec, name -> null);
    double allocatedMb = (threads.getCurrentThreadAllocatedBytes() - before) / 1e6;
    double fileMb = 4.0 * (train + test) * d / 1e6;
    assertTrue(allocatedMb < fileMb + 1.5 * 4.0 * train * d / 1e6, String.format(java.util.Locale.ROOT,
        "%.1f MB allocated to load %.1f MB of features: more than one copy", allocatedMb, fileMb));
    assertEquals(1_800, data.train().count());
    assertEquals(200, data.validation().count());
    assertEquals(test, data.test().count());
  }
}
