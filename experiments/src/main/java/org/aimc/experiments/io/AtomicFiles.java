package org.aimc.experiments.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes that never leave a half-written file: write a sibling temporary file, then rename it over
 * the target. A crash leaves either the old file or the new one.
 */
public final class AtomicFiles {
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private AtomicFiles() {}

  /** Something that writes a whole file's content to a stream. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer writer) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Not Files.createTempFile: it makes the file 0600 whatever the umask, so colleagues sharing a
      // results folder could not read it. CREATE_NEW with default attributes honours the umask.
      Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.CREATE_NEW,
                 java.nio.file.StandardOpenOption.WRITE);
             OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
          writer.writeTo(out);
          out.flush();
          channel.force(true); // on disk before the rename, so a crash never leaves an empty file
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Appends one line (a newline is added) to an existing file in a single write and forces it to
   * disk before returning: a crash leaves the file with or without the line, or at worst with a
   * partial last line, never with earlier lines lost.
   */
  public static void appendLine(Path target, String line) {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(target, java.nio.file.StandardOpenOption.WRITE,
        java.nio.file.StandardOpenOption.APPEND)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (b.hasRemaining()) channel.write(b);
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + target + ": " + e.getMessage(), e);
    }
  }

  public static void writeString(Path target, String content) {
    write(target, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
  }

  /** A table as CSV, UTF-8. */
  public static void writeCsv(Path target, tech.tablesaw.api.Table table) {
    write(target, out -> {
      java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
      table.write().csv(w);
      w.flush();
    });
  }
}
