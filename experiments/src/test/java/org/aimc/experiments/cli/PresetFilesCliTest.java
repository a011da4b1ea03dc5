package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.aimc.config.PresetLibrary;
import org.aimc.crossbar.TilePreset;
import org.aimc.devices.DevicePreset;
import org.aimc.experiments.io.Json;
import org.aimc.training.TrainingPreset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presets are data files: the built-in ones are complete and listed, a user's own are used by name, bad ones exit 2 with file and line. */
class PresetFilesCliTest {
  @TempDir Path tmp;
  Path presets;

  @BeforeEach
  void userFolder() throws Exception {
    presets = Files.createDirectories(tmp.resolve("presets"));
    PresetLibrary.useUserFolder(presets);
  }

  @AfterEach
  void back() {
    PresetLibrary.useUserFolder(null);
  }

  @Test
  void everyBuiltInFileIsInItsIndexAndResolvesWithASourceForEveryValue() throws Exception {
    check(Path.of("../devices/src/main/resources/presets/device"), DevicePreset.LIBRARY);
    check(Path.of("../crossbar/src/main/resources/presets/tile"), TilePreset.LIBRARY);
    check(Path.of("../training/src/main/resources/presets/training"), TrainingPreset.LIBRARY);
    check(Path.of("../devices/src/main/resources/presets/pulsed"), org.aimc.devices.PulsedDevicePreset.LIBRARY);
    for (DevicePreset p : DevicePreset.values()) {
      // pcm.* and capacitor.*; each role null (its own source) or a pulsed preset (its source and every value's).
      TreeSet<String> want = new TreeSet<>();
      for (String k : org.aimc.config.RecordOverrides.keys(org.aimc.devices.DeviceParams.class)) {
        if (!k.startsWith("fast.") && !k.startsWith("slow.")) want.add(k);
      }
      for (String role : List.of("fast", "slow")) {
        want.add(role);
        if ((role.equals("fast") ? p.params().fast() : p.params().slow()) != null) {
          for (String k : org.aimc.config.RecordOverrides.keys(org.aimc.devices.PulsedDeviceParams.class)) want.add(role + "." + k);
        }
      }
      assertEquals(want, new TreeSet<>(p.sources().keySet()), p.id() + ": a source for every value");
      for (String k : p.sources().keySet()) assertFalse(p.sources().get(k).isBlank(), p.id() + " " + k);
    }
    assertEquals(List.of("software", "ambrogio2018", "ambrogio2018-no-inversion", "pcm-only", "capacitor-only", "ideal-analog"),
        List.of(TrainingPreset.ids(TrainingPreset.Ablations.MAIN)), "the main comparison, in order");
  }

  private static void check(Path folder, PresetLibrary<?> library) throws Exception {
    TreeSet<String> files = new TreeSet<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml")).forEach(f -> files.add(f.replace(".yaml", "")));
    }
    assertEquals(files, new TreeSet<>(library.builtInNames()), folder + ": every file listed in index, every name a file");
    for (String n : library.builtInNames()) assertEquals(n, library.get(n).name());
  }

  @Test
  void aUsersTrainingConfigurationAndDevicePresetAreUsedByName() throws Exception {
    Files.writeString(presets.resolve("my-pcm.yaml"), """
        kind: device
        name: my-pcm
        description: ambrogio2018 with a slower capacitor leak
        extends: ambrogio2018
        set:
          capacitor.leakTimeConstantSeconds: {value: 0.5, source: "measured: my 3T1C test chip"}
        """);
    Files.writeString(presets.resolve("my-hybrid.yaml"), """
        kind: training
        name: my-hybrid
        description: ambrogio2018 on my devices, transfer every 100 examples
        extends: ambrogio2018
        set:
          analog.tile.devices: {preset: my-pcm, source: "my devices"}
          analog.transfer.intervalExamples: {value: 100, source: "assumed: a small data set"}
        """);
    CliRunner list = CliRunner.run("presets", "list");
    assertEquals(0, list.exitCode(), list.err());
    assertTrue(list.out().contains("my-hybrid") && list.out().contains("[yours: " + presets.resolve("my-hybrid.yaml")), list.out());
    assertTrue(list.out().contains("my-pcm"), list.out());

    Path out = tmp.resolve("run");
    CliRunner r = CliRunner.run("train", "--dataset", "features:" + features(), "--config", "my-hybrid", "--epochs", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode result = Json.MAPPER.readTree(out.resolve("result.json").toFile());
    assertEquals(100, result.at("/resolvedConfig/config/analog/transfer/intervalExamples").asInt(-1), result.at("/resolvedConfig").toString());
    assertEquals(0.5, result.at("/resolvedConfig/config/analog/tile/devices/capacitor/leakTimeConstantSeconds").asDouble(), 0.0,
        "the run records the resolved values, not only the preset's name");
  }

  @Test
  void badPresetFilesExit2NamingFileAndLine() throws Exception {
    String head = "kind: training\nname: %s\ndescription: x\nextends: ambrogio2018\nset:\n";
    bad("unknown", head + "  analog.transfer.every: {value: 3, source: a}\n", ":6: unknown key 'analog.transfer.every'");
    bad("range", head + "  analog.tile.devices.pcm.driftNuMax: {value: 7, source: a}\n", ":6: ", "driftNuMax");
    bad("nosource", head + "  analog.transfer.intervalExamples: {value: 3}\n", ":6: 'analog.transfer.intervalExamples' has no source");
    Files.writeString(presets.resolve("loop-a.yaml"), "kind: training\nname: loop-a\ndescription: x\nextends: loop-b\n");
    Files.writeString(presets.resolve("loop-b.yaml"), "kind: training\nname: loop-b\ndescription: x\nextends: loop-a\n");
    CliRunner r = CliRunner.run("train", "--config", "loop-a", "--show-config");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("'extends' makes a cycle"), r.err());
  }

  private void bad(String name, String text, String... expected) throws Exception {
    Path f = presets.resolve(name + ".yaml");
    Files.writeString(f, String.format(text, name));
    CliRunner r = CliRunner.run("train", "--config", name, "--show-config");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(f.toString()), "names the file: " + r.err());
    for (String x : expected) assertTrue(r.err().contains(x), r.err());
    Files.delete(f);
  }

  private Path features() {
    return BlobFeatures.write(tmp.resolve("feat"), 300, 90);
  }
}
