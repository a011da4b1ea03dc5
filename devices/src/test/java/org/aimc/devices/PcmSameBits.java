package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** The comparison of two PCM arrays that must hold the same numbers, for the tests of a faster path against the plain one. */
final class PcmSameBits {
  private PcmSameBits() {}

  /**
   * Every device's ν, q_s (through the verify read's σ) and a drifted read at {@code readTime}, then
   * the saved states (G_v, t_p, ν and the random stream), bit for bit. The reads draw from both
   * streams alike, so they are taken before the states are compared.
   */
  static void assertSameDevices(PcmArray expected, PcmArray actual, double readTime) throws IOException {
    for (int c = 0; c < expected.size(); c++) {
      assertEquals(Double.doubleToRawLongBits(expected.driftExponent(c)), Double.doubleToRawLongBits(actual.driftExponent(c)), "ν of device " + c);
      assertEquals(Double.doubleToRawLongBits(expected.verifyReadSigmaMicroS(c)), Double.doubleToRawLongBits(actual.verifyReadSigmaMicroS(c)),
          "q_s of device " + c);
      assertEquals(Double.doubleToRawLongBits(expected.readMicroSiemens(c, readTime)), Double.doubleToRawLongBits(actual.readMicroSiemens(c, readTime)),
          "drifted read of device " + c);
    }
    assertArrayEquals(state(expected), state(actual));
  }

  static byte[] state(PcmArray a) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }
}
