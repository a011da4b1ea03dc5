package org.aimc.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Reads IDX files (LeCun's MNIST format) strictly: a 4-byte magic number {@code 0x0000TTDD}
 * (type {@code TT} must be {@code 0x08}, unsigned byte; {@code DD} dimensions: 3 for images, 1 for
 * labels), one big-endian int per dimension, then the data, and nothing after it. The file length
 * must equal the header's promise exactly; labels must lie in {@code [0, classes)}; the image and
 * label files must agree on the count. Every failure is a {@link DataFileException} that names the
 * file, what is wrong and the command that fetches it again.
 *
 * <p>Each read also computes the SHA-256 of the whole file in the same pass, so verifying a
 * checksum on load costs no second read.
 */
public final class IdxReader {
  /** Magic number of an IDX file of unsigned-byte images: type 0x08, 3 dimensions. */
  public static final int IMAGES_MAGIC = 0x00000803;
  /** Magic number of an IDX file of unsigned-byte labels: type 0x08, 1 dimension. */
  public static final int LABELS_MAGIC = 0x00000801;

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxReader() {}

  /** The header of an IDX file: its magic number and its dimensions (first = item count). */
  public record Header(int magic, int[] dims) {
    /** Number of data bytes the header promises (the product of the dimensions). */
    public long dataBytes() {
      long n = 1;
      for (int d : dims) n *= d;
      return n;
    }

    /** Length of the whole file the header promises. */
    public long fileBytes() {
      return 4L + 4L * dims.length + dataBytes();
    }
  }

  /** Images read from an IDX file, with the SHA-256 (lower-case hex) of the whole file. */
  public record Images(int count, int rows, int cols, byte[] pixels, String sha256) {}

  /** Labels read from an IDX file, with the SHA-256 (lower-case hex) of the whole file. */
  public record Labels(byte[] labels, String sha256) {}

  /**
   * Reads a pair of image and label files into one {@link LabeledImages}.
   *
   * @param name data set and split, e.g. "mnist/train"
   * @param classes labels must lie in {@code [0, classes)}
   * @param fetchCommand named in every error, e.g. "aimc data fetch mnist"
   * @throws DataFileException if either file is missing, malformed, or the counts differ
   */
  public static LabeledImages read(String name, Path imagesFile, Path labelsFile, int classes, String fetchCommand) {
    Images images = readImages(imagesFile, fetchCommand);
    Labels labels = readLabels(labelsFile, classes, fetchCommand);
    return combine(name, images, labels, imagesFile, labelsFile, classes, fetchCommand);
  }

  static LabeledImages combine(String name, Images images, Labels labels, Path imagesFile, Path labelsFile, int classes, String fetchCommand) {
    if (images.count() != labels.labels().length)
      throw new DataFileException(labelsFile, String.format(Locale.ROOT,
          "holds %d labels but %s holds %d images", labels.labels().length, imagesFile, images.count()), fetchCommand);
    return new LabeledImages(name, images.rows(), images.cols(), images.pixels(), labels.labels(), classes);
  }

  /** Reads and validates only the header of an IDX file, and checks the file's length against it. */
  public static Header readHeader(Path file, int expectedMagic, String fetchCommand) {
    try (InputStream in = open(file, fetchCommand)) {
      return header(file, in, expectedMagic, Files.size(file), null, fetchCommand);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an IDX file of unsigned-byte images ({@code count × rows × cols}). */
  public static Images readImages(Path file, String fetchCommand) {
    MessageDigest md = FileOps.digest("SHA-256");
    try (InputStream in = open(file, fetchCommand)) {
      Header h = header(file, in, IMAGES_MAGIC, Files.size(file), md, fetchCommand);
      byte[] pixels = payload(file, in, h, md, fetchCommand);
      return new Images(h.dims()[0], h.dims()[1], h.dims()[2], pixels, HexFormat.of().formatHex(md.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads an IDX file of unsigned-byte labels, each in {@code [0, classes)}. */
  public static Labels readLabels(Path file, int classes, String fetchCommand) {
    if (classes < 1 || classes > 256) throw new IllegalArgumentException("classes must be in [1, 256], not " + classes);
    MessageDigest md = FileOps.digest("SHA-256");
    try (InputStream in = open(file, fetchCommand)) {
      Header h = header(file, in, LABELS_MAGIC, Files.size(file), md, fetchCommand);
      byte[] labels = payload(file, in, h, md, fetchCommand);
      for (int i = 0; i < labels.length; i++) {
        int label = labels[i] & 0xFF;
        if (label >= classes)
          throw new DataFileException(file, String.format(Locale.ROOT,
              "label %d of item %d is outside [0, %d)", label, i, classes), fetchCommand);
      }
      return new Labels(labels, HexFormat.of().formatHex(md.digest()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static InputStream open(Path file, String fetchCommand) throws IOException {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw new DataFileException(file, "missing", fetchCommand);
    }
  }

  private static Header header(Path file, InputStream in, int expectedMagic, long fileBytes, MessageDigest md, String fetchCommand)
      throws IOException {
    int expectedDims = expectedMagic & 0xFF;
    String kind = expectedMagic == IMAGES_MAGIC ? "images" : "labels";
    byte[] head = in.readNBytes(4);
    if (head.length < 4)
      throw new DataFileException(file, "truncated: " + fileBytes + " bytes, too short for an IDX header", fetchCommand);
    int magic = toInt(head, 0);
    if (head[0] != 0 || head[1] != 0)
      throw new DataFileException(file, String.format(Locale.ROOT,
          "not an IDX file: magic number 0x%08X, expected 0x%08X (%s)", magic, expectedMagic, kind), fetchCommand);
    if ((head[2] & 0xFF) != UNSIGNED_BYTE)
      throw new DataFileException(file, String.format(Locale.ROOT,
          "IDX data type 0x%02X is not unsigned byte (0x08): magic number 0x%08X, expected 0x%08X (%s)",
          head[2] & 0xFF, magic, expectedMagic, kind), fetchCommand);
    if (magic != expectedMagic)
      throw new DataFileException(file, String.format(Locale.ROOT,
          "magic number 0x%08X (%d dimensions), expected 0x%08X (%s, %d dimensions)%s", magic, head[3] & 0xFF,
          expectedMagic, kind, expectedDims,
          magic == IMAGES_MAGIC ? ": this is an images file" : magic == LABELS_MAGIC ? ": this is a labels file" : ""),
          fetchCommand);
    byte[] dimBytes = in.readNBytes(4 * expectedDims);
    if (dimBytes.length < 4 * expectedDims)
      throw new DataFileException(file, "truncated: " + fileBytes + " bytes, too short for its "
          + expectedDims + "-dimension IDX header", fetchCommand);
    int[] dims = new int[expectedDims];
    for (int i = 0; i < expectedDims; i++) {
      dims[i] = toInt(dimBytes, 4 * i);
      boolean ok = i == 0 ? dims[i] >= 0 : dims[i] > 0;
      if (!ok)
        throw new DataFileException(file, String.format(Locale.ROOT,
            "dimension %d of the header is %d (read as unsigned: %d), which is not a valid size",
            i, dims[i], Integer.toUnsignedLong(dims[i])), fetchCommand);
    }
    Header h = new Header(magic, dims);
    if (h.dataBytes() > Integer.MAX_VALUE - 16)
      throw new DataFileException(file, "header promises " + h.dataBytes() + " data bytes, more than one array holds", fetchCommand);
    long expected = h.fileBytes();
    if (fileBytes != expected) {
      // The header's counts and the file's length disagree: either the file is cut short (or has
      // extra bytes) or the header's counts are wrong; say both, not "truncated" alone.
      String what = fileBytes < expected ? "shorter" : "longer";
      throw new DataFileException(file, String.format(Locale.ROOT,
          "%d bytes, %s than the %d bytes its header promises for %s: the file is %s or its header's counts are wrong",
          fileBytes, what, expected, describe(dims), fileBytes < expected ? "truncated" : "padded"), fetchCommand);
    }
    if (md != null) {
      md.update(head);
      md.update(dimBytes);
    }
    return h;
  }

  private static byte[] payload(Path file, InputStream in, Header h, MessageDigest md, String fetchCommand) throws IOException {
    byte[] data = new byte[(int) h.dataBytes()];
    int n = in.readNBytes(data, 0, data.length);
    // The length was checked against the header; these catch a file that changed while being read.
    if (n < data.length)
      throw new DataFileException(file, "truncated while reading: " + n + " of " + data.length + " data bytes", fetchCommand);
    if (in.read() != -1)
      throw new DataFileException(file, "trailing bytes appeared while reading: expected " + h.fileBytes() + " bytes", fetchCommand);
    md.update(data);
    return data;
  }

  private static String describe(int[] dims) {
    if (dims.length == 3) return String.format(Locale.ROOT, "%d images of %d×%d", dims[0], dims[1], dims[2]);
    if (dims.length == 1) return dims[0] + " labels";
    return java.util.Arrays.toString(dims);
  }

  private static int toInt(byte[] b, int at) {
    return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
