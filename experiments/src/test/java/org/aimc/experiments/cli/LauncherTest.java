package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 31: the ./aimc launcher reached through a symlink (or a chain of them) works in the repository, not in the link's folder. */
class LauncherTest {
  @TempDir Path tmp;

  @Test
  void aSymlinkedLauncherFindsTheRepository() throws Exception {
    Path script = Path.of("..", "aimc").toAbsolutePath().normalize();
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(script) && Files.isExecutable(Path.of("/bin/bash")), "bash and the launcher");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path other = Files.createDirectories(tmp.resolve("other"));
    Files.createSymbolicLink(bin.resolve("aimc"), script);
    Files.createSymbolicLink(other.resolve("aimc"), Path.of("..", "bin", "aimc")); // relative, and a link to a link
    for (Path link : new Path[] {bin.resolve("aimc"), other.resolve("aimc")}) {
      ProcessBuilder pb = new ProcessBuilder("/bin/bash", link.toString()).redirectErrorStream(true);
      pb.environment().put("AIMC_LAUNCHER_PRINT_ROOT", "1");
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertEquals(0, p.waitFor(), out);
      assertEquals(script.getParent().toRealPath().toString(), out, "through " + link);
    }
  }
}
