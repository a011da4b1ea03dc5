package org.aimc.crossbar.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.junit.jupiter.api.Test;

class CheckpointTest {
  /** Ideal cells with a noisy periphery and stochastic pulses: the state includes the random streams. */
  private static final TileConfig NOISY = TestData.SMALL_IDEAL
      .withPeriphery(PeripheryConfig.ambrogio2018())
      .withUpdate(UpdateConfig.ambrogio2018());

  private static float[] steps(AnalogLayer layer, SplittableRandom rnd, int n) {
    float[] trace = new float[n * (layer.outputs() + layer.inputs())];
    float[] y = new float[layer.outputs()];
    float[] z = new float[layer.inputs()];
    for (int k = 0; k < n; k++) {
      float[] x = TestData.uniform(rnd, layer.inputs(), 0, 1);
      float[] d = TestData.uniform(rnd, layer.outputs(), -0.5, 0.5);
      layer.forward(x, y);
      layer.backward(d, z);
      layer.update(x, d, 0.05f);
      System.arraycopy(y, 0, trace, k * (y.length + z.length), y.length);
      System.arraycopy(z, 0, trace, k * (y.length + z.length) + y.length, z.length);
    }
    return trace;
  }

  @Test
  void resumedLayerContinuesWithTheSameNumbers() throws IOException {
    AnalogLayer a = AnalogLayer.create(70, 40, NOISY, 5L);
    a.setWeights(TestData.uniform(new SplittableRandom(1), 70 * 40, -0.3, 0.3));
    steps(a, new SplittableRandom(2), 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));

    AnalogLayer b = AnalogLayer.create(70, 40, NOISY, 5L);
    b.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(a.counts(), b.counts());
    float[] wa = new float[70 * 40];
    float[] wb = new float[70 * 40];
    a.copyWeights(wa);
    b.copyWeights(wb);
    assertArrayEquals(wa, wb);
    assertArrayEquals(steps(a, new SplittableRandom(3), 4), steps(b, new SplittableRandom(3), 4));
  }

  @Test
  void wrongShapeIsRefused() throws IOException {
    AnalogLayer a = AnalogLayer.create(10, 4, NOISY, 5L);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    AnalogLayer other = AnalogLayer.create(10, 5, NOISY, 5L);
    IOException e = assertThrows(IOException.class,
        () -> other.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
    assertTrue(e.getMessage().contains("10×4"), e.getMessage());
  }

  @Test
  void aStateWrittenBeforeTheNewestEventExistedStillReads() throws IOException {
    AnalogLayer a = AnalogLayer.create(10, 4, NOISY, 5L); // one tile
    steps(a, new SplittableRandom(2), 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    byte[] now = bytes.toByteArray();
    // Layer header (4 ints), tile rows, cols, seed, layout "ideal" (UTF: 2 + 5 bytes), then the counts.
    int countsAt = 16 + 16 + 7;
    int n = java.nio.ByteBuffer.wrap(now, countsAt, 4).getInt();
    assertEquals(Event.values().length, n);
    assertEquals(Event.PCM_CELLS_GIVEN_UP.ordinal(), n - 1, "the newest event is the last count");
    java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate(now.length - 8);
    old.put(now, 0, countsAt).putInt(n - 1).put(now, countsAt + 4, 8 * (n - 1));
    old.put(now, countsAt + 4 + 8 * n, now.length - (countsAt + 4 + 8 * n));

    AnalogLayer b = AnalogLayer.create(10, 4, NOISY, 5L);
    b.readState(new DataInputStream(new ByteArrayInputStream(old.array())));
    assertEquals(a.counts(), b.counts());
    assertArrayEquals(steps(a, new SplittableRandom(3), 2), steps(b, new SplittableRandom(3), 2));
  }
}
