package org.aimc.experiments.config;

import org.aimc.config.RecordOverrides;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aimc.training.TrainingPreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration written as YAML reads back as its preset; edits become overrides; errors name the file and line. */
class ConfigFileTest {
  @TempDir Path dir;

  @Test
  void everyPresetRoundTripsWithoutOverrides() throws Exception {
    for (TrainingPreset p : TrainingPreset.values()) {
      Path f = dir.resolve(p.id() + ".yaml");
      Files.writeString(f, ConfigFile.yaml(p));
      ConfigFile c = ConfigFile.read(f);
      assertEquals(new ConfigFile(p.id(), List.of()), c, p.id());
      assertEquals(p.config(), RecordOverrides.apply(TrainingPreset.byId(c.base()).config(), c.overrides()));
    }
  }

  @Test
  void anEditedValueIsAnOverrideAndSetWins() throws Exception {
    Path f = dir.resolve("my.yml");
    Files.writeString(f, ConfigFile.yaml(TrainingPreset.AMBROGIO2018).replaceFirst("intervalExamples: 8000", "intervalExamples: 4000"));
    assertEquals(new ConfigFile("ambrogio2018", List.of("analog.transfer.intervalExamples=4000")), ConfigFile.read(f));
    assertEquals(new ConfigFile("ambrogio2018", List.of("analog.transfer.intervalExamples=2000", "learningRate=0.05")),
        ConfigFile.resolve(f.toString(), List.of("analog.transfer.intervalExamples=2000", "learningRate=0.05")));
    assertEquals(new ConfigFile("software", List.of("learningRate=0.05")), ConfigFile.resolve("software", List.of("learningRate=0.05")));
  }

  @Test
  void unknownKeysAndBadValuesNameTheFileAndLine() throws Exception {
    String text = ConfigFile.yaml(TrainingPreset.AMBROGIO2018);
    List<String> lines = text.lines().toList();
    int leak = lines.indexOf(lines.stream().filter(l -> l.contains("leakTimeConstantSeconds:")).findFirst().orElseThrow()) + 1;
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, text.replace("leakTimeConstantSeconds:", "leakTimeConstantSecond:"));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f));
    assertTrue(unknown.getMessage().startsWith(f + ":" + leak + ": unknown key") && unknown.getMessage().contains("leakTimeConstantSeconds"),
        unknown.getMessage());
    Files.writeString(f, text.replaceFirst("stepCtoc: [0-9.eE-]+", "stepCtoc: 7"));
    int ctoc = lines.indexOf(lines.stream().filter(l -> l.contains("stepCtoc:")).findFirst().orElseThrow()) + 1;
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f));
    assertTrue(range.getMessage().startsWith(f + ":" + ctoc + ": ") && range.getMessage().contains("stepCtoc"), range.getMessage());
    Files.writeString(f, "base: ambrogio2018\nconfig:\n  learningRate: [1, 2\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f)).getMessage().startsWith(f + ":"));
    Files.writeString(f, "base: ambrogio2019\n");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(f)).getMessage().startsWith(f + ":1: unknown configuration"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ConfigFile.read(dir.resolve("none.yaml"))).getMessage().contains("no such file"));
  }

  /** Issue 31: --config sw.conf, a file that exists, is read as a configuration file, not looked up as a preset's name. */
  @Test
  void aConfigurationFileOfAnyNameIsAFile() throws Exception {
    Path f = dir.resolve("sw.conf");
    Files.writeString(f, ConfigFile.yaml(TrainingPreset.SOFTWARE).replaceFirst("learningRate: 0.01", "learningRate: 0.02"));
    assertTrue(ConfigFile.isFile(f.toString()));
    ConfigFile c = ConfigFile.resolve(f.toString(), List.of());
    assertEquals("software", c.base());
    assertEquals(List.of("learningRate=0.02"), c.overrides());
    assertFalse(ConfigFile.isFile("software"));
    assertFalse(ConfigFile.isFile(dir.resolve("absent.conf").toString()));
  }
}
