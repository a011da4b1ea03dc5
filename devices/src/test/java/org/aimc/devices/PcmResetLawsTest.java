package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A RESET takes ν's mean and spread and q_s at the device's gReset_i from a table made when the array
 * is created: it must leave the numbers of a RESET that computes them (a logarithm, ν's fixed point,
 * an exponential) every time. Every device's G_v, t_p, ν and q_s, later drifted reads and the random
 * stream, bit for bit, over RESETs on their own and within tunings (the last event of a tuning that
 * ends in a RESET, or a RESET followed by SET pulses), with stuck devices, and without drift.
 */
class PcmResetLawsTest {
  private static final int N = 300;
  private static final PcmParams REF = DevicePreset.AMBROGIO2018.pcm();

  @Test
  void resetFromTheTableGivesTheBitsOfComputingItsLaws() throws IOException {
    sameBits(REF);
  }

  /**
   * The preset's gReset (0.1 µS, 1/250 of gSat) puts every law at its clip bound, the same for
   * every device; at 2 µS none is clipped and each device has its own, so a table of the wrong
   * law or the wrong device's row differs.
   */
  @Test
  void withLawsThatDifferFromDeviceToDevice() throws IOException {
    PcmParams p = TestRecords.with(REF, "gResetMicroS", 2.0);
    PcmArray a = PcmArray.create(p, N, 5L);
    java.util.Set<Long> sigmas = new java.util.HashSet<>();
    java.util.Set<Long> nus = new java.util.HashSet<>();
    for (int c = 0; c < N; c++) {
      a.reset(c, 1.0);
      sigmas.add(Double.doubleToRawLongBits(a.verifyReadSigmaMicroS(c)));
      nus.add(Double.doubleToRawLongBits(a.driftExponent(c)));
    }
    assertTrue(sigmas.size() > N / 2 && nus.size() > N / 2, "q_s and ν after a RESET vary: " + sigmas.size() + ", " + nus.size());
    sameBits(p);
  }

  @Test
  void withStuckDevices() throws IOException {
    sameBits(TestRecords.with(REF, "stuckFraction", 0.3));
  }

  @Test
  void withoutDriftNoNuIsDrawn() throws IOException {
    sameBits(TestRecords.with(REF, "driftNuMin", 0.0, "driftNuMax", 0.0, "driftNuSpreadMin", 0.0, "driftNuSpreadMax", 0.0));
  }

  private static void sameBits(PcmParams p) throws IOException {
    PcmArray table = PcmArray.create(p, N, 5L);
    PcmArray computed = PcmArray.create(p, N, 5L);
    computed.resetLawsFromTable = false;
    SplittableRandom rnd = new SplittableRandom(4);
    double t = 0;
    long resets = 0;
    long tuningsEndingInReset = 0;
    for (int round = 0; round < 6; round++) {
      t += 2.0;
      for (int c = 0; c < N; c++) {
        switch (rnd.nextInt(4)) {
          case 0 -> {
            table.reset(c, t);
            computed.reset(c, t);
            resets++;
          }
          case 1 -> {
            table.applySetPulse(c, t);
            computed.applySetPulse(c, t);
          }
          default -> {
            // Targets at zero and below the present state end in or pass through a RESET.
            double target = rnd.nextInt(4) == 0 ? 0 : 20 * rnd.nextDouble();
            TuningResult a = computed.tune(c, target, t);
            assertEquals(a, table.tune(c, target, t), "tuning of device " + c + " in round " + round);
            resets += a.resetPulses();
            if (a.resetPulses() > 0 && a.setPulses() == 0) tuningsEndingInReset++; // its last event a RESET
          }
        }
      }
    }
    assertTrue(resets > N, "many RESETs: " + resets);
    assertTrue(tuningsEndingInReset > 10, "tunings whose last event is a RESET (its ν deferred): " + tuningsEndingInReset);
    PcmSameBits.assertSameDevices(computed, table, t + 100);
  }
}
