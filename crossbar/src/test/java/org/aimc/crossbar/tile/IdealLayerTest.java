package org.aimc.crossbar.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.periphery.MvmKernel;
import org.aimc.crossbar.periphery.MvmKernels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Ideal cells, periphery off: the layer is the float computation, across tile boundaries. */
class IdealLayerTest {
  /** Small tiles so that multi-tile shapes stay cheap. */
  private static final TileConfig SMALL_IDEAL = TestData.SMALL_IDEAL;

  @ParameterizedTest(name = "{0} inputs × {1} outputs")
  @CsvSource({"10,5", "64,32", "65,33", "100,70", "129,65", "200,3", "1,1"})
  void forwardBackwardUpdateEqualFloat(int inputs, int outputs) {
    SplittableRandom rnd = new SplittableRandom(inputs * 1000L + outputs);
    for (MvmKernel kernel : new MvmKernel[] {MvmKernels.scalar(), MvmKernels.vector()}) {
      AnalogLayer layer = AnalogLayer.create(inputs, outputs, SMALL_IDEAL, 0.37, 5L, kernel);
      int expectTiles = ((inputs + 63) / 64) * ((outputs + 31) / 32);
      assertEquals(expectTiles, layer.tiles().size());

      float[] w = TestData.uniform(rnd, inputs * outputs, -1, 1);
      layer.setWeights(w);
      float[] got = new float[w.length];
      layer.copyWeights(got);
      for (int i = 0; i < w.length; i++) assertEquals(w[i], got[i], 1e-7f * Math.abs(w[i]) + 1e-12f);

      float[] x = TestData.uniform(rnd, inputs, -2, 2);
      float[] y = new float[outputs];
      layer.forward(x, y);
      float[] yRef = TestData.matVec(w, outputs, inputs, x);
      double[] yAbs = TestData.absMatVec(w, outputs, inputs, x);
      for (int o = 0; o < outputs; o++) assertEquals(yRef[o], y[o], 2e-6 * yAbs[o] + 1e-12, "y[" + o + "]");

      float[] d = TestData.uniform(rnd, outputs, -1, 1);
      float[] z = new float[inputs];
      layer.backward(d, z);
      float[] zRef = TestData.matTVec(w, outputs, inputs, d);
      double[] zAbs = TestData.absMatTVec(w, outputs, inputs, d);
      for (int i = 0; i < inputs; i++) assertEquals(zRef[i], z[i], 2e-6 * zAbs[i] + 1e-12, "z[" + i + "]");

      float eta = 0.05f;
      layer.update(x, d, eta);
      layer.copyWeights(got);
      for (int o = 0; o < outputs; o++) {
        for (int i = 0; i < inputs; i++) {
          float expect = w[o * inputs + i] + eta * d[o] * x[i];
          float tol = 2e-7f * (Math.abs(w[o * inputs + i]) + Math.abs(eta * d[o] * x[i])) + 1e-12f;
          assertEquals(expect, got[o * inputs + i], tol, "W[" + o + "][" + i + "]");
        }
      }
      // The MVMs use the updated weights.
      layer.forward(x, y);
      float[] w2 = got.clone();
      yRef = TestData.matVec(w2, outputs, inputs, x);
      yAbs = TestData.absMatVec(w2, outputs, inputs, x);
      for (int o = 0; o < outputs; o++) assertEquals(yRef[o], y[o], 2e-6 * yAbs[o] + 1e-12, "updated y[" + o + "]");
    }
  }
}
