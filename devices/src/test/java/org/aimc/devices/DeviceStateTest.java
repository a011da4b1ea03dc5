package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Checkpoints of the device arrays: an array restored from a saved state continues a random
 * workload with the same numbers, bit for bit, as the array it was saved from; a state that does
 * not fit is refused with a message that names the mismatch.
 */
class DeviceStateTest {
  private static final PcmParams PCM = DevicePreset.AMBROGIO2018.pcm();
  /** Leakage with a per-cell spread (the leak-factor memo is used), cycle-to-cycle noise, nonlinear steps. */
  private static final CapacitorParams CAP = DevicePreset.CAPACITOR_ASYMMETRIC.capacitor();

  // ---------------------------------------------------------------- workloads

  /**
   * Random SET pulses, RESETs, closed-loop tunings and noisy reads on random devices, at times from
   * {@code t0} on, crossing the drift reference time; returns every read, tuning result and, at the
   * end, every device's true conductance.
   */
  private static double[] pcmWorkload(PcmArray a, long seed, double t0, int steps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] trace = new double[steps * 5 + a.size()];
    int k = 0;
    double t = t0;
    for (int s = 0; s < steps; s++) {
      t += rnd.nextDouble() < 0.1 ? 15.0 : 1e-3 * rnd.nextDouble();
      int cell = rnd.nextInt(a.size());
      int op = rnd.nextInt(10);
      if (op < 5) {
        a.applySetPulse(cell, t);
        trace[k++] = a.conductanceMicroSiemens(cell, t);
      } else if (op < 6) {
        a.reset(cell, t);
      } else if (op < 8) {
        TuningResult r = a.tune(cell, 20.0 * rnd.nextDouble(), t);
        trace[k++] = r.setPulses();
        trace[k++] = r.resetPulses();
        trace[k++] = r.verifyReads();
        trace[k++] = r.finalMicroSiemens();
      } else {
        trace[k++] = a.readMicroSiemens(cell, t);
      }
    }
    for (int i = 0; i < a.size(); i++) trace[k++] = a.conductanceMicroSiemens(i, t + 30);
    return Arrays.copyOf(trace, k);
  }

  /**
   * Random pull-ups and pull-downs (1 to 40 pulses: the loop and the closed form), forced voltages,
   * re-initialisations and clock steps (mostly one fixed Δt, so the leak-factor memo is hit), from
   * time {@code t0}; returns every touched cell's V_C and g and, at the end, every V_C.
   */
  private static double[] capWorkload(CapacitorArray a, long seed, int steps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] trace = new double[steps * 2 + a.size()];
    int k = 0;
    for (int s = 0; s < steps; s++) {
      int cell = rnd.nextInt(a.size());
      int op = rnd.nextInt(20);
      if (op < 8) {
        a.charge(cell, 1 + rnd.nextInt(40));
      } else if (op < 16) {
        a.discharge(cell, 1 + rnd.nextInt(40));
      } else if (op < 17) {
        a.reinitialize(cell);
      } else if (op < 18) {
        a.setVoltage(cell, 0.2 + 0.6 * rnd.nextDouble());
      } else {
        a.advanceTo(a.timeSeconds() + (op < 19 ? 1e-3 : 1e-3 * rnd.nextDouble()));
      }
      trace[k++] = a.voltage(cell);
      trace[k++] = a.conductanceMicroSiemens(cell);
    }
    for (int i = 0; i < a.size(); i++) trace[k++] = a.voltage(i);
    return Arrays.copyOf(trace, k);
  }

  private static byte[] save(PcmArray a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static byte[] save(CapacitorArray a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static DataInputStream in(byte[] b) {
    return new DataInputStream(new ByteArrayInputStream(b));
  }

  // ---------------------------------------------------------------- exact resume

  @Test
  void pcmArrayResumesBitForBit() throws IOException {
    PcmArray a = PcmArray.create(PCM, 300, 11L);
    pcmWorkload(a, 1L, 0.0, 3000);
    byte[] state = save(a);
    double[] continued = pcmWorkload(a, 2L, 1e5, 3000);

    PcmArray b = PcmArray.create(PCM, 300, 11L);
    b.readState(in(state));
    assertArrayEquals(continued, pcmWorkload(b, 2L, 1e5, 3000));
    assertArrayEquals(save(a), save(b), "the states after the continuation are equal too");

    // The comparison can fail: a fresh array (same draws, other dynamic state) continues otherwise.
    PcmArray fresh = PcmArray.create(PCM, 300, 11L);
    assertFalse(Arrays.equals(continued, pcmWorkload(fresh, 2L, 1e5, 3000)));
  }

  @Test
  void capacitorArrayResumesBitForBit() throws IOException {
    CapacitorArray a = CapacitorArray.create(CAP, 300, 12L);
    capWorkload(a, 1L, 5000);
    a.advanceTo(a.timeSeconds() + 1e-3); // the leak-factor memo holds Δt = 1 ms in a only
    byte[] state = save(a);
    double[] continued = capWorkload(a, 2L, 5000);

    CapacitorArray b = CapacitorArray.create(CAP, 300, 12L);
    b.readState(in(state));
    assertArrayEquals(continued, capWorkload(b, 2L, 5000));
    assertArrayEquals(save(a), save(b));

    CapacitorArray fresh = CapacitorArray.create(CAP, 300, 12L);
    assertFalse(Arrays.equals(continued, capWorkload(fresh, 2L, 5000)));
  }

  /** Only the random stream differs between the saved and the fresh array: its state is saved. */
  @Test
  void theCycleToCycleStreamIsPartOfTheState() throws IOException {
    CapacitorArray a = CapacitorArray.create(CAP, 4, 3L);
    for (int k = 0; k < 100; k++) {
      a.charge(0, 1);
      a.reinitialize(0);
    }
    CapacitorArray b = CapacitorArray.create(CAP, 4, 3L);
    b.readState(in(save(a)));
    CapacitorArray fresh = CapacitorArray.create(CAP, 4, 3L);
    a.charge(1, 3);
    b.charge(1, 3);
    fresh.charge(1, 3);
    assertTrue(a.voltage(1) == b.voltage(1));
    assertFalse(a.voltage(1) == fresh.voltage(1));
  }

  // ---------------------------------------------------------------- refusals

  @Test
  void mismatchedSeedCountOrParametersAreRefused() throws IOException {
    byte[] pcm = save(PcmArray.create(PCM, 50, 7L));
    IOException e = assertThrows(IOException.class, () -> PcmArray.create(PCM, 50, 8L).readState(in(pcm)));
    assertTrue(e.getMessage().contains("seed 7") && e.getMessage().contains("seed 8"), e.getMessage());
    e = assertThrows(IOException.class, () -> PcmArray.create(PCM, 51, 7L).readState(in(pcm)));
    assertTrue(e.getMessage().contains("50 devices") && e.getMessage().contains("51 devices"), e.getMessage());
    PcmParams other = TestRecords.with(PCM, "driftNuMax", 0.06);
    e = assertThrows(IOException.class, () -> PcmArray.create(other, 50, 7L).readState(in(pcm)));
    assertTrue(e.getMessage().contains("other parameters"), e.getMessage());

    byte[] cap = save(CapacitorArray.create(CAP, 50, 7L));
    e = assertThrows(IOException.class, () -> CapacitorArray.create(CAP, 50, 9L).readState(in(cap)));
    assertTrue(e.getMessage().contains("seed 9"), e.getMessage());
    e = assertThrows(IOException.class, () -> CapacitorArray.create(CAP, 50, 7L).readState(in(pcm)));
    assertTrue(e.getMessage().contains("not a CapacitorArray state"), e.getMessage());
  }

  @Test
  void truncatedStateIsRefusedAndLeavesTheArrayUnchanged() throws IOException {
    PcmArray a = PcmArray.create(PCM, 50, 7L);
    pcmWorkload(a, 1L, 0.0, 200);
    byte[] full = save(a);
    PcmArray b = PcmArray.create(PCM, 50, 7L);
    byte[] before = save(b);
    for (int cut : new int[] {3, 30, full.length / 2, full.length - 1}) {
      EOFException e = assertThrows(EOFException.class, () -> b.readState(in(Arrays.copyOf(full, cut))));
      assertTrue(e.getMessage().contains("PcmArray") && e.getMessage().contains("truncated"), e.getMessage());
      assertArrayEquals(before, save(b), "nothing restored from a truncated state (cut at " + cut + ")");
    }

    CapacitorArray c = CapacitorArray.create(CAP, 50, 7L);
    capWorkload(c, 1L, 200);
    byte[] cfull = save(c);
    CapacitorArray d = CapacitorArray.create(CAP, 50, 7L);
    EOFException e = assertThrows(EOFException.class, () -> d.readState(in(Arrays.copyOf(cfull, cfull.length - 8))));
    assertTrue(e.getMessage().contains("CapacitorArray") && e.getMessage().contains("truncated"), e.getMessage());
  }
}
