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
    assertTrue(r.err().contains("allowed: software, ambrogio2018"), r.err());
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
  void showConfigPrintsTheResolvedPresetWithOverrides() throws Exception {
    CliRunner r = CliRunner.run("train", "--config", "ambrogio2018", "--set", "analog.transfer.intervalExamples=4000",
        "--set", "analog.tile.devices.capacitor.leakTimeConstantSeconds=0.5", "--show-config");
    assertEquals(0, r.exitCode(), r.err());
    var json = org.aimc.experiments.io.Json.MAPPER.readTree(r.out());
    assertEquals(4000, json.at("/resolved/analog/transfer/intervalExamples").asLong());
    assertEquals(0.5, json.at("/resolved/analog/tile/devices/capacitor/leakTimeConstantSeconds").asDouble());
    assertEquals(8000, org.aimc.training.TrainingPreset.AMBROGIO2018.config().analog().transfer().intervalExamples(), "the preset itself is unchanged");
    CliRunner bad = CliRunner.run("train", "--config", "software", "--set", "analog.transfer.intervalExamples=4000", "--show-config");
    assertEquals(2, bad.exitCode(), "software has no analog part: " + bad.err());
  }

  @Test
  void helpShowsExamples() {
    CliRunner r = CliRunner.run("train", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.out().contains("Examples:") && r.out().contains("--config software"), r.out());
  }
}
