package org.aimc.crossbar.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.cells.IdealCellArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BadInputTest {
  private static final TileConfig SMALL = TileConfig.ambrogio2018().withSize(64, 32);

  private static void throwsWith(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' lacks '" + f + "'");
  }

  @Test
  void mismatchedDimensionsNameTheShapes() {
    AnalogLayer layer = AnalogLayer.create(100, 40, SMALL, 1L);
    throwsWith(() -> layer.forward(new float[99], new float[40]), "x needs 100", "length is 99");
    throwsWith(() -> layer.forward(new float[100], new float[39]), "y needs 40", "length is 39");
    throwsWith(() -> layer.backward(new float[41], new float[10]), "z needs 100");
    throwsWith(() -> layer.update(new float[100], new float[4], 0.1f), "delta needs 40");
    throwsWith(() -> layer.setWeights(new float[100 * 39]), "40 × 100 = 4000", "got 3900");
    throwsWith(() -> layer.readColumnMicroSiemens(0, new double[5]), "100 inputs", "5 values");
  }

  @Test
  void nanAndInfinityAreRejectedNamingTheValue() {
    AnalogLayer layer = AnalogLayer.create(10, 4, SMALL, 1L);
    float[] x = new float[10];
    x[7] = Float.NaN;
    throwsWith(() -> layer.forward(x, new float[4]), "x[7] = NaN");
    float[] d = new float[4];
    d[2] = Float.POSITIVE_INFINITY;
    throwsWith(() -> layer.backward(d, new float[10]), "delta[2] = Infinity");
    throwsWith(() -> layer.update(new float[10], d, 0.1f), "delta[2] = Infinity");
    throwsWith(() -> layer.update(new float[10], new float[4], Float.NaN), "learningRate", "NaN");
    float[] w = new float[40];
    w[5] = Float.NaN;
    throwsWith(() -> layer.setWeights(w), "w[5] = NaN");
    double[] targets = new double[10];
    targets[3] = Double.NaN;
    throwsWith(() -> layer.programColumnPcm(0, targets), "row 3", "NaN");
    // Ideal periphery takes the fast path; it checks too.
    AnalogLayer ideal = AnalogLayer.create(10, 4, TileConfig.ideal().withSize(8, 8), 1L);
    throwsWith(() -> ideal.forward(x, new float[4]), "x[7] = NaN");
  }

  @Test
  void zeroSizesAreRejected() {
    throwsWith(() -> TileConfig.ambrogio2018().withSize(0, 512), "rows = 0");
    throwsWith(() -> TileConfig.ambrogio2018().withSize(1024, 0), "cols = 0");
    throwsWith(() -> AnalogLayer.create(0, 10, SMALL, 1L), "0 inputs");
    throwsWith(() -> new IdealCellArray(3, 0, 1, 1), "3×0");
  }

  @Test
  void badParametersAreRejected() {
    throwsWith(() -> PeripheryConfig.ideal().withOutputNoise(Double.NaN), "outputNoise", "NaN");
    throwsWith(() -> PeripheryConfig.ideal().withAdc(8, Double.POSITIVE_INFINITY), "finite outputRange");
    throwsWith(() -> PeripheryConfig.ideal().withDacBits(1), "dacBits", "got 1");
    throwsWith(() -> PeripheryConfig.ideal().withIrDrop(1.0), "irDrop");
    throwsWith(() -> new UpdateConfig(PulseEncoding.STOCHASTIC, 65), "bitLength", "65");
    throwsWith(() -> TileConfig.ambrogio2018().withUpdate(UpdateConfig.exact()), "EXACT", "hybrid");
    throwsWith(() -> TileConfig.ambrogio2018().withGainFactor(Double.NaN), "gainFactor");
    throwsWith(() -> AnalogLayer.create(3, 3, SMALL, -1.0, 1L), "weightUnitsPerMicroSiemens");
  }

  @Test
  void weightBeyondThePcmRangeIsClippedAndCountedNeverWrapped() {
    AnalogLayer layer = AnalogLayer.create(3, 2, SMALL, 1L);
    double pcmMax = layer.config().gainFactor() * layer.config().devices().pcm().gUsefulMaxMicroS(); // 60 µS
    double scale = layer.weightUnitsPerMicroSiemens();
    float big = (float) (3 * pcmMax * scale);
    layer.setWeights(new float[] {big, -big, 0.1f, big, 0.2f, -0.3f});
    assertEquals(3, layer.counts().get(Event.WEIGHTS_CLIPPED));
    // A programmed pair is off by F × (the tuner's window + the verify read's noise + the programming
    // error left after verify), and the weight also holds the capacitor's initial g − g_shared (two
    // independent cells, each with spread σ_g). Each term is bounded at 4.5σ (two-sided P ≈ 7·10^−6).
    // Near the top of the useful range the partial-SET steps shrink (soft saturation), so the tuner
    // may stop short of the bound: the check is sign and magnitude, not wrap-around.
    org.aimc.devices.PcmParams p = layer.config().devices().pcm();
    org.aimc.devices.CapacitorParams c = layer.config().devices().capacitor();
    double f = layer.config().gainFactor();
    double capSigma = Math.sqrt(2) * Math.hypot(c.readSlopeDtod() * c.readGAtInitMicroS(), c.readSlopeMicroSPerVolt() * c.readThresholdDtodVolts());
    java.util.function.DoubleUnaryOperator tolAt = g -> f * (p.tuneToleranceMicroS() + 4.5 * p.readNoiseSigmaMicroS(g, p.verifyReadDelaySeconds())
        + 4.5 * p.programErrorSigmaMicroS(g)) + 4.5 * capSigma;
    double tol = tolAt.applyAsDouble(p.gUsefulMaxMicroS());
    float[] got = {layer.weight(0, 0), layer.weight(0, 1), layer.weight(1, 0)};
    float[] sign = {1, -1, 1};
    for (int k = 0; k < 3; k++) {
      double g = got[k] / scale * sign[k];
      assertTrue(g > 0.7 * pcmMax && g < pcmMax + tol, "clipped weight " + k + " = " + g + " µS·sign, bound " + pcmMax);
    }
    tol = tolAt.applyAsDouble(0.2 / scale / f);
    assertEquals(0.2, layer.weight(1, 1), tol * scale, "in range: programmed");
  }
}
