package org.aimc.crossbar.periphery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.TreeSet;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.InputScaling;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.junit.jupiter.api.Test;

/** The periphery, one non-ideality at a time, on ideal cells. */
class PeripheryTest {
  private static final TileConfig SMALL = TestData.SMALL_IDEAL;

  /**
   * The DAC fills zero inputs in and converts only the nonzero ones: every encoded input, the
   * input scale, ‖x̂‖² and the clip count must be those of converting every input, for inputs
   * from dense to all zero, with −0, clipped inputs and an unquantised DAC (which keeps −0).
   */
  @Test
  void encodingSkipsZerosWithTheBitsOfConvertingEveryInput() {
    SplittableRandom rnd = new SplittableRandom(17);
    int inputs = 203;
    for (PeripheryConfig cfg : new PeripheryConfig[] {PeripheryConfig.ambrogio2018(), PeripheryConfig.ideal(),
        PeripheryConfig.ambrogio2018().withInputScaling(InputScaling.FIXED, 0.7),
        PeripheryConfig.ideal().withDacBits(5).withInputScaling(InputScaling.FIXED, 0.01)}) {
      PeripheryPath path = new PeripheryPath(cfg, inputs, 7, 7, 1.0);
      Quantizer dac = new Quantizer(cfg.dacBits(), 1.0);
      for (double zeros : new double[] {0, 0.5, 0.81, 0.99, 1}) {
        float[] x = new float[inputs + 3];
        for (int i = 0; i < x.length; i++) {
          x[i] = rnd.nextDouble() < zeros ? (rnd.nextBoolean() ? 0f : -0f) : (float) rnd.nextDouble(-1, 1);
        }
        float[] dst = new float[inputs + 5];
        org.aimc.crossbar.EventCounter counter = new org.aimc.crossbar.EventCounter();
        double alpha = path.encode(x, 3, dst, 2, "x", counter);
        double expectedAlpha = cfg.inputScaling() == InputScaling.MAX_ABS ? org.aimc.crossbar.cells.Checks.maxAbsFinite(x, 3, inputs, "x") : cfg.inputRange();
        assertEquals(expectedAlpha, alpha, 0, cfg + ", " + zeros + " zeros: α");
        if (alpha == 0) continue;
        float inv = (float) (1.0 / alpha);
        double normSq = 0;
        long clipped = 0;
        for (int i = 0; i < inputs; i++) {
          float xi = x[3 + i];
          if (Math.abs(xi) > alpha) clipped++;
          float v = dac.apply(xi * inv);
          normSq += v * v;
          assertEquals(Float.floatToRawIntBits(v), Float.floatToRawIntBits(dst[2 + i]), cfg + ", " + zeros + " zeros: input " + i + " = " + xi);
        }
        assertEquals(Double.doubleToRawLongBits(normSq), Double.doubleToRawLongBits(path.lastNormSquared()), cfg + ", " + zeros + " zeros: ‖x̂‖²");
        assertEquals(clipped, counter.get(Event.DAC_CLIPPED), cfg + ", " + zeros + " zeros: clips");
      }
    }
  }

  @Test
  void outputNoiseHasTheConfiguredStd() {
    double sigma = 0.05; // normalised units
    TileConfig cfg = SMALL.withForward(PeripheryConfig.ideal().withOutputNoise(sigma).withInputScaling(InputScaling.FIXED, 2.0));
    int inputs = 40;
    int outputs = 6;
    AnalogLayer layer = AnalogLayer.create(inputs, outputs, cfg, 11L);
    SplittableRandom rnd = new SplittableRandom(3);
    float[] w = TestData.uniform(rnd, inputs * outputs, -0.2, 0.2);
    layer.setWeights(w);
    float[] x = TestData.uniform(rnd, inputs, -1, 1);
    float[] clean = TestData.matVec(w, outputs, inputs, x);
    // Network units: σ · (weight units per normalised weight) · (input range).
    double expected = sigma * layer.maxWeight() * 2.0;

    int n = 4000;
    double[] sum = new double[outputs];
    double[] sumSq = new double[outputs];
    float[] y = new float[outputs];
    for (int k = 0; k < n; k++) {
      layer.forward(x, y);
      for (int o = 0; o < outputs; o++) {
        double e = y[o] - clean[o];
        sum[o] += e;
        sumSq[o] += e * e;
      }
    }
    double seStd = expected / Math.sqrt(2.0 * n);
    for (int o = 0; o < outputs; o++) {
      double mean = sum[o] / n;
      double std = Math.sqrt((sumSq[o] - n * mean * mean) / (n - 1));
      assertEquals(expected, std, 5 * seStd, "std of output " + o);
      assertEquals(0.0, mean, 5 * expected / Math.sqrt(n), "mean error of output " + o);
    }
  }

