package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Bad input to the protocol's options exits 2 naming the option, before any work. */
class ProtocolCliTest {

  @Test
  void anEmptyOrBadGridNamesTheOption() {
    CliRunner empty = CliRunner.run("reproduce", "mnist", "--tune", "--lr-grid=");
    assertEquals(2, empty.exitCode());
    assertTrue(empty.err().contains("--lr-grid"), empty.err());
    CliRunner decay = CliRunner.run("reproduce", "mnist", "--tune", "--decay-grid", "0.9,1.5");
    assertEquals(2, decay.exitCode());
    assertTrue(decay.err().contains("--decay-grid 1.5 is outside (0, 1]"), decay.err());
    CliRunner withoutTune = CliRunner.run("reproduce", "mnist", "--lr-grid", "0.01");
    assertEquals(2, withoutTune.exitCode());
    assertTrue(withoutTune.err().contains("add --tune"), withoutTune.err());
  }

  @Test
  void aValidationSetLargerThanTheTrainingSetNamesTheOption() {
    CliRunner train = CliRunner.run("train", "--dataset", "mnist", "--validation", "60000");
    assertEquals(2, train.exitCode());
    assertTrue(train.err().contains("--validation 60,000 is not smaller than mnist's 60,000 training images"), train.err());
    CliRunner reproduce = CliRunner.run("reproduce", "mnist-backrand", "--validation", "20000", "--tune");
    assertEquals(2, reproduce.exitCode());
    assertTrue(reproduce.err().contains("--validation 20,000 is not smaller than mnist-backrand's 12,000"), reproduce.err());
    CliRunner zero = CliRunner.run("train", "--validation", "0");
    assertEquals(2, zero.exitCode());
    assertTrue(zero.err().contains("--validation 0"), zero.err());
  }
}
