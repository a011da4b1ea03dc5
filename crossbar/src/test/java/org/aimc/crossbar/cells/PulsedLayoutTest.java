package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.PulsedDevicePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One aihwkit-family device per weight (aihwkit's SingleRPUConfig): the network weight is the device
 * weight, and the stochastic pulsed update is unbiased, {@code E[ΔW] = η·δ·x}, on such cells.
 */
class PulsedLayoutTest {
  private static final int BL = 31;

  private static TileConfig pulsed(String device) {
    return pulsed(device, false);
  }

  private static TileConfig pulsed(String device, boolean bitLengthManagement) {
    TileConfig c = TileConfig.ambrogio2018().withSize(256, 128).withPeriphery(PeripheryConfig.ideal())
        .withUpdate(new UpdateConfig(PulseEncoding.STOCHASTIC, BL, bitLengthManagement));
    DeviceParams d = c.devices();
    return c.withDevices(new DeviceParams(d.pcm(), d.capacitor(), PulsedDevicePreset.byId(device).params(), null))
        .withLayout(CellLayout.PULSED);
  }

  @Test
  void networkWeightOneIsDeviceWeightOne() {
    AnalogLayer layer = AnalogLayer.create(3, 2, pulsed("gokmen-vlasov"), 5L);
    // w_max = 1: the nominal largest weight is one weight unit, so network weights are device weights.
    double unit = PulsedDevicePreset.byId("gokmen-vlasov").params().microSiemensPerUnit();
    assertEquals(1 / unit, layer.weightUnitsPerMicroSiemens(), 1e-12);
    layer.setWeights(new float[] {0.3f, -0.25f, 0f, 0.07f, 5f, -0.5f});
    assertEquals(0.3f, layer.weight(0, 0), 1e-6f, "set exactly, as aihwkit's set_weights");
    assertEquals(-0.25f, layer.weight(0, 1), 1e-6f);
    assertEquals(0.07f, layer.weight(1, 0), 1e-6f);
    float clipped = layer.weight(1, 1);
    assertTrue(clipped > 0.1f && clipped < 4f, "5 is clipped to the device's own upper bound (1 ± 30 %), got " + clipped);
    assertEquals(1, layer.counts().get(Event.WEIGHTS_CLIPPED));
  }

  /**
   * One update with every |x| = 0.8 and |δ| = 0.5 (signs alternating), η such that a cell expects 4
   * pulses, from w = 0, on 40 independent 128 × 64 layers (their own device draws and trains; the
   * cells of one layer share row and column trains, so they are not independent samples): the mean
   * over layers of each layer's mean ΔW / (η·δ·x) is 1 within 4 standard errors of those 40 means,
   * for up and for down moves alike, and a cell gets 4 pulses on average; with and without BL
   * management (aihwkit's update_bl_management: here 4 slots instead of 31).
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void stochasticUpdateIsUnbiasedOnOneDevicePerWeight(boolean bitLengthManagement) {
    int rows = 128;
    int cols = 64;
    int layers = 40;
    double dwMin = PulsedDevicePreset.byId("gokmen-vlasov").params().dwMin();
    float eta = (float) (4 * dwMin / (0.8 * 0.5));
    float[] x = new float[rows];
    float[] d = new float[cols];
    for (int r = 0; r < rows; r++) x[r] = r % 2 == 0 ? 0.8f : -0.8f;
    for (int c = 0; c < cols; c++) d[c] = c % 3 == 0 ? -0.5f : 0.5f;
    double[] upMeans = new double[layers];
    double[] downMeans = new double[layers];
    double[] pulsesPerCell = new double[layers];
    for (int t = 0; t < layers; t++) {
      AnalogLayer layer = AnalogLayer.create(rows, cols, pulsed("gokmen-vlasov", bitLengthManagement), 100L + t);
      layer.setWeights(new float[rows * cols]);
      layer.update(x, d, eta);
      float[] w = new float[rows * cols];
      layer.copyWeights(w);
      double up = 0;
      double down = 0;
      int nu = 0;
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          double wanted = eta * d[c] * x[r];
          double ratio = w[c * rows + r] / wanted;
          if (wanted > 0) {
            up += ratio;
            nu++;
          } else {
            down += ratio;
          }
        }
      }
      upMeans[t] = up / nu;
      downMeans[t] = down / (rows * cols - nu);
      pulsesPerCell[t] = (layer.counts().get(Event.CAPACITOR_CHARGE_PULSES) + layer.counts().get(Event.CAPACITOR_DISCHARGE_PULSES))
          / (double) (rows * cols);
    }
    double[] u = meanSe(upMeans);
    assertEquals(1.0, u[0], 4 * u[1], "up moves: mean ΔW / (η·δ·x) ± " + u[1]);
    double[] dn = meanSe(downMeans);
    assertEquals(1.0, dn[0], 4 * dn[1], "down moves: mean ΔW / (η·δ·x) ± " + dn[1]);
    double[] p = meanSe(pulsesPerCell);
    assertEquals(4.0, p[0], 4 * p[1], "pulses per cell ± " + p[1]);
  }

  /**
   * BL management: an update whose largest wanted pulse count is 2.6 fires only ⌈2.6⌉ = 3 slots, so
   * no line fires more than 3 times and the row and column firing probability at the largest |x|
   * and |δ| is √(2.6/3); without it the 31 slots fire at √(2.6/31). Expected counts from 400
   * independent updates, within 4 standard errors.
   */
  @Test
  void bitLengthManagementUsesOnlyTheSlotsTheUpdateNeeds() {
    int rows = 32;
    int cols = 16;
    double dwMin = PulsedDevicePreset.byId("gokmen-vlasov").params().dwMin();
    float eta = (float) (2.6 * dwMin);
    float[] x = new float[rows];
    float[] d = new float[cols];
    java.util.Arrays.fill(x, 1f);
    java.util.Arrays.fill(d, 1f);
    for (boolean managed : new boolean[] {true, false}) {
      int slots = managed ? 3 : BL;
      AnalogLayer layer = AnalogLayer.create(rows, cols, pulsed("gokmen-vlasov", managed), 7L);
      int updates = 400;
      long maxRowPulses = 0;
      for (int u = 0; u < updates; u++) {
        long before = layer.counts().get(Event.UPDATE_ROW_PULSES);
        layer.update(x, d, eta);
        maxRowPulses = Math.max(maxRowPulses, layer.counts().get(Event.UPDATE_ROW_PULSES) - before);
      }
      double p = Math.sqrt(2.6 / slots);
      double n = (double) updates * rows * slots;
      assertEquals(n * p, layer.counts().get(Event.UPDATE_ROW_PULSES), 4 * Math.sqrt(n * p * (1 - p)), "row pulses, " + slots + " slots");
      assertTrue(maxRowPulses <= (long) rows * slots, "at most " + slots + " per row");
      double perCell = (layer.counts().get(Event.CAPACITOR_CHARGE_PULSES) + layer.counts().get(Event.CAPACITOR_DISCHARGE_PULSES))
          / ((double) updates * rows * cols);
      assertEquals(2.6, perCell, 0.05, "pulses per cell and update, " + slots + " slots");
    }
  }

  @Test
  void aPulsedLayoutWithoutADeviceSaysWhichKeyToSet() {
    TileConfig c = TileConfig.ambrogio2018().withPeriphery(PeripheryConfig.ideal());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.withLayout(CellLayout.PULSED));
    assertTrue(e.getMessage().contains("devices.fast"), e.getMessage());
    IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> new UpdateConfig(PulseEncoding.DETERMINISTIC, BL, true));
    assertTrue(m.getMessage().contains("needs encoding STOCHASTIC"), m.getMessage());
  }

  private static double[] meanSe(double[] v) {
    double mean = Arrays.stream(v).average().orElseThrow();
    double var = Arrays.stream(v).map(a -> (a - mean) * (a - mean)).sum() / (v.length - 1);
    return new double[] {mean, Math.sqrt(var / v.length)};
  }
}
