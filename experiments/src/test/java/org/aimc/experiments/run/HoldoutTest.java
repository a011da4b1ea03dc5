package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.aimc.training.Examples;
import org.junit.jupiter.api.Test;

class HoldoutTest {
  /** 1,000 examples whose single feature is their index. */
  private static Examples indexed() {
    float[] x = new float[1000];
    byte[] y = new byte[1000];
    for (int i = 0; i < 1000; i++) {
      x[i] = i;
      y[i] = (byte) (i % 10);
    }
    return new Examples(x, y, 1);
  }

  @Test
  void splitsIntoDisjointPartsThatCoverEverythingSameSeedSameSplit() {
    Holdout.Split a = Holdout.split(indexed(), 100, 7);
    assertEquals(900, a.train().count());
    assertEquals(100, a.validation().count());
    Set<Float> seen = new HashSet<>();
    for (float f : a.train().features()) seen.add(f);
    for (float f : a.validation().features()) seen.add(f);
    assertEquals(1000, seen.size());
    for (int i = 0; i < 100; i++) assertEquals((int) a.validation().features()[i] % 10, a.validation().labels()[i], "labels travel with their examples");
    assertArrayEquals(a.validation().features(), Holdout.split(indexed(), 100, 7).validation().features());
    assertEquals(false, java.util.Arrays.equals(a.validation().features(), Holdout.split(indexed(), 100, 8).validation().features()));
    assertThrows(IllegalArgumentException.class, () -> Holdout.split(indexed(), 1000, 1));
  }
}
