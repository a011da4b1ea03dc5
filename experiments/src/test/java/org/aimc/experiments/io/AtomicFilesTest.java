package org.aimc.experiments.io;

import static org.junit.jupiter.api.Assertions.*;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  /**
   * A result file gets the permissions of any new file under the user's umask (issue #17: they were
   * 0600 whatever the umask, so colleagues sharing a results folder could not read them).
   */
  @Test
  void writtenFilesFollowTheUmaskLikeAnyNewFile() throws Exception {
    Assumptions.assumeTrue(Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null, "POSIX file system");
    Path reference = Files.createFile(dir.resolve("reference"));
    Path written = dir.resolve("result.json");
    AtomicFiles.writeString(written, "{}\n");
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(written));
    try (var s = Files.list(dir)) {
      assertEquals(2, s.count(), "no temporary file left");
    }
  }

  /** A failed write names the file and the reason, not just one of the two. */
  @Test
  void aFailedWriteNamesTheFileAndTheReason() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("plain-file"), "x");
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.writeString(notAFolder.resolve("result.json"), "{}"));
    assertTrue(e.getMessage().startsWith("cannot write " + notAFolder.resolve("result.json") + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(notAFolder.toString() + ": "), "names the path that failed and why: " + e.getMessage());
  }
}
