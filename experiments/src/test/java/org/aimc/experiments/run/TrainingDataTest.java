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
}
