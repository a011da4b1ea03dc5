package org.aimc.experiments.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Turns text a user typed (a data-set name such as {@code features:../../f}, a configuration, a
 * swept key or value) into one safe folder name, so that no input can make aimc create a path
 * outside the results folder: every character other than letters, digits and {@code . _ = + -} becomes
 * {@code _} (so no separator survives), a name of dots only ({@code .}, {@code ..}) or a leading dot
 * (a hidden file) gets a {@code _} in front, and a name longer than {@value #MAX_LENGTH} characters
 * is cut and ends with a hash of the whole text (distinct texts stay distinct folders).
 */
public final class SafeNames {
  /** Longest folder name made (file systems allow 255 bytes). */
  public static final int MAX_LENGTH = 180;

  private SafeNames() {}

  /** One path component made from {@code text}; never empty, never {@code .} or {@code ..}, no separator. */
  public static String component(String text) {
    String s = (text == null ? "" : text).replaceAll("[^A-Za-z0-9._=+-]", "_");
    if (s.isEmpty()) s = "_";
    if (s.startsWith(".")) s = "_" + s;
    if (s.length() > MAX_LENGTH) {
      byte[] h;
      try {
        h = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      s = s.substring(0, MAX_LENGTH - 17) + "-" + HexFormat.of().formatHex(h, 0, 8);
    }
    return s;
  }

  /** {@code parent/component(text)}, checked to lie inside {@code parent}. */
  public static Path inside(Path parent, String text) {
    Path p = parent.resolve(component(text));
    if (!p.normalize().startsWith(parent.normalize())) throw new IllegalStateException(p + " is not inside " + parent); // cannot happen
    return p;
  }
}
