package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PcmArray#applySetPulses} takes a batch of devices pass by pass; it must give the numbers of
 * {@link PcmArray#applySetPulse} called device after device, pulse after pulse: every device's G_v,
 * t_p, ν and q_s (through the verify-read noise) bit for bit, and the random stream left where the
 * calls leave it (the next reads agree, and so do the saved states). With the preset (cycle-to-cycle
 * noise on the dose, programming noise, drift, a few stuck devices), with many stuck devices, and
 * without drift or noise (no draws at all); several pulses on one device; devices that have drifted.
 */
class PcmSetPulsesBatchTest {
  private static final PcmParams REF = DevicePreset.AMBROGIO2018.pcm();
  private static final int N = 5_000;

  @Test
  void aBatchGivesTheBitsOfOneCallPerPulse() throws IOException {
    sameBits(REF);
  }

  @Test
  void manyStuckDevicesDrawNothingAndChangeNothing() throws IOException {
    sameBits(TestRecords.with(REF, "stuckFraction", 0.4));
  }

  @Test
  void withoutDriftOrNoiseNothingIsDrawn() throws IOException {
    sameBits(TestRecords.with(REF, "setCtoc", 0.0, "programNoiseMicroS", 0.0, "driftNuMin", 0.0, "driftNuMax", 0.0,
        "driftNuSpreadMin", 0.0, "driftNuSpreadMax", 0.0));
  }

  @Test
  void aTimeBeforeADevicesProgrammingChangesNothing() throws IOException {
    PcmArray a = PcmArray.create(REF, 10, 3L);
    a.applySetPulse(7, 2.0);
    byte[] before = state(a);
    double g = a.verifiedConductanceMicroSiemens(2);
    assertThrows(IllegalArgumentException.class, () -> a.applySetPulses(new int[] {2, 7}, new int[] {1, 1}, 2, 1.0));
    assertThrows(IllegalArgumentException.class, () -> a.applySetPulses(new int[] {2, 5}, new int[] {1, 0}, 2, 3.0));
    assertArrayEquals(before, state(a));
    assertEquals(g, a.verifiedConductanceMicroSiemens(2));
  }

  private static void sameBits(PcmParams p) throws IOException {
    PcmArray batch = PcmArray.create(p, N, 21L);
    PcmArray single = PcmArray.create(p, N, 21L);
    SplittableRandom rnd = new SplittableRandom(5);
    int[] cells = new int[N];
    int[] pulses = new int[N];
    double t = 0;
    for (int round = 0; round < 12; round++) {
      // From 0.5 ms to seconds apart: within and beyond the drift onset.
      t += Math.pow(10, -3.3 + 3.5 * rnd.nextDouble());
      int count = round == 3 ? 0 : 1 + rnd.nextInt(round % 2 == 0 ? 300 : 2_000);
      int[] order = shuffled(rnd);
      for (int k = 0; k < count; k++) {
        cells[k] = order[k];
        pulses[k] = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(4) : 1;
      }
      batch.applySetPulses(cells, pulses, count, t);
      for (int k = 0; k < count; k++) for (int q = 0; q < pulses[k]; q++) single.applySetPulse(cells[k], t);
    }
    for (int i = 0; i < N; i++) {
      assertEquals(bits(single.verifiedConductanceMicroSiemens(i)), bits(batch.verifiedConductanceMicroSiemens(i)), "G_v of device " + i);
      assertEquals(bits(single.lastProgrammedSeconds(i)), bits(batch.lastProgrammedSeconds(i)), "t_p of device " + i);
      assertEquals(bits(single.driftExponent(i)), bits(batch.driftExponent(i)), "ν of device " + i);
      assertEquals(bits(single.verifyReadSigmaMicroS(i)), bits(batch.verifyReadSigmaMicroS(i)), "verify-read noise (q_s) of device " + i);
    }
    assertArrayEquals(state(single), state(batch), "saved states (the random stream's included)");
    for (int i = 0; i < 50; i++) assertEquals(bits(single.readMicroSiemens(i, t + 1)), bits(batch.readMicroSiemens(i, t + 1)), "read of device " + i);
  }

  private static int[] shuffled(SplittableRandom rnd) {
    int[] a = new int[N];
    for (int i = 0; i < N; i++) a[i] = i;
    for (int i = N - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int s = a[i];
      a[i] = a[j];
      a[j] = s;
    }
    return a;
  }

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  private static byte[] state(PcmArray a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
