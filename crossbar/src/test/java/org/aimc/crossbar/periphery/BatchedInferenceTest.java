package org.aimc.crossbar.periphery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.tile.Tile;
import org.junit.jupiter.api.Test;

/**
 * Batched inference ({@link AnalogLayer#forwardBatch}, {@link Tile#forwardAddBatch}, {@link
 * MvmKernel#gemvBatch}) gives the same numbers as one vector at a time: outputs bit for bit, the
 * same event counts, and the tiles' noise streams left in the same state.
 */
class BatchedInferenceTest {

  @Test
  void gemvBatchEqualsGemvBitForBit() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (MvmKernel k : new MvmKernel[] {MvmKernels.preferred(), ScalarMvmKernel.INSTANCE}) {
      for (int[] shape : new int[][] {{250, 785}, {7, 33}, {10, 126}, {1, 1}}) {
        int rows = shape[0];
        int cols = shape[1];
        int count = 13;
        float[] w = TestData.uniform(rnd, rows * cols, -1, 1);
        float[] x = TestData.uniform(rnd, count * cols, -1, 1);
        float[] batched = new float[count * rows];
        float[] single = new float[count * rows];
        k.gemvBatch(w, 0, rows, cols, x, 0, batched, 0, count);
        for (int b = 0; b < count; b++) k.gemv(w, 0, rows, cols, x, b * cols, single, b * rows);
        assertArrayEquals(single, batched, k.name() + " " + rows + "×" + cols);
      }
    }
  }

  /** A layer of 2 × 2 tiles after some training, so that PCM, capacitors, drift and read noise all take part. */
  private static AnalogLayer trainedLayer(TileConfig config, long seed) {
    int in = 100;
    int out = 40;
    AnalogLayer layer = AnalogLayer.create(in, out, config, seed);
    SplittableRandom rnd = new SplittableRandom(77);
    layer.setWeights(TestData.uniform(rnd, in * out, -0.3, 0.3));
    float[] y = new float[out];
    for (int step = 0; step < 20; step++) {
      float[] x = TestData.uniform(rnd, in, 0, 1);
      layer.forward(x, y);
      layer.update(x, TestData.uniform(rnd, out, -0.5, 0.5), 0.01f);
    }
    layer.advanceTo(1.0);
    return layer;
  }

  @Test
  void aBatchEqualsOneVectorAtATime() {
    for (TileConfig config : new TileConfig[] {TileConfig.ambrogio2018().withSize(64, 32), TileConfig.ideal().withSize(64, 32)}) {
      AnalogLayer one = trainedLayer(config, 5L);
      AnalogLayer batch = trainedLayer(config, 5L);
      int in = one.inputs();
      int out = one.outputs();
      int count = 13;
      int xStride = in + 3; // strides wider than the vectors: the gaps must stay untouched
      int yStride = out + 1;
      float[] x = TestData.uniform(new SplittableRandom(9), count * xStride, 0, 1);
      float[] yBatch = new float[count * yStride];
      java.util.Arrays.fill(yBatch, 7f);
      EventCounts before = batch.counts();
      batch.forwardBatch(x, 0, xStride, yBatch, 0, yStride, count);
      float[] yOne = new float[count * yStride];
      java.util.Arrays.fill(yOne, 7f);
      float[] y = new float[out];
      for (int b = 0; b < count; b++) {
        one.forward(x, b * xStride, y, 0);
        System.arraycopy(y, 0, yOne, b * yStride, out);
      }
      assertArrayEquals(yOne, yBatch, config.name());
      assertEquals(one.counts(), batch.counts(), config.name() + ": event counts");
      assertEquals(13L * 4, batch.counts().minus(before).get(Event.FORWARD_MVMS), "one MVM per vector and tile");
      // The noise streams are where they would be: the next vector gives the same outputs too.
      float[] next = TestData.uniform(new SplittableRandom(10), in, 0, 1);
      float[] a = new float[out];
      float[] b = new float[out];
      one.forward(next, a);
      batch.forward(next, b);
      assertArrayEquals(a, b, config.name() + ": the vector after the batch");
    }
  }

  @Test
  void aBatchOutsideItsBoundsIsRefused() {
    AnalogLayer layer = AnalogLayer.create(10, 4, TileConfig.ideal().withSize(8, 8), 1L);
    float[] x = new float[10 * 17];
    float[] y = new float[4 * 17];
    assertThrows(IllegalArgumentException.class, () -> layer.forwardBatch(x, 0, 10, y, 0, 4, 17));
    assertThrows(IllegalArgumentException.class, () -> layer.forwardBatch(x, 0, 10, y, 0, 4, 0));
    float[] sixteen = new float[10 * 16];
    assertThrows(IllegalArgumentException.class, () -> layer.forwardBatch(sixteen, 1, 10, y, 0, 4, 16));
  }
}
