package org.aimc.experiments.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The code version and git commit baked into the build (git.properties), or "unknown". */
public record CodeVersion(String version, String commit, boolean dirty) {
  private static final CodeVersion CURRENT = load();

  public static CodeVersion current() {
    return CURRENT;
  }

  @Override
  public String toString() {
    return version + "+" + commit + (dirty ? "-dirty" : "");
  }

  private static CodeVersion load() {
    Properties p = new Properties();
    try (InputStream in = CodeVersion.class.getResourceAsStream("/aimc-git.properties")) {
      if (in != null) p.load(in);
    } catch (IOException ignored) {
      // fall through to "unknown": a missing version never stops a run
    }
    String version = CodeVersion.class.getPackage().getImplementationVersion();
    return new CodeVersion(
        version != null ? version : p.getProperty("git.build.version", "unknown"),
        p.getProperty("git.commit.id.abbrev", "unknown"),
        Boolean.parseBoolean(p.getProperty("git.dirty", "false")));
  }
}
