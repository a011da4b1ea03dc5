package org.aimc.crossbar.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.devices.DevicePreset;
import org.junit.jupiter.api.Test;

/** The parallel update as pulse trains. */
class UpdateTest {
  private static final int BL = 32;
  /** Inputs and errors whose firing fractions are exact binary fractions (see below). */
  private static final float[] X = {1f, -0.5f, 0.25f, 0f};
  private static final float[] D = {1f, -0.5f};

  /**
   * Ideal cells updated by pulses. η is chosen so that K = 1/4, √K = 1/2: the row fractions are
   * 1/2, 1/4, 1/8 (a = 16, 8, 4 of BL = 32), the column fractions 1/2, 1/4 (b = 16, 8), so every
   * product a·b/BL is a whole number of pulses and the deterministic update is exact.
   */
  private static AnalogLayer idealPulsed(PulseEncoding encoding, long seed) {
    TileConfig cfg = TestData.SMALL_IDEAL.withUpdate(new UpdateConfig(encoding, BL));
    return AnalogLayer.create(X.length, D.length, cfg, seed);
  }

  private static float eta(AnalogLayer layer) {
    double step = layer.tile(0, 0).cells().updateStepMicroSiemens();
    return (float) (0.25 * layer.weightUnitsPerMicroSiemens() * step * BL);
  }

  @Test
  void deterministicTrainsCoincideInTheRoundedProduct() {
    for (int bl : new int[] {1, 7, 31, 32, 64}) {
      for (int a = 0; a <= bl; a++) {
        for (int b = 0; b <= bl; b++) {
          long n = Long.bitCount(PulseTrains.thermometerTrain(a) & PulseTrains.spreadTrain(b, bl));
          assertEquals((2L * a * b + bl) / (2L * bl), n, "BL=" + bl + " a=" + a + " b=" + b);
        }
        assertEquals(a, Long.bitCount(PulseTrains.spreadTrain(a, bl)), "a spread train of a slots has a pulses");
      }
    }
  }

  @Test
  void deterministicUpdateIsExactForWholePulseCounts() {
    AnalogLayer layer = idealPulsed(PulseEncoding.DETERMINISTIC, 1L);
    float eta = eta(layer);
    float[] w = new float[X.length * D.length];
    layer.update(X, D, eta);
    layer.copyWeights(w);
    double unit = layer.weightUnitsPerMicroSiemens() * layer.tile(0, 0).cells().updateStepMicroSiemens();
    long pulses = 0;
    for (int o = 0; o < D.length; o++) {
      for (int i = 0; i < X.length; i++) {
        double want = eta * D[o] * X[i];
        assertEquals(want, w[o * X.length + i], 1e-6 * unit, "W[" + o + "][" + i + "]");
        pulses += Math.round(Math.abs(want) / unit);
      }
    }
    EventCounts c = layer.counts();
    assertEquals(pulses, c.get(Event.CAPACITOR_CHARGE_PULSES) + c.get(Event.CAPACITOR_DISCHARGE_PULSES));
    assertEquals(16 + 8 + 4, c.get(Event.UPDATE_ROW_PULSES));
    assertEquals(16 + 8, c.get(Event.UPDATE_COLUMN_PULSES));
  }

  @Test
  void stochasticMeanEqualsDeterministic() {
    AnalogLayer det = idealPulsed(PulseEncoding.DETERMINISTIC, 1L);
    float eta = eta(det);
    float[] want = new float[X.length * D.length];
    det.update(X, D, eta);
    det.copyWeights(want);

    AnalogLayer sto = idealPulsed(PulseEncoding.STOCHASTIC, 2L);
    int trials = 3000;
    int n = want.length;
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    float[] before = new float[n];
    float[] after = new float[n];
    sto.copyWeights(before);
    for (int t = 0; t < trials; t++) {
      sto.update(X, D, eta);
      sto.copyWeights(after);
      for (int k = 0; k < n; k++) {
        double dw = (double) after[k] - before[k];
        sum[k] += dw;
        sumSq[k] += dw * dw;
      }
      System.arraycopy(after, 0, before, 0, n);
    }
    for (int k = 0; k < n; k++) {
      double mean = sum[k] / trials;
      if (want[k] == 0) {
        assertEquals(0.0, sumSq[k], "no pulses where x or δ is 0, cell " + k);
        continue;
      }
      double var = (sumSq[k] - trials * mean * mean) / (trials - 1);
      double se = Math.sqrt(var / trials);
      assertTrue(se > 0, "the stochastic update varies");
      assertEquals(want[k], mean, 5 * se, "mean update of cell " + k);
    }
  }

