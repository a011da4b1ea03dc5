package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bulk calls of the crossbar's hot paths give the same numbers, bit for bit and random draws
 * included, as the per-device calls they replace.
 */
class BulkOperationsTest {

  /**
   * Distinct random cells, several blocks per call (as a crossbar passes a whole update), signed
   * pulse counts from −40 to 40 (0, the loop and the closed form), more cells than one chunk: the
   * same V_C, Δg and charge count as per-cell calls, bit for bit.
   */
  @Test
  void batchedCapacitorPulsesEqualPerCellCalls() {
    for (DevicePreset preset : DevicePreset.values()) {
      CapacitorParams p = preset.capacitor();
      int n = 2000;
      CapacitorArray batched = CapacitorArray.create(p, n, 4L);
      CapacitorArray single = CapacitorArray.create(p, n, 4L);
      SplittableRandom rnd = new SplittableRandom(5);
      int[] cells = new int[n];
      int[] pulses = new int[n];
      double[] dg = new double[n];
      for (int round = 0; round < 200; round++) {
        int count = 1 + rnd.nextInt(round % 10 == 0 ? 1000 : 100);
        boolean[] used = new boolean[n];
        for (int k = 0; k < count; k++) {
          int cell;
          do cell = rnd.nextInt(n); while (used[cell]);
          used[cell] = true;
          cells[k] = cell;
          pulses[k] = rnd.nextInt(81) - 40;
        }
        long charges = batched.applyPulses(cells, pulses, count, dg);
        long expectedCharges = 0;
        for (int k = 0; k < count; k++) {
          int cell = cells[k];
          double before = single.conductanceMicroSiemens(cell);
          single.applyPulses(cell, pulses[k]);
          if (pulses[k] > 0) expectedCharges += pulses[k];
          double expected = single.conductanceMicroSiemens(cell) - before;
          assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(dg[k]), preset + " round " + round);
        }
        assertEquals(expectedCharges, charges, preset + " round " + round);
        if (round % 20 == 0) {
          batched.advanceTo(batched.timeSeconds() + 0.01);
          single.advanceTo(single.timeSeconds() + 0.01);
        }
      }
      for (int c = 0; c < n; c++) assertEquals(single.voltage(c), batched.voltage(c), 0.0, preset + " cell " + c);
    }
  }

  @Test
  void batchedPulsesRefuseCellsOutsideTheArray() {
    CapacitorArray a = CapacitorArray.create(DevicePreset.AMBROGIO2018.capacitor(), 10, 1L);
    double[] dg = new double[1];
    assertThrows(IndexOutOfBoundsException.class, () -> a.applyPulses(new int[] {10}, new int[] {1}, 1, dg));
    assertThrows(IndexOutOfBoundsException.class, () -> a.applyPulses(new int[] {-1}, new int[] {1}, 1, dg));
    assertThrows(IndexOutOfBoundsException.class, () -> a.charge(10, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> a.voltage(-1));
  }

  /**
   * Devices programmed in groups at shared times (as a transfer programs a column) and at their own
   * times, some stuck, read before and after the drift reference time.
   */
  @Test
  void bulkConductancesEqualPerDeviceConductances() {
    PcmParams p = TestRecords.with(DevicePreset.AMBROGIO2018.pcm(), "stuckFraction", 0.1);
    int n = 3000;
    PcmArray a = PcmArray.create(p, n, 6L);
    SplittableRandom rnd = new SplittableRandom(7);
    double t = 0;
    for (int i = 0; i < n; i++) {
      if (i % 50 == 0 || rnd.nextInt(10) == 0) t += rnd.nextDouble();
      if (rnd.nextInt(4) > 0) a.applySetPulse(i, t);
    }
    double[] out = new double[n];
    for (double read : new double[] {t, t + 5, t + 25, t + 1e4}) {
      a.conductancesMicroSiemens(read, out);
      for (int i = 0; i < n; i++) {
        assertEquals(Double.doubleToLongBits(a.conductanceMicroSiemens(i, read)), Double.doubleToLongBits(out[i]),
            "device " + i + " at " + read + " s");
      }
    }
    double early = t - 1;
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.conductancesMicroSiemens(early, out));
    assertTrue(e.getMessage().contains("before"), e.getMessage());
  }

  /** The leak's Δt rounding: within 2⁻⁴¹ relative, idempotent, exact for short binary fractions. */
  @Test
  void leakStepRoundingIsSmallAndAPureFunction() {
    SplittableRandom rnd = new SplittableRandom(8);
    for (int k = 0; k < 10_000; k++) {
      double dt = Math.exp(-30 + 40 * rnd.nextDouble());
      double r = CapacitorArray.roundTo40Bits(dt);
      assertTrue(Math.abs(r - dt) <= 0x1p-41 * dt, dt + " → " + r);
      assertEquals(r, CapacitorArray.roundTo40Bits(r), 0.0);
    }
    assertEquals(0.013, CapacitorArray.roundTo40Bits(0.013), 1e-14);
    assertEquals(0.25, CapacitorArray.roundTo40Bits(0.25), 0.0);
  }
}
