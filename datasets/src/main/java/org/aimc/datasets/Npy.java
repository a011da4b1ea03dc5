package org.aimc.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1.0–3.0), the exchange format for features made
 * elsewhere: a magic string, a version, a header length, a Python-literal header
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }} padded to 64 bytes, then the
 * data in C order. Reads little-endian float32/float64 and signed/unsigned integer arrays of one or
 * two dimensions; writes float32 matrices and int32 vectors. Every failure names the file and what
 * is wrong.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** An array read from a {@code .npy} file, widened to double: {@code shape} and its values in C order. */
  public record Array(Path file, String dtype, int[] shape, double[] values) {
    public int rows() {
      return shape.length == 0 ? 1 : shape[0];
    }

    /** Values per row: the product of every dimension after the first (1 for a vector). */
    public int columns() {
      int c = 1;
      for (int i = 1; i < shape.length; i++) c *= shape[i];
      return c;
    }

    /** The shape as NumPy prints it, e.g. "(50000, 576)". */
    public String shapeText() {
      if (shape.length == 1) return "(" + shape[0] + ",)";
      return "(" + String.join(", ", Arrays.stream(shape).mapToObj(Integer::toString).toList()) + ")";
    }
  }

  /** Reads a whole {@code .npy} file. */
  public static Array read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC))
      throw bad(file, "not a NumPy .npy file (it does not begin with \\x93NUMPY); write it with numpy.save");
    int major = bytes[6];
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength;
    int dataStart;
    if (major == 1) {
      headerLength = b.getShort(8) & 0xFFFF;
      dataStart = 10 + headerLength;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) throw bad(file, "truncated header");
      headerLength = b.getInt(8);
      dataStart = 12 + headerLength;
    } else {
      throw bad(file, "format version " + major + " is not one aimc reads (1, 2 or 3)");
    }
    if (headerLength < 0 || dataStart > bytes.length) throw bad(file, "truncated header");
    String header = new String(bytes, dataStart - headerLength, headerLength, StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, file, "descr");
    if ("True".equals(group(FORTRAN, header, file, "fortran_order")))
      throw bad(file, "stored in Fortran order; save a C-ordered array (numpy.ascontiguousarray)");
    int[] shape = parseShape(group(SHAPE, header, file, "shape"), file);
    if (shape.length < 1 || shape.length > 2)
      throw bad(file, "has " + shape.length + " dimensions; aimc reads vectors (N,) and matrices (N, D)");
    long count = 1;
    for (int d : shape) count *= d;
    int width = elementBytes(descr, file);
    long expected = count * width;
    if (bytes.length - dataStart != expected)
      throw bad(file, String.format(Locale.ROOT, "holds %,d data bytes, but shape %s of %s needs %,d (truncated or padded)",
          bytes.length - dataStart, Arrays.toString(shape), descr, expected));
    if (count > Integer.MAX_VALUE - 8) throw bad(file, "too large: " + count + " values");
    double[] v = new double[(int) count];
    b.position(dataStart);
    for (int i = 0; i < v.length; i++) v[i] = readOne(b, descr);
    return new Array(file, descr, shape, v);
  }

  private static String group(Pattern p, String header, Path file, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) throw bad(file, "header has no '" + key + "': " + header.strip());
    return m.group(1);
  }

  private static int[] parseShape(String s, Path file) {
    String[] parts = s.split(",");
    int[] out = new int[parts.length];
    int n = 0;
    for (String p : parts) {
      String t = p.strip();
      if (t.isEmpty()) continue;
      try {
        out[n++] = Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
      } catch (NumberFormatException e) {
        throw bad(file, "shape (" + s + ") is not a tuple of whole numbers");
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int elementBytes(String descr, Path file) {
    switch (descr) {
      case "<f4": case "<i4": case "<u4": return 4;
      case "<f8": case "<i8": case "<u8": return 8;
      case "<i2": case "<u2": return 2;
      case "|u1": case "|i1": case "|b1": return 1;
      default: throw bad(file, "dtype '" + descr + "' is not one aimc reads (little-endian float32/64 or integers: <f4, <f8, <i8, <i4, |u1 …)");
    }
  }

  private static double readOne(ByteBuffer b, String descr) {
    switch (descr) {
      case "<f4": return b.getFloat();
      case "<f8": return b.getDouble();
      case "<i4": return b.getInt();
      case "<u4": return b.getInt() & 0xFFFFFFFFL;
      case "<i8": case "<u8": return b.getLong();
      case "<i2": return b.getShort();
      case "<u2": return b.getShort() & 0xFFFF;
      case "|i1": return b.get();
      default: return b.get() & 0xFF;
    }
  }

  private static IllegalArgumentException bad(Path file, String problem) {
    return new IllegalArgumentException(file + ": " + problem);
  }

  /** Writes a float32 matrix {@code rows × cols} (C order), atomically. */
  public static void writeFloat32(Path file, float[] values, int rows, int cols) {
    if ((long) rows * cols != values.length)
      throw new IllegalArgumentException(values.length + " values do not make a " + rows + "×" + cols + " matrix");
    ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : values) data.putFloat(f);
    write(file, "<f4", "(" + rows + ", " + cols + ")", data.array());
  }

  /** Writes an int32 vector, atomically. */
  public static void writeInt32(Path file, int[] values) {
    ByteBuffer data = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : values) data.putInt(v);
    write(file, "<i4", "(" + values.length + ",)", data.array());
  }

  /** Writes a version-1.0 file with the given dtype, shape text and raw little-endian data (tests use it for odd files). */
  public static void write(Path file, String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    int unpadded = 10 + dict.length() + 1;
    int total = (unpadded + 63) / 64 * 64;
    StringBuilder h = new StringBuilder(dict);
    while (10 + h.length() + 1 < total) h.append(' ');
    h.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream(10 + h.length() + data.length);
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    out.write(h.length() & 0xFF);
    out.write((h.length() >>> 8) & 0xFF);
    out.writeBytes(h.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(data);
    FileOps.writeAtomically(file, o -> out.writeTo(o));
  }
}
