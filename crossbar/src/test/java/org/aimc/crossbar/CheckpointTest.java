package org.aimc.crossbar;

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
import org.junit.jupiter.api.Test;

class CheckpointTest {
  /** Ideal cells with a noisy periphery and stochastic pulses: the state includes the random streams. */
  private static final TileConfig NOISY = IdealLayerTest.SMALL_IDEAL
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
}
