package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChecksTest {
  /** The sparse paths (the DAC, the exact update) go over these indices only: none may be lost or added. */
  @Test
  void nonzeroIndicesListsEveryNonzeroEntryInOrderAndNoZero() {
    float[] a = {7f, 0f, 1f, -0f, Float.NaN, 0f, -2f, 1e-45f, 0f};
    int[] out = new int[7];
    assertEquals(4, Checks.nonzeroIndices(a, 1, 7, out));
    assertArrayEquals(new int[] {1, 3, 5, 6}, Arrays.copyOf(out, 4));
    assertEquals(0, Checks.nonzeroIndices(new float[] {0f, -0f}, 0, 2, out));
  }

  /**
   * The scale of the DAC and of the update's trains: the vector scan must give the plain loop's
   * value (a maximum is exact in any order) at every length and offset, and carry a NaN or an
   * infinity to the check, which must name where it is.
   */
  @Test
  void maxAbsFiniteGivesThePlainLoopsValueAndRejectsNonFiniteEntries() {
    assertTrue(Checks.VECTOR, "the tests run with jdk.incubator.vector, as ./aimc does");
    java.util.Random rnd = new java.util.Random(7);
    float[] a = new float[300];
    for (int trial = 0; trial < 2000; trial++) {
      int off = rnd.nextInt(20);
      int len = rnd.nextInt(a.length - off + 1);
      for (int i = 0; i < a.length; i++) {
        int kind = rnd.nextInt(5);
        a[i] = kind == 0 ? 0f : kind == 1 ? -0f : (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(8) - 4));
      }
      float plain = Checks.maxAbs(a, off, len);
      assertEquals(Float.floatToRawIntBits(plain), Float.floatToRawIntBits(VectorScans.maxAbs(a, off, len)), "trial " + trial);
      assertEquals(Float.floatToRawIntBits(plain), Float.floatToRawIntBits(Checks.maxAbsFinite(a, off, len, "x")));
    }
    // 103 from offset 3: a tail after the vectors at any lane count. Many times over, so that the
    // compiled scan meets the non-finite values, not only the interpreter.
    float[] x = new float[106];
    for (int rep = 0; rep < 3000; rep++) {
      for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
        for (int at : new int[] {0, 5, 16, 37, 101, 102}) { // in the vector part and in the tail
          Arrays.fill(x, 0.5f);
          x[3 + at] = bad;
          x[3 + (at + 50) % 103] = 1e30f;
          assertTrue(Float.isNaN(Checks.maxAbs(x, 3, 103)) || Checks.maxAbs(x, 3, 103) == Float.POSITIVE_INFINITY);
          assertEquals(Float.floatToRawIntBits(Checks.maxAbs(x, 3, 103)) == Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
              VectorScans.maxAbs(x, 3, 103) == Float.POSITIVE_INFINITY, "the vector scan keeps what the plain loop finds");
          assertEquals(Float.isNaN(Checks.maxAbs(x, 3, 103)), Float.isNaN(VectorScans.maxAbs(x, 3, 103)));
          if (rep % 500 == 0) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checks.maxAbsFinite(x, 3, 103, "x"));
            assertEquals("x[" + at + "] = " + bad + " is not finite", e.getMessage());
          }
        }
      }
    }
  }
}
