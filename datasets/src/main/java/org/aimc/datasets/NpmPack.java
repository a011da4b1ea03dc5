package org.aimc.datasets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Downloads one package tarball from the npm registry with {@code npm pack SPEC}, run in a folder
 * of the caller's, and returns the {@code .tgz} it wrote. Never {@code npm install}: nothing is
 * installed and no package script runs ({@code --ignore-scripts}).
 */
final class NpmPack {
  static final String INSTALL_HINT = "install npm (Debian/Ubuntu: apt-get install npm; elsewhere: https://nodejs.org) and retry";

  private final List<String> npm;
  private final long timeoutSeconds;

  /** Runs {@code npm} from the PATH. */
  NpmPack() {
    this(List.of("npm"), 600);
  }

  /** Runs the given command instead of {@code npm} (tests pass one that does not exist). */
  NpmPack(List<String> npmCommand, long timeoutSeconds) {
    if (npmCommand.isEmpty()) throw new IllegalArgumentException("npm command must not be empty");
    this.npm = List.copyOf(npmCommand);
    this.timeoutSeconds = timeoutSeconds;
  }

  /**
   * Runs {@code npm pack SPEC} in {@code dir} (which should be empty) and returns the tarball.
   *
   * @throws IllegalStateException if npm cannot be started (not on the PATH), fails, or times out
   */
  Path pack(String spec, Path dir) throws IOException {
    List<String> cmd = new ArrayList<>(npm);
    cmd.addAll(List.of("pack", spec, "--ignore-scripts", "--json"));
    Path stdout = dir.resolve(".npm-pack.out");
    Path stderr = dir.resolve(".npm-pack.err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run '" + String.join(" ", npm) + "' (" + e.getMessage() + "): npm is not on the PATH."
          + " aimc fetches " + spec + " from the npm registry with 'npm pack'; " + INSTALL_HINT, e);
    }
    p.getOutputStream().close();
    boolean done;
    try {
      done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running npm pack " + spec, e);
    }
    if (!done) {
      p.destroyForcibly();
      throw new IllegalStateException("npm pack " + spec + " did not finish within " + timeoutSeconds + " s; check the network and retry");
    }
    if (p.exitValue() != 0) {
      String said = tail(stderr);
      if (said.contains("ENOSPC"))
        throw new IllegalStateException("npm pack " + spec + " failed: no space left on device (ENOSPC) in " + dir
            + " or in npm's cache (npm config get cache); free some space there and retry. npm said: " + said);
      throw new IllegalStateException("npm pack " + spec + " failed (exit " + p.exitValue() + "): " + said
          + " — check that the npm registry can be reached (npm config get registry) and retry");
    }
    List<Path> tarballs = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.tgz")) {
      ds.forEach(tarballs::add);
    }
    if (tarballs.size() != 1)
      throw new IllegalStateException("npm pack " + spec + " wrote " + tarballs.size() + " .tgz files in " + dir + ", expected one; npm said: " + tail(stdout));
    return tarballs.get(0);
  }

  private static String tail(Path file) {
    try {
      String s = Files.readString(file, StandardCharsets.UTF_8).strip();
      // Drop npm's configuration warnings, keep what explains the failure.
      StringBuilder kept = new StringBuilder();
      for (String line : s.split("\n")) {
        if (line.contains("Unknown user config") || line.contains("Unknown env config")) continue;
        if (kept.length() > 0) kept.append(" | ");
        kept.append(line.strip());
      }
      String out = kept.toString();
      return out.length() > 600 ? "…" + out.substring(out.length() - 600) : out.isEmpty() ? "(no output)" : out;
    } catch (IOException e) {
      return "(no output)";
    }
  }
}
