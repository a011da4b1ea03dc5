package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureFolderTest {
  @TempDir Path dir;

  private void write(float[] trainX, int trainN, int[] trainY, float[] testX, int testN, int[] testY, int d) {
    Npy.writeFloat32(dir.resolve("train_x.npy"), trainX, trainN, d);
    Npy.writeInt32(dir.resolve("train_y.npy"), trainY);
    Npy.writeFloat32(dir.resolve("test_x.npy"), testX, testN, d);
    Npy.writeInt32(dir.resolve("test_y.npy"), testY);
  }

  @Test
  void readsFourFilesAndCountsClassesFromTheLabels() {
    write(new float[] {1, 2, 3, 4, 5, 6}, 3, new int[] {0, 2, 1}, new float[] {7, 8}, 1, new int[] {4}, 2);
    FeatureFolder.Split s = FeatureFolder.read(dir);
    assertEquals(3, s.train().count());
    assertEquals(2, s.train().dim());
    assertEquals(5, s.train().classes());
    assertEquals(5, s.test().classes());
    assertEquals(6f, s.train().features()[5]);
    assertEquals(4, s.test().labels()[0]);
  }

  private String error() {
    return assertThrows(IllegalArgumentException.class, () -> FeatureFolder.read(dir)).getMessage();
  }

  @Test
  void badShapesLabelsAndNaNsAreRefusedNamingFileAndRow() {
    write(new float[] {1, 2, 3, 4}, 2, new int[] {0, 1, 1}, new float[] {7, 8}, 1, new int[] {0}, 2);
    assertTrue(error().contains("holds 3 labels but") , error());
    write(new float[] {1, 2, 3, 4}, 2, new int[] {0, 1}, new float[] {7, 8}, 1, new int[] {0}, 2);
    Npy.writeFloat32(dir.resolve("test_x.npy"), new float[] {7, 8, 9}, 1, 3);
    assertTrue(error().contains("same D"), error());
    write(new float[] {1, 2, 3, 4}, 2, new int[] {0, -1}, new float[] {7, 8}, 1, new int[] {0}, 2);
    assertTrue(error().contains("label -1 at row 1"), error());
    write(new float[] {1, 2, Float.NaN, 4}, 2, new int[] {0, 1}, new float[] {7, 8}, 1, new int[] {0}, 2);
    assertTrue(error().contains("row 1, column 0"), error());
    write(new float[] {1, 2, 3, 4}, 2, new int[] {0, 1}, new float[] {7, 8}, 1, new int[] {0}, 2);
    Npy.writeFloat32(dir.resolve("train_y.npy"), new float[] {0, 1}, 2, 1);
    assertTrue(error().contains("labels must be integers"), error());
    Npy.writeInt32(dir.resolve("train_x.npy"), new int[] {1, 2});
    assertTrue(error().contains("must be a matrix"), error());
  }

  @Test
  void aMissingFileIsNamed() {
    String m = assertThrows(IllegalArgumentException.class, () -> FeatureFolder.read(dir)).getMessage();
    assertTrue(m.contains("train_x.npy is missing"), m);
  }
}
