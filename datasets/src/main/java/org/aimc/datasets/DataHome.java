package org.aimc.datasets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The folder that holds every data set, one sub-folder per data set ({@code <dir>/mnist/...}):
 * {@code $AIMC_HOME/data} when the environment variable {@code AIMC_HOME} is set, else
 * {@code ~/.aimc/data}. Nothing is created until a data set is fetched.
 */
public final class DataHome {
  /** The environment variable that moves aimc's home folder (data live in its {@code data/}). */
  public static final String ENV = "AIMC_HOME";

  private final Path dir;

  private DataHome(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The data folder {@code dir} itself (tests pass a temporary folder). */
  public static DataHome at(Path dir) {
    return new DataHome(Objects.requireNonNull(dir, "dir"));
  }

  /**
   * {@code $AIMC_HOME/data}, or {@code ~/.aimc/data} when {@code AIMC_HOME} is unset or blank; {@code ~}
   * is {@code $HOME} (as in a shell), or Java's {@code user.home} when {@code HOME} is unset.
   */
  public static DataHome fromEnvironment() {
    return fromEnvironment(System.getenv(), System.getProperty("user.home"));
  }

  static DataHome fromEnvironment(Map<String, String> env, String userHome) {
    String home = env.get(ENV);
    if (home != null && !home.isBlank()) return at(Path.of(home).resolve("data"));
    String shellHome = env.get("HOME");
    return at(Path.of(shellHome != null && !shellHome.isBlank() ? shellHome : userHome, ".aimc", "data"));
  }

  /** The data folder, absolute. */
  public Path dir() {
    return dir;
  }

  /** The folder of one data set, e.g. {@code <dir>/mnist}. */
  public Path folder(String dataset) {
    return dir.resolve(dataset);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DataHome other && other.dir.equals(dir);
  }

  @Override
  public int hashCode() {
    return dir.hashCode();
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