  @Test
  void readNoiseSumsAlongTheLine() {
    double sigmaMicroS = 0.3;
    TileConfig cfg = SMALL.withForward(PeripheryConfig.ideal().withReadNoiseMicroSiemens(sigmaMicroS)
        .withInputScaling(InputScaling.FIXED, 1.0));
    int inputs = 30;
    AnalogLayer layer = AnalogLayer.create(inputs, 1, cfg, 0.5, 12L);
    float[] x = TestData.uniform(new SplittableRandom(4), inputs, -1, 1);
    double norm = 0;
    for (float v : x) norm += v * v;
    // Each cell adds N(0, σ) µS per read: the output's std is σ·‖x‖ µS·(input unit), times the scale.
    double expected = sigmaMicroS * Math.sqrt(norm) * 0.5;
    int n = 4000;
    double s = 0;
    double s2 = 0;
    float[] y = new float[1];
    for (int k = 0; k < n; k++) {
      layer.forward(x, y);
      s += y[0];
      s2 += (double) y[0] * y[0];
    }
    double mean = s / n;
    double std = Math.sqrt((s2 - n * mean * mean) / (n - 1));
    assertEquals(expected, std, 5 * expected / Math.sqrt(2.0 * n));
  }

  /** 8 rows at the largest weight driven by the same input v: the analog output is 8v, normalised. */
  private static AnalogLayer eightRowsAtMaxWeight(PeripheryConfig p) {
    AnalogLayer layer = AnalogLayer.create(8, 1, SMALL.withForward(p), 21L);
    float[] w = new float[8];
    java.util.Arrays.fill(w, (float) layer.maxWeight());
    layer.setWeights(w);
    return layer;
  }

  @Test
  void adcClipsToTheBoundQuantisesToItsLevelsAndCountsClips() {
    int bits = 4;
    double range = 4.0; // normalised units; the analog output spans ±8
    PeripheryConfig p = PeripheryConfig.ideal().withInputScaling(InputScaling.FIXED, 1.0).withAdc(bits, range);
    AnalogLayer layer = eightRowsAtMaxWeight(p);
    double unit = layer.maxWeight(); // network output per normalised unit (input range 1)
    double step = range / ((1 << (bits - 1)) - 1);
    TreeSet<Float> levels = new TreeSet<>();
    float[] x = new float[8];
    float[] y = new float[1];
    int expectClipped = 0;
    float top = Float.NaN;
    for (int k = -1000; k <= 1000; k++) {
      float v = k / 1000f;
      java.util.Arrays.fill(x, v);
      layer.forward(x, y);
      levels.add(y[0]);
      double analog = 8.0 * v;
      if (Math.abs(analog * (float) (1.0 / unit) * unit) > range * (1 + 1e-6)) {
        expectClipped++;
        assertEquals(Math.copySign(range * unit, v), y[0], 1e-6 * range * unit, "clipped to the bound at v=" + v);
        if (v > 0) {
          if (Float.isNaN(top)) top = y[0];
          assertEquals(top, y[0], 0f, "every clipped value is the same bound");
        }
      } else {
        assertTrue(Math.abs(y[0] - analog * unit) <= 0.5 * step * unit * (1 + 1e-5), "quantisation error at v=" + v);
      }
    }
    assertEquals((1 << bits) - 1, levels.size(), "distinct ADC levels " + levels);
    Float[] lv = levels.toArray(new Float[0]);
    for (int i = 1; i < lv.length; i++) assertEquals(step * unit, lv[i] - lv[i - 1], 1e-5 * unit, "level spacing");
    assertEquals(expectClipped, layer.counts().get(Event.ADC_CLIPPED));
    assertTrue(expectClipped > 900, "the sweep reaches beyond the range");
  }

