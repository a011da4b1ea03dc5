package org.aimc.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

  /**
   * An array read from a {@code .npy} file, narrowed to float32 (what the trainers take; labels are
   * checked as small whole numbers, which float32 holds exactly): {@code shape} and its values in C order.
   */
  public record Array(Path file, String dtype, int[] shape, float[] data) {
    public int rows() {
      return shape.length == 0 ? 1 : shape[0];
    }

    /** The values widened to double (a copy: for small arrays such as labels). */
    public double[] values() {
      double[] v = new double[data.length];
      for (int i = 0; i < v.length; i++) v[i] = data[i];
      return v;
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

  /** Longest header aimc reads; NumPy writes a few hundred bytes. */
  static final int MAX_HEADER = 1 << 20;

  /**
   * Reads a whole {@code .npy} file, streaming its data into one float[] (never holding the bytes and
   * a wider copy at once). Sizes are long arithmetic: a header that claims more than the file holds,
   * a negative dimension or more than 2^31 values is refused with what is wrong; so is a file too
   * large for the memory Java may use, with how to give it more ({@code AIMC_JAVA_OPTS=-Xmx…}).
   */
  public static Array read(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, head, 0);
      if (head.position() < 10 || !Arrays.equals(Arrays.copyOf(head.array(), 6), MAGIC))
        throw bad(file, "not a NumPy .npy file (it does not begin with \\x93NUMPY); write it with numpy.save");
      int major = head.get(6);
      long headerLength;
      long dataStart;
      if (major == 1) {
        headerLength = head.getShort(8) & 0xFFFF;
        dataStart = 10 + headerLength;
      } else if (major == 2 || major == 3) {
        if (head.position() < 12) throw bad(file, "truncated header");
        headerLength = head.getInt(8) & 0xFFFFFFFFL;
        dataStart = 12 + headerLength;
      } else {
        throw bad(file, "format version " + major + " is not one aimc reads (1, 2 or 3)");
      }
      if (headerLength > MAX_HEADER)
        throw bad(file, String.format(Locale.ROOT, "the header claims %,d bytes (NumPy writes a few hundred): the file is damaged or not a .npy file", headerLength));
      if (dataStart > size)
        throw bad(file, String.format(Locale.ROOT, "truncated header: it claims %,d bytes, the file holds %,d", headerLength, size - (dataStart - headerLength)));
      ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
      readFully(ch, hb, dataStart - headerLength);
      String header = new String(hb.array(), StandardCharsets.ISO_8859_1);
      if (STRUCTURED.matcher(header).find())
        throw bad(file, "a structured dtype (named fields, a record array): " + header.strip() + "; save a plain numeric array,"
            + " e.g. numpy.save(f, x['features'].astype(numpy.float32))");
      String descr = group(DESCR, header, file, "descr");
      if ("True".equals(group(FORTRAN, header, file, "fortran_order")))
        throw bad(file, "stored in Fortran order; save a C-ordered array (numpy.ascontiguousarray)");
      long[] dims = parseShape(group(SHAPE, header, file, "shape"), file);
      if (dims.length < 1 || dims.length > 2)
        throw bad(file, "has " + dims.length + " dimensions; aimc reads vectors (N,) and matrices (N, D)");
      long count = 1;
      for (long d : dims) {
        if (d < 0) throw bad(file, "shape " + Arrays.toString(dims) + " has a negative dimension; the header is damaged");
        if (d > Integer.MAX_VALUE) throw bad(file, String.format(Locale.ROOT, "dimension %,d is larger than aimc reads (2^31 - 1)", d));
        try {
          count = Math.multiplyExact(count, d);
        } catch (ArithmeticException e) {
          throw bad(file, "shape " + Arrays.toString(dims) + " overflows: the header is damaged");
        }
      }
      int width = elementBytes(descr, file);
      long expected;
      try {
        expected = Math.multiplyExact(count, width);
      } catch (ArithmeticException e) {
        throw bad(file, "shape " + Arrays.toString(dims) + " overflows: the header is damaged");
      }
      if (size - dataStart != expected)
        throw bad(file, String.format(Locale.ROOT, "holds %,d data bytes, but shape %s of %s needs %,d (truncated or padded)",
            size - dataStart, Arrays.toString(dims), descr, expected));
      if (count > Integer.MAX_VALUE - 8)
        throw bad(file, String.format(Locale.ROOT, "too large: %,d values; aimc reads at most %,d per file (split the examples over several runs)",
            count, Integer.MAX_VALUE - 8));
      float[] v = allocate(file, (int) count);
      ByteBuffer chunk = ByteBuffer.allocate(Math.max(width, (1 << 20) / width * width)).order(ByteOrder.LITTLE_ENDIAN);
      long at = dataStart;
      int i = 0;
      while (i < v.length) {
        chunk.clear();
        chunk.limit((int) Math.min(chunk.capacity(), (long) (v.length - i) * width));
        readFully(ch, chunk, at);
        if (chunk.position() != chunk.limit()) throw bad(file, "truncated while reading (the file shrank?)");
        at += chunk.position();
        chunk.flip();
        while (chunk.hasRemaining()) v[i++] = (float) readOne(chunk, descr);
      }
      int[] shape = new int[dims.length];
      for (int k = 0; k < dims.length; k++) shape[k] = (int) dims[k];
      return new Array(file, descr, shape, v);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such file");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static final Pattern STRUCTURED = Pattern.compile("'descr'\\s*:\\s*\\[");

  /** {@code count} floats, or a message naming the memory they need and how to give Java more. */
  private static float[] allocate(Path file, int count) {
    long need = 4L * count;
    Runtime rt = Runtime.getRuntime();
    if (need > rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) {
      // "Used" counts garbage too (an earlier read of the same folder, e.g. for its shape): collect once before refusing.
      System.gc();
      if (need > rt.maxMemory() - (rt.totalMemory() - rt.freeMemory())) throw tooBig(file, count, need);
    }
    try {
      return new float[count];
    } catch (OutOfMemoryError e) {
      throw tooBig(file, count, need);
    }
  }

  private static IllegalStateException tooBig(Path file, int count, long need) {
    long gb = Math.max(2, (long) Math.ceil(3.0 * need / (1L << 30)) + 1);
    return new IllegalStateException(String.format(Locale.ROOT, "%s: %,d values need %.1f GB of memory, more than Java may still use (at most %.1f GB);"
        + " give Java more, e.g. AIMC_JAVA_OPTS=-Xmx%dg ./aimc …, or use fewer examples", file, count, need / 1e9,
        Runtime.getRuntime().maxMemory() / 1e9, gb));
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
    long at = position;
    while (b.hasRemaining()) {
      int r = ch.read(b, at);
      if (r < 0) break;
      at += r;
    }
  }

  private static String group(Pattern p, String header, Path file, String key) {
    Matcher m = p.matcher(header);
    if (!m.find()) throw bad(file, "header has no '" + key + "': " + header.strip());
    return m.group(1);
  }

  private static long[] parseShape(String s, Path file) {
    String[] parts = s.split(",");
    long[] out = new long[parts.length];
    int n = 0;
    for (String p : parts) {
      String t = p.strip();
      if (t.isEmpty()) continue;
      try {
        out[n++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
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
