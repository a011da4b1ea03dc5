package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aimc.experiments.config.ConfigFile;
import org.aimc.training.TrainingPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A YAML sweep spec resolves to the same runs as the command line; ranges expand; errors name the file and line. */
class SweepSpecTest {
  private static final String STEP = "analog.tile.devices.capacitor.dischargeStepVolts";
  private static final String LEAK = "analog.tile.devices.capacitor.leakTimeConstantSeconds";
  @TempDir Path dir;

  private Path write(String... lines) throws Exception {
    Path f = dir.resolve("sweep.yaml");
    Files.writeString(f, String.join("\n", lines) + "\n");
    return f;
  }

  @Test
  void theSpecAndTheCommandLineGiveTheSameRuns() throws Exception {
    Path f = write(
        "dataset: mnist-backrand",
        "network: 784-10",
        "config: ambrogio2018",
        "set:",
        "  analog.transfer.intervalExamples: 4000",
        "axes:",
        "  - key: " + STEP,
        "    values: [0.005, 0.0035]",
        "  - key: " + LEAK,
        "    log: {from: 0.1, to: 10, points: 3}",
        "seeds: 2",
        "epochs: 3",
        "baseline: software",
        "out: " + dir.resolve("out"));
    Sweep fromSpec = SweepSpec.read(f, 2);
    Sweep fromCli = new Sweep("mnist-backrand", "784-10", "ambrogio2018", List.of("analog.transfer.intervalExamples=4000"),
        List.of(Sweep.Axis.parse(STEP + "=0.005,0.0035"), Sweep.Axis.parse(LEAK + "=0.1,1,10")), "software", 2, 3, 2, dir.resolve("out"));
    assertEquals(fromCli, fromSpec);
    assertEquals(fromCli.jobs(), fromSpec.jobs());
    assertEquals(2 + 6 * 2, fromSpec.jobs().size());
    String dry = fromSpec.dryRun(2);
    assertTrue(dry.contains("6 points × 2 seeds + baseline 2 = 14 runs") && dry.contains("point 6  " + STEP + "=0.0035 " + LEAK + "=10"), dry);
  }

  @Test
  void rangesExpandToShortValuesWithBothEnds() {
    assertEquals(List.of("0", "0.25", "0.5", "0.75", "1"), Sweep.Axis.linear("k", 0, 1, 5).values());
    assertEquals(List.of("0.01", "0.1", "1", "10"), Sweep.Axis.log("k", 0.01, 10, 4).values());
    assertEquals(List.of("1", "3.16228", "10"), Sweep.Axis.log("k", 1, 10, 3).values());
    assertThrows(IllegalArgumentException.class, () -> Sweep.Axis.log("k", 0, 1, 3));
    assertThrows(IllegalArgumentException.class, () -> Sweep.Axis.linear("k", 0, 1, 1));
  }

  @Test
  void aConfigurationFileIsTheBase() throws Exception {
    Files.writeString(dir.resolve("mine.yaml"),
        ConfigFile.yaml(TrainingPreset.AMBROGIO2018).replaceFirst("intervalExamples: 8000", "intervalExamples: 2000"));
    Sweep s = SweepSpec.read(write("dataset: mnist", "config: mine.yaml", "axes:", "  - key: " + LEAK, "    values: [1]"), 1);
    assertEquals("ambrogio2018", s.config());
    assertEquals(List.of("analog.transfer.intervalExamples=2000"), s.fixed());
    assertEquals(Path.of("runs", "sweep-sweep"), s.out());
  }

  @Test
  void errorsNameTheFileAndTheLine() throws Exception {
    assertError(5, "outputNoize", "dataset: mnist", "axes:", "  - key: " + LEAK, "    values: [1]", "  - key: analog.tile.backward.outputNoize",
        "    values: [0]");
    assertError(4, "stepCtoc", "dataset: mnist", "axes:", "  - key: analog.tile.devices.capacitor.stepCtoc",
        "    values: [0, 7]");
    assertError(3, "learningRat", "dataset: mnist", "set:", "  learningRat: 0.1", "axes:", "  - key: " + LEAK, "    values: [1]");
    assertError(1, "datset", "datset: mnist");
    assertError(1, "dataset", "network: 784-10", "axes:", "  - key: " + LEAK, "    values: [1]");
    assertError(2, "seeds", "dataset: mnist", "seeds: 0", "axes:", "  - key: " + LEAK, "    values: [1]");
    assertError(4, "log", "dataset: mnist", "axes:", "  - key: " + LEAK, "    log: {from: 0, to: 1, points: 3}");
    assertError(3, "exactly one", "dataset: mnist", "axes:", "  - key: " + LEAK, "    values: [1]", "    linear: {from: 0, to: 1, points: 3}");
    assertError(2, "sofware", "dataset: mnist", "baseline: sofware", "axes:", "  - key: " + LEAK, "    values: [1]");
  }

  private void assertError(int line, String mentions, String... lines) throws Exception {
    Path f = write(lines);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.read(f, 1));
    assertTrue(e.getMessage().startsWith(f + ":" + line + ": ") && e.getMessage().contains(mentions), e.getMessage());
  }

  /** Issue 31: a spec takes the data sets the command line takes, features:DIR included. */
  @Test
  void aSpecTakesAFeatureFolderAsTheCommandLineDoes() throws Exception {
    Path f = java.nio.file.Files.createDirectories(dir.resolve("feats"));
    Path spec = dir.resolve("f.yaml");
    java.nio.file.Files.writeString(spec, "dataset: features:" + f + "\nnetwork: 6-3\nconfig: software\naxes:\n  - key: learningRate\n    values: [0.01, 0.02]\n");
    Sweep s = SweepSpec.read(spec, 2);
    assertEquals("features:" + f.toAbsolutePath().normalize(), s.dataset());
  }
}