  @Test
  void dacQuantisesAndClipsInputs() {
    int bits = 3; // 7 levels: 0, ±1/3, ±2/3, ±1
    PeripheryConfig p = PeripheryConfig.ideal().withInputScaling(InputScaling.FIXED, 1.0).withDacBits(bits);
    AnalogLayer layer = AnalogLayer.create(1, 1, SMALL.withForward(p), 22L);
    layer.setWeights(new float[] {(float) layer.maxWeight()});
    TreeSet<Float> levels = new TreeSet<>();
    float[] y = new float[1];
    for (int k = -150; k <= 150; k++) {
      layer.forward(new float[] {k / 100f}, y);
      levels.add((float) (y[0] / layer.maxWeight()));
    }
    assertEquals(7, levels.size(), levels.toString());
    assertEquals(-1f, levels.first(), 1e-6f);
    assertEquals(1f, levels.last(), 1e-6f);
    assertTrue(levels.contains(0f));
  }

  @Test
  void dacClipsInputsBeyondAFixedRangeToFullScaleAndCountsThem() {
    // Range 3 and a 3-bit DAC (levels 0, ±1/3, ±2/3, ±1 of the range): 4 and −7.5 lie beyond it, 3 on it.
    PeripheryConfig fixed = PeripheryConfig.ideal().withInputScaling(InputScaling.FIXED, 3.0).withDacBits(3);
    float[] x = {1, -2, 3, 4, -7.5f, 0};
    float[] expected = {1, -2, 3, 3, -3, 0};
    AnalogLayer layer = AnalogLayer.create(6, 6, SMALL.withForward(fixed), 26L);
    float m = (float) layer.maxWeight();
    float[] w = new float[36];
    for (int i = 0; i < 6; i++) w[i * 6 + i] = m; // output i sees input i alone, at the largest weight
    layer.setWeights(w);
    float[] y = new float[6];
    layer.forward(x, y);
    for (int i = 0; i < 6; i++) assertEquals(expected[i] * m, y[i], 1e-5 * m, "output " + i);
    assertEquals(2, layer.counts().get(Event.DAC_CLIPPED));
    layer.forward(x, y);
    assertEquals(4, layer.counts().get(Event.DAC_CLIPPED), "counted at every MVM");

    AnalogLayer maxAbs = AnalogLayer.create(6, 6, SMALL.withForward(fixed.withInputScaling(InputScaling.MAX_ABS, 1.0)), 26L);
    maxAbs.setWeights(w);
    maxAbs.forward(x, y);
    assertEquals(0, maxAbs.counts().get(Event.DAC_CLIPPED), "MAX_ABS scales every input into range");

    // A FIXED range clips even when nothing else of the periphery is on (it was taken for ideal).
    AnalogLayer rangeOnly = AnalogLayer.create(6, 6, SMALL.withForward(PeripheryConfig.ideal().withInputScaling(InputScaling.FIXED, 3.0)), 26L);
    rangeOnly.setWeights(w);
    rangeOnly.forward(x, y);
    for (int i = 0; i < 6; i++) assertEquals(expected[i] * m, y[i], 1e-5 * m, "range only, output " + i);
    assertEquals(2, rangeOnly.counts().get(Event.DAC_CLIPPED));
  }

