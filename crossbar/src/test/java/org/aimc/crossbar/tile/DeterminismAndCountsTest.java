package org.aimc.crossbar.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.junit.jupiter.api.Test;

class DeterminismAndCountsTest {
  private static final TileConfig SMALL = TileConfig.ambrogio2018().withSize(64, 32);

  /** A short training-like sequence on the full ambrogio2018 tile; returns every output concatenated. */
  private static float[] run(long seed) {
    int in = 100;
    int out = 40;
    AnalogLayer layer = AnalogLayer.create(in, out, SMALL, seed);
    SplittableRandom rnd = new SplittableRandom(77); // same data for every seed
    layer.setWeights(TestData.uniform(rnd, in * out, -0.3, 0.3));
    float[] all = new float[5 * (out + in) + in * out];
    int k = 0;
    float[] y = new float[out];
    float[] z = new float[in];
    for (int step = 0; step < 5; step++) {
      float[] x = TestData.uniform(rnd, in, 0, 1);
      float[] d = TestData.uniform(rnd, out, -0.5, 0.5);
      layer.forward(x, y);
      layer.backward(d, z);
      layer.update(x, d, 0.01f);
      layer.advanceTo(0.01 * (step + 1));
      System.arraycopy(y, 0, all, k, out);
      k += out;
      System.arraycopy(z, 0, all, k, in);
      k += in;
    }
    float[] w = new float[in * out];
    layer.copyWeights(w);
    System.arraycopy(w, 0, all, k, w.length);
    return all;
  }

  @Test
  void sameSeedSameOutputsOtherSeedOtherOutputs() {
    float[] a = run(42L);
    float[] b = run(42L);
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, run(43L)));
  }

  @Test
  void countsFollowTheTileGrid() {
    int in = 100;
    int out = 40; // 2 × 2 tiles of 64 × 32: blocks 64×32, 64×8, 36×32, 36×8
    AnalogLayer layer = AnalogLayer.create(in, out, SMALL, 1L);
    assertEquals(2, layer.tileRows());
    assertEquals(2, layer.tileCols());
    EventCounts c0 = layer.counts();
    layer.forward(new float[in], new float[out]);
    EventCounts f = layer.counts().minus(c0);
    assertEquals(4, f.get(Event.FORWARD_MVMS));
    assertEquals((long) in * out, f.get(Event.MVM_CELL_OPERATIONS));
    assertEquals((long) in * 2, f.get(Event.DAC_CONVERSIONS), "each input drives a row in both column tiles");
    assertEquals((long) out * 2, f.get(Event.ADC_CONVERSIONS), "each output is converted in both row tiles");
    layer.backward(new float[out], new float[in]);
    EventCounts b = layer.counts().minus(c0).minus(f);
    assertEquals(4, b.get(Event.BACKWARD_MVMS));
    assertEquals((long) out * 2, b.get(Event.DAC_CONVERSIONS));
    assertEquals((long) in * 2, b.get(Event.ADC_CONVERSIONS));
  }

  @Test
  void snapshotsAreImmutableAndAdd() {
    EventCounter c = new EventCounter();
    c.add(Event.TRANSFERS, 3);
    EventCounts s = c.snapshot();
    c.add(Event.TRANSFERS, 2);
    assertEquals(3, s.get(Event.TRANSFERS));
    long[] v = s.values();
    v[Event.TRANSFERS.ordinal()] = 100;
    assertEquals(3, s.get(Event.TRANSFERS), "values() is a copy");
    EventCounts sum = EventCounts.sum(List.of(s, c.snapshot()));
    assertEquals(8, sum.get(Event.TRANSFERS));
    assertEquals(s, sum.minus(c.snapshot()));
    assertEquals(5, sum.asMap().get(Event.TRANSFERS) - 3);
    assertThrows(IllegalArgumentException.class, () -> s.minus(sum), "a later snapshot cannot be subtracted");
  }
}
