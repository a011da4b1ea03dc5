package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFolderTest {
  @TempDir Path dir;

  @Test
  void findsTheFourFilesByNameAndCountsClasses() throws Exception {
    TestFiles.write(dir.resolve("fashion-train-images-idx3-ubyte"), TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[8]));
    TestFiles.write(dir.resolve("fashion-train-labels-idx1-ubyte"), TestFiles.idx(IdxReader.LABELS_MAGIC, new int[] {2}, new byte[] {0, 11}));
    TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 2, 2}, new byte[4]));
    TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), TestFiles.idx(IdxReader.LABELS_MAGIC, new int[] {1}, new byte[] {3}));
    DatasetSplit s = IdxFolder.read(dir);
    assertEquals(12, s.train().classes());
    assertEquals(2, s.train().count());
    assertEquals(4, IdxFolder.checksums(dir).size());
  }

  @Test
  void aMissingFileIsNamedWithWhatWasFound() throws Exception {
    TestFiles.write(dir.resolve("train-images-idx3-ubyte"), TestFiles.idx(IdxReader.IMAGES_MAGIC, new int[] {1, 1, 1}, new byte[1]));
    String m = assertThrows(IllegalArgumentException.class, () -> IdxFolder.read(dir)).getMessage();
    assertTrue(m.contains("*train*labels*") && m.contains("train-images-idx3-ubyte"), m);
  }
}
