package org.aimc.experiments.config;

import org.aimc.config.RecordOverrides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.junit.jupiter.api.Test;

class RecordOverridesTest {
  enum Mode { FAST_PATH, SLOW }

  record Inner(double rate, int count) {
    Inner {
      if (!(rate >= 0)) throw new IllegalArgumentException("rate = " + rate + " is outside the allowed range [0, +inf)");
    }
  }

  record Outer(String name, long seed, boolean on, Mode mode, Double boxed, float f, Inner inner, Inner other) {}

  static final Outer BASE = new Outer("a", 1L, false, Mode.SLOW, 2.0, 1f, new Inner(0.5, 3), new Inner(1, 1));

  @Test
  void setsEveryKindOfValueAndLeavesTheRestAlone() {
    Outer o = RecordOverrides.apply(BASE, List.of("name=b c", "seed=9_000_000_000", "on=TRUE", "mode=fast-path", "boxed=1e-3",
        "f=2.5", "inner.rate=inf", "inner.count=7"));
    assertEquals(new Outer("b c", 9_000_000_000L, true, Mode.FAST_PATH, 1e-3, 2.5f, new Inner(Double.POSITIVE_INFINITY, 7), new Inner(1, 1)), o);
    assertSame(BASE, RecordOverrides.apply(BASE, List.of()));
    assertEquals(Mode.FAST_PATH, RecordOverrides.apply(BASE, List.of("mode=FAST_PATH")).mode());
  }

  @Test
  void unknownKeyListsTheAllowedKeys() {
    var e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("nope=1")));
    assertEquals("unknown key 'nope'; allowed keys: name, seed, on, mode, boxed, f, inner.rate, inner.count, other.rate, other.count",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("inner.nope=1")));
    assertEquals("unknown key 'inner.nope'; allowed keys: inner.rate, inner.count", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("seed.x=1")));
    assertTrue(e.getMessage().startsWith("unknown key 'seed.x'; allowed keys: name, seed"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("inner=1")));
    assertEquals("key 'inner' is a group, not a value; set one of: inner.rate, inner.count", e.getMessage());
  }

  @Test
  void unparsableValueSaysTheExpectedType() {
    var e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("inner.rate=fast")));
    assertEquals("value 'fast' for key 'inner.rate' is not a number (e.g. 0.05, 1e-9, inf)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("inner.count=1.5")));
    assertEquals("value '1.5' for key 'inner.count' is not an integer (32-bit)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("on=yes")));
    assertEquals("value 'yes' for key 'on' is not a boolean (true or false)", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("mode=medium")));
    assertEquals("value 'medium' for key 'mode' is not one of: fast_path, slow", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("boxed=0x10")));
    assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("boxed=1d")));
  }

  @Test
  void malformedAssignmentsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("seed")));
    assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("=3")));
    var e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("seed=1", "seed=2")));
    assertEquals("key 'seed' is set twice", e.getMessage());
  }

  @Test
  void constructorValidationPropagatesAsIllegalArgument() {
    var e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(BASE, List.of("inner.rate=-1")));
    assertEquals("rate = -1.0 is outside the allowed range [0, +inf) (after inner.rate=-1)", e.getMessage());
    // On the real device records: the devices module's message, with the override that caused it.
    e = assertThrows(IllegalArgumentException.class,
        () -> RecordOverrides.apply(DevicePreset.AMBROGIO2018.params(), List.of("pcm.driftNuMin=nan")));
    assertTrue(e.getMessage().startsWith("driftNuMin = NaN is outside the allowed range [0.0, 1.0]"), e.getMessage());
  }

  @Test
  void worksOnTheDevicePresets() {
    DeviceParams p = RecordOverrides.apply(DevicePreset.AMBROGIO2018.params(),
        List.of("pcm.driftNuMax=0.2", "capacitor.leakTimeConstantSeconds=inf", "pcm.tuneMaxPulses=20"));
    assertEquals(0.2, p.pcm().driftNuMax());
    assertEquals(20, p.pcm().tuneMaxPulses());
    assertEquals(Double.POSITIVE_INFINITY, p.capacitor().leakTimeConstantSeconds());
    assertEquals(DevicePreset.AMBROGIO2018.capacitor().stepCtoc(), p.capacitor().stepCtoc());
    // PCM, capacitor, and the keys of a pulsed device in each of the two roles (fast, slow).
    assertEquals(37 + 17 + 2 * org.aimc.devices.PulsedDeviceParams.class.getRecordComponents().length, RecordOverrides.keys(DeviceParams.class).size());
  }
}
