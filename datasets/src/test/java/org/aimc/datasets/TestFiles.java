package org.aimc.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small files the tests write: raw IDX bytes, synthetic MNIST-like images, tar.gz archives. */
final class TestFiles {
  private TestFiles() {}

  static byte[] idx(int magic, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.putInt(magic);
    for (int d : dims) b.putInt(d);
    b.put(data);
    return b.array();
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return Files.write(file, bytes);
  }

  /**
   * {@code count} images of {@code rows × cols} that look a little like digits: a stroke of ink
   * (values 1–255, including faint edge values) on a zero background, different for each image.
   */
  static LabeledImages digits(String name, int count, int rows, int cols, int labelOffset) {
    byte[] pixels = new byte[count * rows * cols];
    byte[] labels = new byte[count];
    for (int k = 0; k < count; k++) {
      labels[k] = (byte) ((k + labelOffset) % 10);
      for (int r = 0; r < rows; r++) {
        int c = (r * (k % 3 + 1) + k) % cols; // a slanted stroke, one per image
        pixels[(k * rows + r) * cols + c] = (byte) (255 - 7 * ((k + r) % 30));
        if (c + 1 < cols) pixels[(k * rows + r) * cols + c + 1] = (byte) (1 + (k + r) % 9); // faint edge
      }
      pixels[k * rows * cols] = (byte) (1 + k % 255); // makes each image's ink unique (k < 255)
    }
    return new LabeledImages(name, rows, cols, pixels, labels, 10);
  }

  /** One tar entry: a name, a type flag ('0' file, '5' folder, 'L' GNU long name, 'x' pax) and content. */
  record Entry(String name, char type, byte[] content) {
    static Entry file(String name, byte[] content) {
      return new Entry(name, '0', content);
    }
  }

  /** A gzip-compressed ustar archive of the entries, with correct header checksums. */
  static byte[] tgz(Entry... entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(tar(entries));
    }
    return bytes.toByteArray();
  }

  static byte[] tar(Entry... entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Entry e : entries) {
      out.writeBytes(header(e.name(), e.type(), e.content().length, null));
      out.writeBytes(e.content());
      out.writeBytes(new byte[(512 - e.content().length % 512) % 512]);
    }
    out.writeBytes(new byte[1024]); // end of archive
    return out.toByteArray();
  }

  /** A ustar header; {@code prefix} (may be null) goes into the ustar prefix field. */
  static byte[] header(String name, char type, long size, String prefix) {
    byte[] h = new byte[512];
    put(h, 0, 100, name.length() > 100 ? name.substring(0, 100) : name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0001750");
    put(h, 116, 8, "0001750");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 1_500_000_000L));
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    if (prefix != null) put(h, 345, 155, prefix);
    for (int i = 148; i < 156; i++) h[i] = ' ';
    int sum = 0;
    for (byte b : h) sum += b & 0xFF;
    put(h, 148, 8, String.format("%06o", sum));
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int off, int len, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, off, Math.min(len, b.length));
  }
}
