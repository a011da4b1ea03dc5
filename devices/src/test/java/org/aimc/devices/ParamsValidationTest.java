package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Bad-input tests: every parameter rejects NaN and out-of-range values with a message naming it. */
class ParamsValidationTest {
  private static final PcmParams PCM = DevicePreset.AMBROGIO2018.pcm();
  private static final CapacitorParams CAP = DevicePreset.AMBROGIO2018.capacitor();

  @Test
  void everyDoubleComponentRejectsNanWithItsNameValueAndRange() {
    int checked = 0;
    for (Record r : List.<Record>of(PCM, CAP)) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getType() != double.class) continue;
        IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> TestRecords.with(r, c.getName(), Double.NaN), c.getName());
        assertTrue(e.getMessage().contains(c.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed range") || e.getMessage().contains("must"), "names the allowed range: " + e.getMessage());
        checked++;
      }
    }
    assertEquals(37 - 2 + 17, checked); // 35 doubles + 2 ints in PcmParams, 17 doubles in CapacitorParams
  }

  @Test
  void everyDoubleComponentRejectsMinusInfinity() {
    for (Record r : List.<Record>of(PCM, CAP)) {
      for (RecordComponent c : r.getClass().getRecordComponents()) {
        if (c.getType() != double.class) continue;
        assertThrows(IllegalArgumentException.class, () -> TestRecords.with(r, c.getName(), Double.NEGATIVE_INFINITY), c.getName());
      }
    }
  }

  @Test
  void rangesAndRelations() {
    var e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "driftNuMin", -0.01));
    assertEquals("driftNuMin = -0.01 is outside the allowed range [0.0, 1.0]", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "driftNuMax", 0.01));
    assertTrue(e.getMessage().startsWith("driftNuMax = 0.01 is outside the allowed range [0.049"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "gSatDtod", 0.31));
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "tuneMaxPulses", 0));
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "tuneToleranceMicroS", 0.0));
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "gResetMicroS", 20.0));
    assertTrue(e.getMessage().contains("gUsefulMaxMicroS"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "gUsefulMaxMicroS", 30.0));
    assertTrue(e.getMessage().contains("gSatMicroS"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(CAP, "vInitVolts", 1.5));
    assertTrue(e.getMessage().contains("vInitVolts = 1.5 must be less than vMaxVolts = 1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(CAP, "vLeakVolts", 1.2));
    assertTrue(e.getMessage().contains("vLeakVolts = 1.2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> TestRecords.with(CAP, "chargeStepVolts", 0.4));
    assertTrue(e.getMessage().contains("chargeStepVolts"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(CAP, "stepCtoc", 1.5));
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(CAP, "leakTimeConstantSeconds", 0.0));
    // +Infinity means "no leakage" and is allowed; it is not allowed where a finite value is needed.
    TestRecords.with(CAP, "leakTimeConstantSeconds", Double.POSITIVE_INFINITY);
    assertThrows(IllegalArgumentException.class, () -> TestRecords.with(PCM, "verifyReadDelaySeconds", Double.POSITIVE_INFINITY));
  }

  @Test
  void badArgumentsToArrays() {
    assertThrows(IllegalArgumentException.class, () -> PcmArray.create(PCM, -1, 1));
    assertThrows(IllegalArgumentException.class, () -> PcmArray.create(null, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> CapacitorArray.create(CAP, -1, 1));
    PcmArray pcm = PcmArray.create(PCM, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> pcm.tune(0, Double.NaN, 0));
    assertThrows(IllegalArgumentException.class, () -> pcm.tune(0, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> pcm.applySetPulse(0, 0, Double.NaN));
    pcm.applySetPulse(0, 10);
    var e = assertThrows(IllegalArgumentException.class, () -> pcm.conductanceMicroSiemens(0, 5));
    assertTrue(e.getMessage().contains("before"), e.getMessage());
    CapacitorArray cap = CapacitorArray.create(CAP, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> cap.charge(0, -1));
    assertThrows(IllegalArgumentException.class, () -> cap.discharge(0, -3));
    cap.advanceTo(1);
    assertThrows(IllegalArgumentException.class, () -> cap.advanceTo(0.5));
    assertThrows(IllegalArgumentException.class, () -> cap.advanceTo(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> cap.setVoltage(0, 1.5));
  }

  @Test
  void presetsByIdAndSources() {
    for (DevicePreset p : DevicePreset.values()) {
      assertEquals(p, DevicePreset.byId(p.id()));
      assertEquals(p, DevicePreset.byId(p.id().toUpperCase(java.util.Locale.ROOT)));
      // Every value of every preset has a written source.
      Set<String> keys = new TreeSet<>();
      for (RecordComponent c : PcmParams.class.getRecordComponents()) keys.add("pcm." + c.getName());
      for (RecordComponent c : CapacitorParams.class.getRecordComponents()) keys.add("capacitor." + c.getName());
      for (String role : List.of("fast", "slow")) { // null (the paper's device) or a pulsed device preset
        keys.add(role);
        PulsedDeviceParams d = role.equals("fast") ? p.params().fast() : p.params().slow();
        if (d != null) for (RecordComponent c : PulsedDeviceParams.class.getRecordComponents()) keys.add(role + "." + c.getName());
      }
      assertEquals(keys, new TreeSet<>(p.sources().keySet()), p.id());
      List<String> blank = new ArrayList<>();
      p.sources().forEach((k, v) -> { if (v == null || v.isBlank()) blank.add(k); });
      assertTrue(blank.isEmpty(), blank.toString());
      assertTrue(p.description().length() > 10);
    }
    var e = assertThrows(IllegalArgumentException.class, () -> DevicePreset.byId("nope"));
    assertTrue(e.getMessage().contains("ambrogio2018, ideal, capacitor-asymmetric"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DevicePreset.byId(null));
  }
}
