package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Bad input to {@code aimc train} exits 2 with a message that says what is allowed, before any work. */
class TrainCommandTest {

  @Test
  void malformedNetworkIsBadUsage() {
    CliRunner r = CliRunner.run("train", "--network", "784-x-10");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("784-250-125-10"), r.err());
  }

  @Test
  void nonPositiveEpochsIsBadUsage() {
    CliRunner r = CliRunner.run("train", "--epochs", "0");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("--epochs 0 must be a positive"), r.err());
  }

  @Test
  void unknownDatasetListsTheAllowedOnes() {
    CliRunner r = CliRunner.run("train", "--dataset", "imagenet", "--epochs", "1");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown data set 'imagenet'") && r.err().contains("mnist"), r.err());
  }

  @Test
  void unknownConfigListsTheAllowedOnes() {
    CliRunner r = CliRunner.run("train", "--config", "quantum");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("allowed: software"), r.err());
  }

  @Test
  void outOfRangeHyperParameterNamesIt() {
    CliRunner r = CliRunner.run("train", "--set", "learningRateDecay=1.5");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("learningRateDecay = 1.5"), r.err());
    CliRunner unknown = CliRunner.run("train", "--set", "momentum=0.9");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("learningRate"), "lists the allowed keys: " + unknown.err());
  }

  @Test
  void helpShowsExamples() {
    CliRunner r = CliRunner.run("train", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Examples:") && r.out().contains("--config software"), r.out());
  }
}
