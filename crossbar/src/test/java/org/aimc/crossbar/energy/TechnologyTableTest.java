package org.aimc.crossbar.energy;

import static org.junit.jupiter.api.Assertions.*;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TechnologyTableTest {

  @Test
  void presetsAreCompleteAndEveryEntryHasASource() {
    for (String name : TechnologyTable.presetNames()) {
      TechnologyTable t = TechnologyTable.preset(name);
      for (TechParameter p : TechParameter.values()) {
        assertFalse(t.source(p).isBlank(), name + ": " + p.key());
        assertTrue(t.get(p) >= 0, name + ": " + p.key());
      }
    }
  }

  @Test
  void onlyTheFourNamedEntriesAreCalibratedAndTheirSourcesSayByHowMuch() {
    assertEquals(List.of(), TechnologyTable.estimates2018().calibratedEntries());
    TechnologyTable t = TechnologyTable.ambrogio2018();
    assertEquals(List.of(TechParameter.PCM_READ_ENERGY, TechParameter.CAPACITOR_READ_ENERGY, TechParameter.PCM_DEVICE_AREA,
        TechParameter.CAPACITOR_CELL_AREA), t.calibratedEntries());
    assertTrue(t.source(TechParameter.PCM_READ_ENERGY).contains("×2.3074"), t.source(TechParameter.PCM_READ_ENERGY));
    assertTrue(t.source(TechParameter.CAPACITOR_CELL_AREA).contains("×1.7194"), t.source(TechParameter.CAPACITOR_CELL_AREA));
    TechnologyTable e = TechnologyTable.estimates2018();
    for (TechParameter p : TechParameter.values()) {
      if (!t.calibratedEntries().contains(p)) assertEquals(e.get(p), t.get(p), p.key());
    }
    assertEquals(e.get(TechParameter.PCM_READ_ENERGY) * Calibration.ENERGY_FACTOR, t.get(TechParameter.PCM_READ_ENERGY), 1e-15);
  }

  @Test
  void aMissingEntryIsNamed() {
    Map<TechParameter, TechnologyEntry> m = new EnumMap<>(TechnologyTable.estimates2018().entries());
    m.remove(TechParameter.ADC_ENERGY);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> new TechnologyTable("mine", "", m));
    assertTrue(ex.getMessage().contains("missing entry 'adcEnergyPj'"), ex.getMessage());
    assertTrue(ex.getMessage().contains("'mine'"), ex.getMessage());
  }

  @Test
  void aNegativeOrNonFiniteEntryIsNamed() {
    TechnologyTable t = TechnologyTable.estimates2018();
    IllegalArgumentException neg = assertThrows(IllegalArgumentException.class, () -> t.with(TechParameter.PCM_SET_ENERGY, -1, "x"));
    assertTrue(neg.getMessage().contains("'pcmSetEnergyPj' must not be negative, got -1.0 pJ"), neg.getMessage());
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> t.with(TechParameter.ADC_AREA, Double.NaN, "x"));
    assertTrue(nan.getMessage().contains("'adcAreaUm2' must be finite"), nan.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> t.with(TechParameter.READ_LATENCY, 0, "x"));
    assertTrue(zero.getMessage().contains("'readLatencyNs' must be > 0"), zero.getMessage());
    IllegalArgumentException bits = assertThrows(IllegalArgumentException.class, () -> t.with(TechParameter.ADC_REFERENCE_BITS, 8.5, "x"));
    assertTrue(bits.getMessage().contains("'adcReferenceBits' must be a whole number"), bits.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new TechnologyEntry(1, " "));
  }

  @Test
  void keyedEntriesFromAFile() {
    TechnologyTable base = TechnologyTable.ambrogio2018();
    Map<String, TechnologyEntry> partial = new LinkedHashMap<>();
    partial.put("adcEnergyPj", new TechnologyEntry(3.0, "my ADC"));
    TechnologyTable t = TechnologyTable.fromKeys("mine", "test", partial, base);
    assertEquals(3.0, t.get(TechParameter.ADC_ENERGY));
    assertEquals("my ADC", t.source(TechParameter.ADC_ENERGY));
    assertEquals(base.get(TechParameter.PCM_SET_ENERGY), t.get(TechParameter.PCM_SET_ENERGY));

    IllegalArgumentException noBase = assertThrows(IllegalArgumentException.class, () -> TechnologyTable.fromKeys("mine", "", partial, null));
    assertTrue(noBase.getMessage().contains("missing entry 'pcmReadEnergyPj'"), noBase.getMessage());

    partial.put("adcEnergyPJ", new TechnologyEntry(3.0, "typo"));
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> TechnologyTable.fromKeys("mine", "", partial, base));
    assertTrue(typo.getMessage().contains("unknown technology entry 'adcEnergyPJ'; did you mean 'adcEnergyPj'"), typo.getMessage());

    // round trip through keys
    assertEquals(base.entries(), TechnologyTable.fromKeys(base.name(), base.description(), base.byKey(), null).entries());
  }

  @Test
  void convertersDoublePerBitInEnergyAndAreaAndGrowLinearlyInTime() {
    TechnologyTable t = TechnologyTable.estimates2018();
    assertEquals(1.5625, t.adcEnergyPj(8), 1e-12);
    assertEquals(2 * 1.5625, t.adcEnergyPj(9), 1e-12);
    assertEquals(1.5625 / 2, t.adcEnergyPj(7), 1e-12);
    assertEquals(2 * t.dacEnergyPj(7), t.dacEnergyPj(8), 1e-12);
    assertEquals(4 * t.adcAreaUm2(8), t.adcAreaUm2(10), 1e-9);
    assertEquals(t.adcLatencyNs(8) * 9 / 8, t.adcLatencyNs(9), 1e-12);
  }
}
