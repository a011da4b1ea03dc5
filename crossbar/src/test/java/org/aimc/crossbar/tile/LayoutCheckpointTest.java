package org.aimc.crossbar.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.transfer.TransferRules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkpoints of every cell layout with all of ambrogio2018's non-idealities (noisy periphery,
 * stochastic pulses, leakage, drift, closed-loop programming): a layer restored from a saved state
 * continues a random workload with the same outputs and event counts, bit for bit, as the layer it
 * was saved from.
 */
class LayoutCheckpointTest {
  private static final int INPUTS = 70;
  private static final int OUTPUTS = 40;

  private static TileConfig config(CellLayout layout) {
    TileConfig c = TileConfig.ambrogio2018().withSize(64, 32); // 2 × 2 tiles, two partial
    if (layout == CellLayout.PULSED) { // a leaking linear-step device: decay between steps
      org.aimc.devices.DeviceParams d = c.devices();
      c = c.withDevices(new org.aimc.devices.DeviceParams(d.pcm(), d.capacitor(),
          org.aimc.devices.PulsedDevicePreset.byId("aihwkit-capacitor").params(), null));
    }
    return c.withLayout(layout);
  }

  /**
   * Forward and backward MVMs (output noise, ADC), stochastic updates, clock steps (some past the
   * drift reference time), and per-column transfers with the layout's primitives; returns every
   * output, every noisy column read and the final weights.
   */
  private static float[] workload(AnalogLayer layer, CellLayout layout, long seed, int steps) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] trace = new float[steps * (OUTPUTS + 2 * INPUTS) + INPUTS * OUTPUTS];
    int k = 0;
    float[] y = new float[OUTPUTS];
    float[] z = new float[INPUTS];
    double[] column = new double[INPUTS];
    double t = layer.timeSeconds();
    for (int s = 0; s < steps; s++) {
      float[] x = TestData.uniform(rnd, INPUTS, -0.5, 1);
      for (int i = 0; i < INPUTS; i++) if (x[i] < 0) x[i] = 0; // a third of the inputs off
      float[] d = TestData.uniform(rnd, OUTPUTS, -0.5, 0.5);
      layer.forward(x, y);
      layer.backward(d, z);
      layer.update(x, d, 0.05f);
      System.arraycopy(y, 0, trace, k, OUTPUTS);
      k += OUTPUTS;
      System.arraycopy(z, 0, trace, k, INPUTS);
      k += INPUTS;
      if (s % 4 == 3) {
        t += rnd.nextInt(5) == 0 ? 25.0 : 0.01;
        layer.advanceTo(t);
      }
      if (s % 3 == 2) {
        if (rnd.nextBoolean()) { // a transfer's clock step: leakage and the drift gains, no refresh
          t += 1e-4;
          layer.advanceClockTo(t);
        }
        int out = rnd.nextInt(OUTPUTS);
        layer.readColumnMicroSiemens(out, column);
        for (int i = 0; i < INPUTS; i++) trace[k++] = (float) column[i];
        switch (layout) {
          case HYBRID -> layer.transferColumn(out, TransferRules.ambrogio2018()); // the paper's offset and polarity inversion
          case PCM_PAIR -> layer.programColumnPcm(out, column);
          case CAPACITOR -> {
            layer.reinitializeColumnCapacitors(out);
            layer.flipPolarity(out);
          }
          case IDEAL, PULSED -> { }
        }
      }
    }
    float[] w = new float[INPUTS * OUTPUTS];
    layer.copyWeights(w);
    System.arraycopy(w, 0, trace, k, w.length);
    return Arrays.copyOf(trace, k + w.length);
  }

  private static AnalogLayer started(CellLayout layout, long seed) {
    return started(config(layout), layout, seed);
  }

  /** A layer after a workload, refreshed at its time as a trainer's clock leaves it before a checkpoint. */
  private static AnalogLayer started(TileConfig config, CellLayout layout, long seed) {
    AnalogLayer a = AnalogLayer.create(INPUTS, OUTPUTS, config, seed);
    a.setWeights(TestData.uniform(new SplittableRandom(1), INPUTS * OUTPUTS, -0.3, 0.3));
    workload(a, layout, 2L, 30);
    a.advanceTo(a.timeSeconds());
    return a;
  }

  private static byte[] save(AnalogLayer layer) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    layer.writeState(new DataOutputStream(bytes));
    return bytes.toByteArray();
  }

  private static DataInputStream in(byte[] b) {
    return new DataInputStream(new ByteArrayInputStream(b));
  }

  @ParameterizedTest
  @EnumSource(CellLayout.class)
  void resumedLayerContinuesBitForBit(CellLayout layout) throws IOException {
    AnalogLayer a = started(layout, 5L);
    byte[] state = save(a);
    float[] continued = workload(a, layout, 3L, 40);

    AnalogLayer b = AnalogLayer.create(INPUTS, OUTPUTS, config(layout), 5L);
    b.readState(in(state));
    float[] resumed = workload(b, layout, 3L, 40);
    assertArrayEquals(continued, resumed);
    assertEquals(a.counts(), b.counts(), "event counts");
    assertArrayEquals(save(a), save(b), "the states after the continuation are equal too");

    // The comparison can fail: the same layer without the restore continues otherwise.
    AnalogLayer fresh = AnalogLayer.create(INPUTS, OUTPUTS, config(layout), 5L);
    assertFalse(Arrays.equals(continued, workload(fresh, layout, 3L, 40)));
  }

  /** A global drift gain is written at the end of a refresh; its restore must give the same bits. */
  @ParameterizedTest
  @EnumSource(value = org.aimc.crossbar.DriftCompensation.class, names = {"GLOBAL", "GLOBAL_ORACLE", "PER_COLUMN_ORACLE", "NONE"})
  void everyDriftCompensationResumesBitForBit(org.aimc.crossbar.DriftCompensation mode) throws IOException {
    TileConfig c = config(CellLayout.HYBRID).withDriftCompensation(mode);
    AnalogLayer a = started(c, CellLayout.HYBRID, 5L);
    byte[] state = save(a);
    float[] continued = workload(a, CellLayout.HYBRID, 3L, 40);
    AnalogLayer b = AnalogLayer.create(INPUTS, OUTPUTS, c, 5L);
    b.readState(in(state));
    assertArrayEquals(continued, workload(b, CellLayout.HYBRID, 3L, 40));
    assertArrayEquals(save(a), save(b), "the states after the continuation are equal too");
  }

  @ParameterizedTest
  @EnumSource(value = CellLayout.class, names = {"HYBRID", "IDEAL"})
  void mismatchedSeedOrLayoutAndTruncatedStateAreRefused(CellLayout layout) throws IOException {
    byte[] state = save(started(layout, 5L));

    AnalogLayer otherSeed = AnalogLayer.create(INPUTS, OUTPUTS, config(layout), 6L);
    IOException e = assertThrows(IOException.class, () -> otherSeed.readState(in(state)));
    assertTrue(e.getMessage().contains("seed"), e.getMessage());

    CellLayout otherLayout = layout == CellLayout.HYBRID ? CellLayout.CAPACITOR : CellLayout.HYBRID;
    AnalogLayer otherCells = AnalogLayer.create(INPUTS, OUTPUTS, config(otherLayout), 5L);
    e = assertThrows(IOException.class, () -> otherCells.readState(in(state)));
    assertTrue(e.getMessage().contains(layout.id()) && e.getMessage().contains(otherLayout.id()), e.getMessage());

    for (int cut : new int[] {2, 40, state.length / 2, state.length - 1}) {
      AnalogLayer b = AnalogLayer.create(INPUTS, OUTPUTS, config(layout), 5L);
      EOFException t = assertThrows(EOFException.class, () -> b.readState(in(Arrays.copyOf(state, cut))));
      assertTrue(t.getMessage().contains("truncated"), t.getMessage());
    }
  }
}
