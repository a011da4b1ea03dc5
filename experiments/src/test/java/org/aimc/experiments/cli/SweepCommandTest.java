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

  /** Issue 31: --master without --engine spark, a malformed master and yarn (which this build cannot use) are refused, dry run included. */
  @Test
  void masterIsCheckedWithTheEngineBeforeADryRun() {
    CliRunner r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.backward.outputNoise=0,0.1", "--master", "spark://h:7077", "--dry-run");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--master spark://h:7077 is for --engine spark; add --engine spark"), r.err());
    r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.backward.outputNoise=0,0.1", "--engine", "spark", "--master", "spark:/h", "--dry-run");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--master spark:/h is not a Spark master URL; give local[*], local[N], spark://HOST:PORT"), r.err());
    r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.backward.outputNoise=0,0.1", "--engine", "spark", "--master", "yarn", "--dry-run");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("this build has no YARN support"), r.err());
    r = CliRunner.run("sweep", "mnist", "--vary", "analog.tile.backward.outputNoise=0,0.1", "--engine", "spark", "--master", "local[4]", "--dry-run");
    assertEquals(0, r.exitCode(), r.err());
    r = CliRunner.run("sweep", "--help");
    assertFalse(r.out().contains("yarn"), "the help lists no master this build cannot use");
  }
}
