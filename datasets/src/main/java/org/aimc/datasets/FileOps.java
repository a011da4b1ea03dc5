package org.aimc.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** File helpers of this module: atomic writes and moves, SHA-256, recursive delete. */
final class FileOps {
  private static final SecureRandom RANDOM = new SecureRandom();

  private FileOps() {}

  /** Something that writes a whole file's content to a stream. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes a sibling temporary file, then renames it over {@code target}: never a half-written file. */
  static void writeAtomically(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    try {
      Files.createDirectories(dir);
      // Not Files.createTempFile: its owner-only permissions would stick to the data file.
      Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
      try {
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          writer.writeTo(out);
        }
        moveAtomically(tmp, target);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Renames {@code source} over {@code target}, atomically where the file system allows. */
  static void moveAtomically(Path source, Path target) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    try {
      Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is not available in this Java runtime", e);
    }
  }

  /** The lower-case hex SHA-256 of a file's bytes. */
  static String sha256(Path file) throws IOException {
    return HexFormat.of().formatHex(digestOf(file, "SHA-256"));
  }

  static byte[] digestOf(Path file, String algorithm) throws IOException {
    MessageDigest md = digest(algorithm);
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
    }
    return md.digest();
  }

  /** Deletes a folder tree; best effort (a leftover temporary folder is harmless). */
  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) return;
    try {
      Files.walkFileTree(dir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
          Files.deleteIfExists(d);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException ignored) {
      // A temporary folder left behind is cleaned by the next fetch's own temp folder logic or by hand.
    }
  }
}
