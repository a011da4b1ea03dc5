package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
