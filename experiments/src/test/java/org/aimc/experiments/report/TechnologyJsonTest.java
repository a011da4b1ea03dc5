package org.aimc.experiments.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aimc.crossbar.energy.TechParameter;
import org.aimc.crossbar.energy.TechnologyTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TechnologyJsonTest {
  @TempDir Path tmp;

  @Test
  void aWrittenTableReadsBackTheSame() {
    Path f = tmp.resolve("t.json");
    TechnologyJson.write(f, TechnologyTable.ambrogio2018());
    TechnologyTable t = TechnologyJson.read(f);
    assertEquals(TechnologyTable.ambrogio2018().entries(), t.entries());
    assertEquals("ambrogio2018", t.name());
  }

  @Test
  void aMissingEntryIsNamed() throws Exception {
    Path f = tmp.resolve("t.json");
    TechnologyJson.write(f, TechnologyTable.ambrogio2018());
    String s = Files.readString(f).replaceFirst("\"adcEnergyPj\" : \\{[^}]*\\},", "");
    assertFalse(s.contains("adcEnergyPj"));
    Files.writeString(f, s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f));
    assertTrue(e.getMessage().contains("missing entry 'adcEnergyPj'"), e.getMessage());
  }

  @Test
  void aNegativeEntryIsNamed() throws Exception {
    Path f = tmp.resolve("neg.json");
    Files.writeString(f, "{\"name\": \"neg\", \"base\": \"ambrogio2018\", \"entries\": {\"pcmResetEnergyPj\": {\"value\": -3, \"source\": \"x\"}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f));
    assertTrue(e.getMessage().contains("'pcmResetEnergyPj' must not be negative"), e.getMessage());
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }

  @Test
  void aPartialTableOnABaseAndBareNumbers() throws Exception {
    Path f = tmp.resolve("mine.json");
    Files.writeString(f, "{\"name\": \"mine\", \"base\": \"ambrogio2018\", \"entries\": {\"adcEnergyPj\": 0.5}}");
    TechnologyTable t = TechnologyJson.read(f);
    assertEquals(0.5, t.get(TechParameter.ADC_ENERGY));
    assertEquals("mine.json (no source given)", t.source(TechParameter.ADC_ENERGY));
    assertEquals(TechnologyTable.ambrogio2018().get(TechParameter.PCM_SET_ENERGY), t.get(TechParameter.PCM_SET_ENERGY));
  }

  @Test
  void badFilesAreRefusedClearly() throws Exception {
    Path f = tmp.resolve("bad.json");
    Files.writeString(f, "{not json");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f)).getMessage().contains("not valid JSON"));
    Files.writeString(f, "{\"name\": \"x\"}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f)).getMessage().contains("'entries'"));
    Files.writeString(f, "{\"name\": \"x\", \"base\": \"ambrogio2018\", \"entries\": {\"adcEnergyPj\": \"cheap\"}}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f)).getMessage().contains("'adcEnergyPj' needs a numeric value"));
    Files.writeString(f, "{\"name\": \"x\", \"base\": \"nope\", \"entries\": {}}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TechnologyJson.read(f)).getMessage().contains("unknown technology preset 'nope'"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TechnologyJson.resolve(tmp.resolve("absent.json").toString()))
        .getMessage().contains("neither a preset"));
  }
}
