package org.aimc.datasets;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a gzip-compressed tar archive (an npm package). A small reader
 * of the POSIX ustar format with the two extensions npm's tar writer may use: GNU long names
 * ({@code L}) and pax extended headers ({@code x}, for {@code path} and {@code size}). Every
 * header's checksum is verified. Only the entries asked for are written, each to the path the caller
 * chose, so a hostile entry name cannot write outside it.
 */
final class TarGz {
  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * Copies each entry named in {@code wanted} (its full name in the archive, e.g.
   * {@code package/data/train-labels-idx1-ubyte}) to the path it maps to.
   *
   * @return the names found; the caller decides whether a missing one is an error
   * @throws IOException on a read or write error, or if the archive is malformed
   */
  static Set<String> extract(Path tgz, Map<String, Path> wanted) throws IOException {
    Set<String> found = new HashSet<>();
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(tgz), 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      String paxPath = null;
      long paxSize = -1;
      while (true) {
        int n = in.readNBytes(header, 0, BLOCK);
        if (n == 0) break; // no end-of-archive blocks: tolerated, as GNU tar does
        if (n < BLOCK) throw new IOException(tgz + ": truncated tar header (" + n + " of 512 bytes)");
        if (isZero(header)) break; // end of archive
        checkChecksum(tgz, header);
        char type = (char) header[156];
        String name = entryName(header);
        long size = (header[124] & 0x80) != 0 ? base256(header, 124, 12) : octal(header, 124, 12);
        if (size < 0) throw new IOException(tgz + ": negative size in tar header of " + name);
        if (type == 'L') { // GNU long name: the data is the next entry's name
          longName = cString(readAll(tgz, in, size), 0, (int) size);
          skipPadding(in, size);
          continue;
        }
        if (type == 'x') { // pax extended header for the next entry
          String records = new String(readAll(tgz, in, size), StandardCharsets.UTF_8);
          skipPadding(in, size);
          for (String rec : records.split("\n")) {
            int sp = rec.indexOf(' ');
            int eq = rec.indexOf('=');
            if (sp < 0 || eq < sp) continue;
            String key = rec.substring(sp + 1, eq);
            String value = rec.substring(eq + 1);
            if (key.equals("path")) paxPath = value;
            else if (key.equals("size")) paxSize = Long.parseLong(value.trim());
          }
          continue;
        }
        if (paxPath != null) name = paxPath;
        else if (longName != null) name = longName;
        if (paxSize >= 0) size = paxSize;
        longName = null;
        paxPath = null;
        paxSize = -1;
        boolean regular = type == '0' || type == '\0' || type == '7';
        Path target = regular ? wanted.get(name) : null;
        if (target != null) {
          try (OutputStream out = Files.newOutputStream(target)) {
            copy(tgz, in, out, size);
          }
          found.add(name);
        } else {
          skip(tgz, in, size);
        }
        skipPadding(in, size);
      }
    }
    return found;
  }

  private static String entryName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r';
    if (ustar) {
      String prefix = cString(h, 345, 155);
      if (!prefix.isEmpty()) name = prefix + "/" + name;
    }
    return name;
  }

  private static void checkChecksum(Path tgz, byte[] h) throws IOException {
    long stored = octal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    if (sum != stored) throw new IOException(tgz + ": tar header checksum " + stored + " does not match " + sum + " (corrupt archive)");
  }

  private static boolean isZero(byte[] b) {
    for (byte x : b) if (x != 0) return false;
    return true;
  }

  private static String cString(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    long v = 0;
    int i = off;
    while (i < off + len && (b[i] == ' ' || b[i] == 0)) i++;
    for (; i < off + len && b[i] >= '0' && b[i] <= '7'; i++) v = (v << 3) + (b[i] - '0');
    return v;
  }

  private static long base256(byte[] b, int off, int len) {
    long v = b[off] & 0x7F;
    for (int i = off + 1; i < off + len; i++) v = (v << 8) | (b[i] & 0xFF);
    return v;
  }

  private static byte[] readAll(Path tgz, InputStream in, long size) throws IOException {
    if (size > 1 << 20) throw new IOException(tgz + ": tar extension header of " + size + " bytes is implausibly large");
    byte[] b = in.readNBytes((int) size);
    if (b.length < size) throw new IOException(tgz + ": truncated tar archive");
    return b;
  }

  private static void copy(Path tgz, InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) throw new IOException(tgz + ": truncated tar archive (" + left + " bytes of an entry missing)");
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skip(Path tgz, InputStream in, long size) throws IOException {
    copy(tgz, in, OutputStream.nullOutputStream(), size);
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
    if (pad > 0) in.readNBytes(pad); // the last entry's padding may be cut off: tolerated
  }
}