  @Test
  void polarityMinusOneMovesTheWeightTheSameWayByDischarging() {
    // Hybrid cells of ideal devices: linear symmetric capacitors, so both polarities give the same ΔW.
    TileConfig cfg = TileConfig.ideal().withUpdate(new UpdateConfig(PulseEncoding.DETERMINISTIC, BL))
        .withLayout(CellLayout.HYBRID).withSize(64, 32);
    float[] dw = new float[2];
    long[][] pulses = new long[2][2];
    for (int flip = 0; flip < 2; flip++) {
      AnalogLayer layer = AnalogLayer.create(1, 1, cfg, 9L);
      if (flip == 1) layer.flipPolarity(0);
      assertEquals(flip == 0 ? 1 : -1, layer.polarity(0));
      float w0 = layer.weight(0, 0);
      layer.update(new float[] {1f}, new float[] {1f}, eta(layer));
      dw[flip] = layer.weight(0, 0) - w0;
      pulses[flip][0] = layer.counts().get(Event.CAPACITOR_CHARGE_PULSES);
      pulses[flip][1] = layer.counts().get(Event.CAPACITOR_DISCHARGE_PULSES);
    }
    assertTrue(dw[0] > 0, "s=+1: the weight goes up");
    assertTrue(dw[1] > 0, "s=-1: the weight goes up too");
    assertEquals(dw[0], dw[1], 1e-6f * dw[0], "same change with ideal devices");
    assertEquals(8, pulses[0][0], "s=+1: 8 charge pulses (a = b = 16 of BL = 32)");
    assertEquals(0, pulses[0][1]);
    assertEquals(0, pulses[1][0]);
    assertEquals(8, pulses[1][1], "s=-1: the same number of discharge pulses");
  }

  @Test
  void capacitorOnlyCellsFollowThePolarityToo() {
    TileConfig cfg = TileConfig.ambrogio2018().withDevices(DevicePreset.IDEAL).withLayout(CellLayout.CAPACITOR)
        .withSize(64, 32).withPeriphery(PeripheryConfig.ideal()).withUpdate(new UpdateConfig(PulseEncoding.DETERMINISTIC, BL));
    AnalogLayer layer = AnalogLayer.create(1, 1, cfg, 9L);
    layer.flipPolarity(0);
    float w0 = layer.weight(0, 0);
    layer.update(new float[] {1f}, new float[] {-1f}, eta(layer));
    assertTrue(layer.weight(0, 0) < w0, "a decrease");
    assertEquals(8, layer.counts().get(Event.CAPACITOR_CHARGE_PULSES), "with s=-1 a decrease charges");
  }

  @Test
  void pcmPairUpdatesAreSetPulsesOnTheSideOfTheChange() {
    TileConfig cfg = TileConfig.pcmPair2018().withDevices(DevicePreset.IDEAL).withSize(64, 32)
        .withPeriphery(PeripheryConfig.ideal()).withUpdate(new UpdateConfig(PulseEncoding.DETERMINISTIC, BL));
    AnalogLayer layer = AnalogLayer.create(1, 2, cfg, 9L);
    float[] w0 = {layer.weight(0, 0), layer.weight(1, 0)};
    layer.update(new float[] {1f}, new float[] {1f, -1f}, eta(layer));
    assertTrue(layer.weight(0, 0) > w0[0], "up: SET on G+");
    assertTrue(layer.weight(1, 0) < w0[1], "down: SET on G-");
    assertEquals(16, layer.counts().get(Event.PCM_SET_PULSES));
    assertEquals(0, layer.counts().get(Event.CAPACITOR_CHARGE_PULSES));
  }

  @Test
  void saturatedTrainsAreClippedAndCounted() {
    AnalogLayer layer = idealPulsed(PulseEncoding.DETERMINISTIC, 1L);
    // 16 × the η of K = 1/4 gives K = 4: √K = 2, so rows/columns with |x|, |δ| > 1/2 saturate.
    layer.update(X, D, 16 * eta(layer));
    assertEquals(1 + 1, layer.counts().get(Event.UPDATE_SATURATED_TRAINS));
    float[] w = new float[X.length * D.length];
    layer.copyWeights(w);
    double unit = layer.weightUnitsPerMicroSiemens() * layer.tile(0, 0).cells().updateStepMicroSiemens();
    assertEquals(BL * unit, w[0], 1e-6 * BL * unit, "a cell gets at most BL pulses");
  }

  @Test
  void hybridUpdateGoesToTheCapacitorOnly() {
    TileConfig cfg = TileConfig.ambrogio2018().withSize(64, 32);
    AnalogLayer layer = AnalogLayer.create(20, 10, cfg, 4L);
    float[] w = new float[200];
    java.util.Arrays.fill(w, 0.1f);
    layer.setWeights(w);
    double[] pcmBefore = new double[20];
    double[] pcmAfter = new double[20];
    double[] capBefore = new double[20];
    double[] capAfter = new double[20];
    layer.readColumnPcmMicroSiemens(3, pcmBefore);
    layer.readColumnCapacitorMicroSiemens(3, capBefore);
    EventCounts c0 = layer.counts();
    float[] x = new float[20];
    java.util.Arrays.fill(x, 1f);
    float[] d = new float[10];
    java.util.Arrays.fill(d, 1f);
    layer.update(x, d, 0.02f);
    layer.readColumnPcmMicroSiemens(3, pcmAfter);
    layer.readColumnCapacitorMicroSiemens(3, capAfter);
    EventCounts dc = layer.counts().minus(c0);
    assertEquals(0, dc.get(Event.PCM_SET_PULSES) + dc.get(Event.PCM_RESET_PULSES));
    assertTrue(dc.get(Event.CAPACITOR_CHARGE_PULSES) > 0);
    for (int r = 0; r < 20; r++) {
      assertEquals(pcmBefore[r], pcmAfter[r], 0.0, "PCM untouched");
      assertTrue(capAfter[r] > capBefore[r], "capacitor part raised, row " + r);
    }
  }
}
