package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
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
          }
        }
      }
    }
    assertTrue(resets > N, "many RESETs: " + resets);
    for (int c = 0; c < N; c++) {
      assertEquals(Double.doubleToRawLongBits(computed.driftExponent(c)), Double.doubleToRawLongBits(table.driftExponent(c)), "ν of device " + c);
      assertEquals(Double.doubleToRawLongBits(computed.verifyReadSigmaMicroS(c)), Double.doubleToRawLongBits(table.verifyReadSigmaMicroS(c)), "q_s of device " + c);
      assertEquals(Double.doubleToRawLongBits(computed.readMicroSiemens(c, t + 100)), Double.doubleToRawLongBits(table.readMicroSiemens(c, t + 100)),
          "drifted read of device " + c);
    }
    assertArrayEquals(state(computed), state(table));
  }

  private static byte[] state(PcmArray a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
