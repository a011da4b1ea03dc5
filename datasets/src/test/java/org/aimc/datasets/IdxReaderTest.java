package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
  private static final String FETCH = "aimc data fetch mnist";
  @TempDir Path dir;

  private final byte[] pixels = pattern(5 * 4 * 3);
  private final byte[] labels = {0, 9, 3, 3, 7};

  private static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (i * 37);
    return b;
  }

  private Path images(byte[] bytes) throws IOException {
    return TestFiles.write(dir.resolve("imgs-idx3-ubyte"), bytes);
  }

  private Path labelsFile(byte[] bytes) throws IOException {
    return TestFiles.write(dir.resolve("labels-idx1-ubyte"), bytes);
  }

  private byte[] validImages() {
    return TestFiles.idx(0x00000803, new int[] {5, 4, 3}, pixels);
  }

  private byte[] validLabels() {
    return TestFiles.idx(0x00000801, new int[] {5}, labels);
  }

  /** Asserts the error names the file, contains {@code what}, and gives the fetch command. */
  private static DataFileException assertDataError(Path file, String what, Runnable read) {
    DataFileException e = assertThrows(DataFileException.class, read::run);
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains(what), e.getMessage());
    assertTrue(e.getMessage().endsWith("fetch it again with: " + FETCH), e.getMessage());
    assertEquals(file, e.file());
    assertTrue(e instanceof IllegalArgumentException);
    return e;
  }

  @Test
  void readsValidFilesAndHashesThemInTheSamePass() throws Exception {
    Path img = images(validImages());
    Path lab = labelsFile(validLabels());
    LabeledImages li = IdxReader.read("toy/train", img, lab, 10, FETCH);
    assertEquals(5, li.count());
    assertEquals(4, li.rows());
    assertEquals(3, li.cols());
    assertArrayEquals(pixels, li.pixels());
    assertArrayEquals(labels, li.labels());
    assertEquals(FileOps.sha256(img), IdxReader.readImages(img, FETCH).sha256());
    assertEquals(FileOps.sha256(lab), IdxReader.readLabels(lab, 10, FETCH).sha256());
    IdxReader.Header h = IdxReader.readHeader(img, IdxReader.IMAGES_MAGIC, FETCH);
    assertArrayEquals(new int[] {5, 4, 3}, h.dims());
    assertEquals(Files.size(img), h.fileBytes());
  }

  @Test
  void writerAndReaderAgree() throws Exception {
    Path img = dir.resolve("w-images");
    Path lab = dir.resolve("w-labels");
    IdxWriter.writeImages(img, 4, 3, pixels);
    IdxWriter.writeLabels(lab, labels);
    assertArrayEquals(validImages(), Files.readAllBytes(img));
    assertArrayEquals(validLabels(), Files.readAllBytes(lab));
    try (var s = Files.list(dir)) {
      assertEquals(2, s.count(), "no temporary file left behind");
    }
  }

  @Test
  void rejectsWrongMagicNumbers() throws Exception {
    Path img = images(TestFiles.idx(0x12345678, new int[] {5, 4, 3}, pixels));
    assertDataError(img, "not an IDX file: magic number 0x12345678, expected 0x00000803", () -> IdxReader.readImages(img, FETCH));

    Path floats = images(TestFiles.idx(0x00000D03, new int[] {5, 4, 3}, pixels));
    assertDataError(floats, "data type 0x0D is not unsigned byte (0x08)", () -> IdxReader.readImages(floats, FETCH));

    Path labelsAsImages = images(validLabels());
    assertDataError(labelsAsImages, "this is a labels file", () -> IdxReader.readImages(labelsAsImages, FETCH));

    Path lab = labelsFile(validImages());
    assertDataError(lab, "expected 0x00000801 (labels, 1 dimensions): this is an images file", () -> IdxReader.readLabels(lab, 10, FETCH));
  }

  @Test
  void rejectsTruncatedFiles() throws Exception {
    byte[] ok = validImages();
    Path img = images(Arrays.copyOf(ok, ok.length - 1));
    assertDataError(img, "75 bytes, shorter than the 76 bytes its header promises for 5 images of 4×3: the file is truncated or its header's counts are wrong",
        () -> IdxReader.readImages(img, FETCH));

    Path tiny = images(new byte[] {0, 0});
    assertDataError(tiny, "truncated: 2 bytes, too short for an IDX header", () -> IdxReader.readImages(tiny, FETCH));

    Path headerOnly = images(Arrays.copyOf(ok, 10));
    assertDataError(headerOnly, "too short for its 3-dimension IDX header", () -> IdxReader.readImages(headerOnly, FETCH));

    Path empty = images(new byte[0]);
    assertDataError(empty, "truncated", () -> IdxReader.readImages(empty, FETCH));
  }

  /** A whole file whose header counts one image too many: not "truncated" alone, since the header may be what is wrong. */
  @Test
  void wrongHeaderCountIsNotCalledTruncatedAlone() throws Exception {
    byte[] ok = validImages();
    ok[7] = 6; // 6 images promised, 5 present
    Path img = images(ok);
    DataFileException e = assertThrows(DataFileException.class, () -> IdxReader.readImages(img, FETCH));
    assertTrue(e.getMessage().contains("its header's counts are wrong"), e.getMessage());
    assertFalse(e.getMessage().contains("truncated: "), e.getMessage());
  }

  @Test
  void rejectsTrailingBytes() throws Exception {
    byte[] ok = validLabels();
    Path lab = labelsFile(Arrays.copyOf(ok, ok.length + 3));
    assertDataError(lab, "16 bytes, longer than the 13 bytes its header promises for 5 labels", () -> IdxReader.readLabels(lab, 10, FETCH));
    Path img = images(Arrays.copyOf(validImages(), 77));
    assertDataError(img, "longer than the 76 bytes its header promises", () -> IdxReader.readHeader(img, IdxReader.IMAGES_MAGIC, FETCH));
  }

  @Test
  void rejectsNegativeOrZeroDimensions() throws Exception {
    Path img = images(TestFiles.idx(0x00000803, new int[] {5, 0, 3}, new byte[0]));
    assertDataError(img, "dimension 1 of the header is 0", () -> IdxReader.readImages(img, FETCH));
    Path huge = images(TestFiles.idx(0x00000803, new int[] {-1, 4, 3}, new byte[0]));
    assertDataError(huge, "read as unsigned: 4294967295", () -> IdxReader.readImages(huge, FETCH));
  }

  @Test
  void rejectsCountMismatch() throws Exception {
    Path img = images(validImages());
    Path lab = labelsFile(TestFiles.idx(0x00000801, new int[] {4}, Arrays.copyOf(labels, 4)));
    DataFileException e = assertDataError(lab, "holds 4 labels but", () -> IdxReader.read("toy", img, lab, 10, FETCH));
    assertTrue(e.getMessage().contains(img + " holds 5 images"), e.getMessage());
  }

  @Test
  void rejectsLabelsOutOfRange() throws Exception {
    byte[] bad = labels.clone();
    bad[3] = 10;
    Path lab = labelsFile(TestFiles.idx(0x00000801, new int[] {5}, bad));
    assertDataError(lab, "label 10 of item 3 is outside [0, 10)", () -> IdxReader.readLabels(lab, 10, FETCH));
    bad[3] = (byte) 200; // unsigned, not -56
    Path lab2 = labelsFile(TestFiles.idx(0x00000801, new int[] {5}, bad));
    assertDataError(lab2, "label 200 of item 3", () -> IdxReader.readLabels(lab2, 10, FETCH));
    // The same labels are fine for a 201-class problem.
    assertEquals(200, IdxReader.readLabels(lab2, 201, FETCH).labels()[3] & 0xFF);
  }

  @Test
  void aMissingFileSaysSo() {
    Path nowhere = dir.resolve("nope-idx3-ubyte");
    assertDataError(nowhere, "missing", () -> IdxReader.readImages(nowhere, FETCH));
  }
}
