package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to {@code aimc sweep} exits 2 with a message that says what to do, and writes nothing. */
class SweepCommandTest {
  @TempDir Path dir;

  @Test
  void aMalformedAxisShowsTheForm() {
    CliRunner r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.backward.outputNoise", "--out", dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("expected KEY=V1,V2"), r.err());
    assertFalse(Files.exists(dir.resolve("s")));
  }

  @Test
  void anOutOfRangeValueIsRefusedBeforeAnyRun() {
    CliRunner r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.devices.capacitor.stepCtoc=0.1,9", "--out", dir.resolve("s").toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("stepCtoc"), r.err());
    assertFalse(Files.exists(dir.resolve("s")));
  }

  @Test
  void aSweepNeedsAnAxis() {
    CliRunner r = CliRunner.run("sweep", "mnist");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--vary"), r.err());
  }
}
