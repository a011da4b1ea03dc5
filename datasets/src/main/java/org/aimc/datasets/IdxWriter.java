package org.aimc.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Writes IDX files of unsigned bytes (the format {@link IdxReader} reads), atomically. */
public final class IdxWriter {
  private IdxWriter() {}

  /** Writes {@code pixels.length / (rows·cols)} images of {@code rows × cols} to {@code file}. */
  public static void writeImages(Path file, int rows, int cols, byte[] pixels) {
    if (rows <= 0 || cols <= 0 || pixels.length % ((long) rows * cols) != 0)
      throw new IllegalArgumentException(pixels.length + " pixels do not make whole images of " + rows + "×" + cols);
    int count = (int) (pixels.length / ((long) rows * cols));
    FileOps.writeAtomically(file, out -> write(out, IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels));
  }

  /** Writes {@code labels} (each an unsigned byte) to {@code file}. */
  public static void writeLabels(Path file, byte[] labels) {
    FileOps.writeAtomically(file, out -> write(out, IdxReader.LABELS_MAGIC, new int[] {labels.length}, labels));
  }

  /** Writes both files of a {@link LabeledImages}. */
  public static void write(LabeledImages images, Path imagesFile, Path labelsFile) {
    writeImages(imagesFile, images.rows(), images.cols(), images.pixels());
    writeLabels(labelsFile, images.labels());
  }

  private static void write(OutputStream out, int magic, int[] dims, byte[] data) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(4 + 4 * dims.length); // big-endian by default
    head.putInt(magic);
    for (int d : dims) head.putInt(d);
    out.write(head.array());
    out.write(data);
  }
}