  @Test
  void maxAbsScalingUsesTheFullDacRangeForSmallInputs() {
    // 3-bit DAC: with fixed range 1 an input of 1e-3 rounds to 0; with MAX_ABS it is the full scale.
    PeripheryConfig fixed = PeripheryConfig.ideal().withInputScaling(InputScaling.FIXED, 1.0).withDacBits(3);
    PeripheryConfig maxAbs = fixed.withInputScaling(InputScaling.MAX_ABS, 1.0);
    float[] y = new float[1];
    AnalogLayer a = AnalogLayer.create(1, 1, SMALL.withForward(fixed), 23L);
    a.setWeights(new float[] {0.5f});
    a.forward(new float[] {1e-3f}, y);
    assertEquals(0f, y[0]);
    AnalogLayer b = AnalogLayer.create(1, 1, SMALL.withForward(maxAbs), 23L);
    b.setWeights(new float[] {0.5f});
    b.forward(new float[] {1e-3f}, y);
    assertEquals(0.5e-3f, y[0], 1e-9f);
  }

  @Test
  void irDropAttenuatesWithDistanceFromTheDriver() {
    float[] f = PeripheryPath.irDropFactors(0.1, 10, 10);
    assertEquals(0.9f, f[9], 1e-7f, "far end loses irDrop");
    assertEquals(1 - 0.1 * 20.0 / 110.0, f[0], 1e-7, "first cell");
    for (int j = 1; j < f.length; j++) assertTrue(f[j] < f[j - 1], "monotone");

    PeripheryConfig p = PeripheryConfig.ideal().withIrDrop(0.1);
    AnalogLayer layer = AnalogLayer.create(5, 10, SMALL.withSize(5, 10).withForward(p), 24L); // every column used
    float[] w = new float[50];
    java.util.Arrays.fill(w, 0.2f);
    layer.setWeights(w);
    float[] x = {1, 1, 1, 1, 1};
    float[] y = new float[10];
    layer.forward(x, y);
    for (int j = 0; j < 10; j++) assertEquals(1.0f * f[j], y[j], 1e-6f, "output " + j);
    // Backward drives the columns: the 5 rows are the positions along the line.
    float[] z = new float[5];
    layer.backward(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, z);
    for (int i = 0; i < 5; i++) assertEquals(2.0f, z[i], 1e-6f, "backward has no IR drop configured");
  }

  @Test
  void irDropIsNormalisedToThePhysicalLineNotToTheUsedBlock() {
    // A 4 × 10 block in the corner of a 64 × 512 tile: forward drives rows of 512 cells, backward
    // columns of 64, and only the first 10 (4) positions are read.
    PeripheryConfig p = PeripheryConfig.ideal().withIrDrop(0.1);
    AnalogLayer layer = AnalogLayer.create(4, 10, SMALL.withSize(64, 512).withForward(p).withBackward(p), 25L);
    float[] w = new float[40];
    java.util.Arrays.fill(w, 0.2f);
    layer.setWeights(w);
    float[] y = new float[10];
    layer.forward(new float[] {1, 1, 1, 1}, y);
    // Position 10 of 512: 1 − 0.1·10·(1024 − 10 + 1)/(512·513) = 1 − 0.1·10150/262656 = 0.9961356,
    // where a fully used 10-column tile loses the whole 0.1 there.
    assertEquals(0.8 * 0.9961356, y[9], 1e-6, "far end of the used block");
    // Position 1 of 512: 1 − 0.1·1024/262656 = 0.9996101.
    assertEquals(0.8 * 0.9996101, y[0], 1e-6, "first column");
    float[] z = new float[4];
    layer.backward(new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, z);
    // Position 4 of 64: 1 − 0.1·4·(128 − 4 + 1)/(64·65) = 1 − 0.1·500/4160 = 0.9879808.
    assertEquals(2.0 * 0.9879808, z[3], 1e-6, "far end of the used rows, backward");

    AnalogLayer full = AnalogLayer.create(4, 10, SMALL.withSize(4, 10).withForward(p), 25L);
    full.setWeights(w);
    full.forward(new float[] {1, 1, 1, 1}, y);
    assertEquals(0.8 * 0.9, y[9], 1e-6, "the same weights at the far end of a fully used line");
  }
}
