package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** aimc presets, aimc device characterize, aimc bench devices and bench train's arguments, in-process. */
class DevicesCliTest {
  @Test
  void presetsListAndShow() {
    CliRunner r = CliRunner.run("presets", "list");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ambrogio2018") && r.out().contains("ideal") && r.out().contains("capacitor-asymmetric"), r.out());
    r = CliRunner.run("presets", "show", "ambrogio2018", "--set", "pcm.driftNuMax=0.2", "--sources");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"driftNuMax\" : 0.2"), r.out());
    assertTrue(r.out().contains("\"pcm.driftNuMax\" : \"override (--set)\""), r.out());
    assertTrue(r.out().contains("(paper)"), r.out());
  }

  @Test
  void badInputExitsWithTwoAndSaysWhy() {
    CliRunner r = CliRunner.run("presets", "show", "nope");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("allowed: ambrogio2018, ideal, capacitor-asymmetric"), r.err());
    r = CliRunner.run("presets", "show", "ideal", "--set", "pcm.bogus=1");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("unknown key 'pcm.bogus'; allowed keys: pcm.gResetMicroS"), r.err());
    r = CliRunner.run("presets", "show", "ideal", "--set", "capacitor.vInitVolts=2");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("vInitVolts"), r.err());
    r = CliRunner.run("device", "characterize", "--device", "pcm", "--devices", "3");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("devices = 3"), r.err());
  }

  @Test
  void characterizeWritesTheResultsFolder(@TempDir Path dir) {
    CliRunner r = CliRunner.run("device", "characterize", "--preset", "ambrogio2018", "--device", "capacitor", "--devices", "50",
        "--seed", "4", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("leak time constant"), r.out());
    assertTrue(Files.exists(dir.resolve("summary.md")) && Files.exists(dir.resolve("summary.json")));
    assertTrue(Files.exists(dir.resolve("capacitor_pulse_train.csv")) && Files.exists(dir.resolve("capacitor_pulse_train.png")));
  }

  /**
   * An aihwkit-family device: the step against state is written beside the family's equation, and
   * the fitted dw_min agrees with the preset's within 4.5 standard errors; an unknown device names
   * the allowed ones; the pulsed presets are listed and shown with aihwkit's sources.
   */
  @Test
  void characterizeAPulsedDevice(@TempDir Path dir) throws Exception {
    CliRunner r = CliRunner.run("device", "characterize", "--device", "ecram", "--devices", "60", "--seed", "4", "--out", dir.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(Files.exists(dir.resolve("pulsed_step_vs_state.png")) && Files.exists(dir.resolve("pulsed_step_vs_state.csv")), r.out());
    assertTrue(Files.readString(dir.resolve("summary.md")).contains("\"family\" : \"LINEAR_STEP\""));
    var spec = org.aimc.experiments.characterize.CharacterizationSpec.resolvePulsed("ecram", java.util.List.of(), 60, 4);
    var fit = spec.run().fit("up step at w = 0 (mean)");
    assertTrue(fit.within(4.5), fit.toString());
    r = CliRunner.run("device", "characterize", "--device", "memristor");
    assertEquals(2, r.exitCode());
    assertTrue(r.err().contains("allowed: pcm, capacitor, aihwkit-pulsed-device, gokmen-vlasov"), r.err());
    r = CliRunner.run("presets", "show", "reram-es", "--kind", "pulsed", "--sources");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("ReRamESPresetDevice") && r.out().contains("\"family\" : \"EXP_STEP\""), r.out());
    r = CliRunner.run("presets", "list");
    assertTrue(r.out().contains("ecram-mo") && r.out().contains("ecram-over-pcm") && r.out().contains("reram-under-3t1c"), r.out());
  }

  @Test
  void helpHasExamples() {
    for (String[] cmd : new String[][] {{"presets", "--help"}, {"presets", "show", "--help"}, {"device", "characterize", "--help"},
        {"bench", "devices", "--help"}}) {
      CliRunner r = CliRunner.run(cmd);
      assertEquals(0, r.exitCode(), String.join(" ", cmd));
      assertTrue(r.out().contains("Examples:"), String.join(" ", cmd) + ": " + r.out());
    }
  }

  @Test
  void benchDevicesRunsOnASmallArray() {
    CliRunner r = CliRunner.run("bench", "devices", "--cells", "2000", "--warmup", "0", "--reps", "1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("reference: float loop") && r.out().contains("PCM noisy read"), r.out());
  }

  @Test
  void benchTrainRefusesAnEpochBeforeTheFirstBeforeReadingData() {
    CliRunner r = CliRunner.run("bench", "train", "--from-epoch", "0");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--from-epoch: 0 is not an epoch") && r.err().contains("aimc bench train --help"), r.err());
  }
}
