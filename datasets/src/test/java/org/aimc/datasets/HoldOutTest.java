package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The validation split: disjoint, complete, fixed by its seed, the same for every caller. */
class HoldOutTest {

  @Test
  void theSplitIsDisjointCompleteAndDeterministic() {
    HoldOut h = new HoldOut(10_000, HoldOut.SEED);
    HoldOut.Parts a = h.split(60_000);
    assertEquals(50_000, a.train().length);
    assertEquals(10_000, a.validation().length);
    BitSet seen = new BitSet();
    for (int i : a.train()) seen.set(i);
    for (int i : a.validation()) {
      assertFalse(seen.get(i), "index " + i + " is in both parts");
      seen.set(i);
    }
    assertEquals(60_000, seen.cardinality(), "every training example is in one part");
    HoldOut.Parts b = new HoldOut(10_000, HoldOut.SEED).split(60_000);
    assertArrayEquals(a.validation(), b.validation(), "same seed, same split");
    assertArrayEquals(a.train(), b.train());
    assertFalse(Arrays.equals(a.validation(), new HoldOut(10_000, HoldOut.SEED + 1).split(60_000).validation()), "another seed, another split");
    assertTrue(isAscending(a.train()) && isAscending(a.validation()), "both parts keep the file's order");
    // Not a block: a seeded draw spreads over the whole file (about 1/6 of each sixth).
    for (int sixth = 0; sixth < 6; sixth++) {
      int lo = sixth * 10_000;
      long inSixth = Arrays.stream(a.validation()).filter(i -> i >= lo && i < lo + 10_000).count();
      // Hypergeometric sd ≈ sqrt(10,000 · 1/6 · 5/6 · 5/6) ≈ 34; 6 sd.
      assertEquals(10_000 / 6.0, inSixth, 6 * 34, "validation images in sixth " + sixth);
    }
  }

  private static boolean isAscending(int[] a) {
    for (int i = 1; i < a.length; i++) if (a[i] <= a[i - 1]) return false;
    return true;
  }

  @Test
  void imagesAreSplitByTheSameIndices() {
    int n = 30;
    byte[] px = new byte[n * 4];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(px, i * 4, i * 4 + 4, (byte) i);
      labels[i] = (byte) (i % 10);
    }
    LabeledImages all = new LabeledImages("toy/train", 2, 2, px, labels, 10);
    HoldOut h = new HoldOut(7, 5L);
    HoldOut.Images parts = h.apply(all);
    HoldOut.Parts idx = h.split(n);
    assertEquals(23, parts.train().count());
    assertEquals(7, parts.validation().count());
    for (int k = 0; k < 7; k++) {
      int i = idx.validation()[k];
      assertEquals(labels[i], parts.validation().labels()[k]);
      assertEquals((byte) i, parts.validation().pixels()[k * 4 + 3], "the image travels with its label");
    }
  }

  @Test
  void aValidationPartAsLargeAsTheTrainingSetNamesTheOption() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HoldOut(100, 1L).split(100));
    assertTrue(e.getMessage().startsWith("--validation 100 is not smaller than the 100 training examples"), e.getMessage());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new HoldOut(0, 1L));
    assertTrue(zero.getMessage().startsWith("--validation 0"), zero.getMessage());
  }

  @Test
  void theBuiltInDataSetsStateTheirSplits() {
    assertEquals(60_000, Datasets.trainingCount("mnist"));
    assertEquals(10_000, Datasets.holdOut("mnist").validationCount(), "MNIST: 50,000 / 10,000");
    assertEquals(12_000, Datasets.trainingCount("mnist-backrand"));
    assertEquals(2_000, Datasets.holdOut("mnist-backrand").validationCount(), "Larochelle: 10,000 / 2,000");
    assertEquals(HoldOut.SEED, Datasets.holdOut("mnist").seed());
  }
}
