package org.aimc.experiments.cli;

import org.aimc.experiments.provenance.CodeVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code aimc --version}: the same string that every run records in its provenance. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    CodeVersion v = CodeVersion.current();
    return new String[] {"aimc " + v.version() + " (commit " + v.commit() + ")",
        "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + "/" + System.getProperty("os.arch")};
  }
}
