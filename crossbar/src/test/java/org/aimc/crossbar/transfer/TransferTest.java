package org.aimc.crossbar.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.tile.Tile;
import org.aimc.devices.DevicePreset;
import org.junit.jupiter.api.Test;

/** The primitives a trainer's transfer schedule is built from, on hybrid cells. */
class TransferTest {
  private static final TileConfig SMALL = TileConfig.ambrogio2018().withSize(64, 32);

  @Test
  void programColumnPcmReachesTheTargetsWithinTheTuningTolerance() {
    AnalogLayer layer = AnalogLayer.create(70, 3, SMALL, 2L); // the column spans two row tiles
    double[] targets = new double[70];
    for (int r = 0; r < 70; r++) targets[r] = -40 + 80.0 * r / 69; // µS, within ±F·20
    EventCounts c0 = layer.counts();
    layer.programColumnPcm(1, targets);
    double[] pcm = new double[70];
    layer.readColumnPcmMicroSiemens(1, pcm);
    // A pair is off its target by F × (the tuner's window, tol, plus the verify read's noise and the
    // programming error σ_prog left after verify). Beyond F·(tol + 4σ_read + 4σ_prog) a working
    // pair lands with P ≈ 2·6.3·10^−5; what remains are stuck devices: 2 × 70 devices × 0.005 ⇒
    // 0.7 expected, allowed up to 0.7 + 4·√0.7 ≈ 4.
    org.aimc.devices.PcmParams p = SMALL.devices().pcm();
    double f = layer.config().gainFactor();
    int far = 0;
    for (int r = 0; r < 70; r++) {
      double g = Math.abs(targets[r]) / f;
      double bound = f * (p.tuneToleranceMicroS() + 4 * p.readNoiseSigmaMicroS(g, p.verifyReadDelaySeconds())
          + 4 * p.programErrorSigmaMicroS(g));
      if (Math.abs(pcm[r] - targets[r]) > bound) far++;
    }
    assertTrue(far <= 4, far + " of 70 cells are off target (stuck devices allowed)");
    EventCounts dc = layer.counts().minus(c0);
    assertTrue(dc.get(Event.PCM_SET_PULSES) >= 60);
    assertTrue(dc.get(Event.PCM_VERIFY_READS) >= 70);
    assertTrue(dc.get(Event.PCM_RESET_PULSES) >= 70, "the opposite device of each pair is RESET");
    assertEquals(0, dc.get(Event.WEIGHTS_CLIPPED));
    assertEquals(0, dc.get(Event.TRANSFERS), "programming alone is not a transfer");
    // The MVM cache follows programming.
    double scale = layer.weightUnitsPerMicroSiemens();
    double[] cap = new double[70];
    layer.readColumnCapacitorMicroSiemens(1, cap);
    for (int r = 0; r < 70; r++) assertEquals((pcm[r] + cap[r]) * scale, layer.weight(1, r), 1e-5);
  }

  @Test
  void transferColumnReinitialisesCapacitorsFlipsPolarityAndCounts() {
    AnalogLayer layer = AnalogLayer.create(70, 3, SMALL, 3L);
    float[] x = new float[70];
    java.util.Arrays.fill(x, 1f);
    layer.update(x, new float[] {1f, 1f, 1f}, 0.05f);
    double[] capBefore = new double[70];
    layer.readColumnCapacitorMicroSiemens(2, capBefore);
    assertTrue(capBefore[0] > 1.0, "the update charged the capacitors: " + capBefore[0]);

    double[] w = new double[70];
    layer.readColumnMicroSiemens(2, w);
    EventCounts c0 = layer.counts();
    layer.transferColumn(2, TransferRules.ambrogio2018());
    EventCounts dc = layer.counts().minus(c0);
    assertEquals(2, dc.get(Event.TRANSFERS), "one per tile the column spans");
    assertEquals(2, dc.get(Event.POLARITY_FLIPS));
    assertEquals(70 + 2, dc.get(Event.CAPACITOR_RESETS), "70 cells and one g_shared per tile");
    assertEquals(-1, layer.polarity(2));
    assertEquals(1, layer.polarity(1));
    double[] cap = new double[70];
    layer.readColumnCapacitorMicroSiemens(2, cap);
    double[] pcm = new double[70];
    layer.readColumnPcmMicroSiemens(2, pcm);
    // The paper's offset: each PCM target is W − s·(g − g_shared)(0.5 V) − s·2 µS, with s = −1 after
    // the flip; a target on g's side (s·target > 0) but below 2 µS RESETs both devices instead. Over
    // the programmed cells the mean of (PCM − (W − capacitor)) is then −s·2 = +2 µS up to the tuning
    // and programming errors, whose mean has SE = SD/√n (asserted within 4.5·SE; leaving the offset
    // out would put the mean 2 µS away, ≈ 10 SE). W here is the test's own read; the transfer's read
    // differs by the PCM read noise, which is part of the sample SD.
    int s = layer.polarity(2);
    org.apache.commons.math3.stat.descriptive.SummaryStatistics shift = new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
    int resetBoth = 0;
    for (int r = 0; r < 70; r++) {
      double target = w[r] - cap[r];
      if (s * target > 0 && s * target < 2.0) {
        resetBoth++;
        assertEquals(0, pcm[r], 3 * 0.1 * 1.6, "RESET both: F × a RESET level spread");
      } else {
        shift.addValue(pcm[r] - target);
      }
    }
    double se = shift.getStandardDeviation() / Math.sqrt(shift.getN());
    assertEquals(-s * 2.0, shift.getMean(), 4.5 * se, "the offset lowers the PCM target by s·2 µS (n = " + shift.getN() + ")");
    assertTrue(shift.getN() >= 35, "most cells were programmed: " + shift.getN() + ", RESET both: " + resetBoth);
  }

  /**
   * A PCM pair cannot hold every weight: beyond F × the useful range (60 µS), or with a stuck device,
   * tuning stops short of the target. Without the residual carry the transfer then cuts the weight
   * down to what the pair holds and the capacitor's part is lost; with it the capacitor takes back
   * the difference (up to its own range, ±8 µS), so the weight survives the transfer. The two layers
   * have the same seed: identical devices, updates and reads up to the carry.
   */
  @Test
  void carryingTheTuningResidualKeepsWhatThePairCannotHold() {
    int rows = 256;
    double[] lost = new double[2];
    double[] update = new double[2];
    for (int carry = 0; carry < 2; carry++) {
      AnalogLayer layer = AnalogLayer.create(rows, 2, SMALL.withSize(rows, 32), 9L);
      double[] full = new double[rows];
      java.util.Arrays.fill(full, 60.0); // F × 20 µS: the top of the pair's useful range
      layer.programColumnPcm(0, full);
      Tile t = layer.tile(0, 0);
      double[] before = new double[rows];
      double[] programmed = new double[rows];
      for (int r = 0; r < rows; r++) programmed[r] = t.cells().weightMicroSiemens(r, 0);
      float[] x = new float[rows];
      java.util.Arrays.fill(x, 1f);
      layer.update(x, new float[] {1f, 0f}, 0.1f); // the capacitors push every weight above the pair's range
      double sumUpdate = 0;
      for (int r = 0; r < rows; r++) {
        before[r] = t.cells().weightMicroSiemens(r, 0);
        sumUpdate += before[r] - programmed[r];
      }
      layer.transferColumn(0, TransferRules.ambrogio2018().withCarryTuningResidual(carry == 1));
      double sumLost = 0;
      for (int r = 0; r < rows; r++) sumLost += before[r] - t.cells().weightMicroSiemens(r, 0);
      update[carry] = sumUpdate / rows;
      lost[carry] = sumLost / rows;
    }
    String measured = String.format(java.util.Locale.ROOT,
        "mean update %.2f µS; lost by the transfer: %.2f µS with the carry, %.2f without", update[1], lost[1], lost[0]);
    assertTrue(update[1] > 2 && update[1] < 8, "the update fits in the capacitor: " + measured);
    // Standard error of a mean over 256 cells ≈ 1 µS / 16 (read noise, tuning, the odd stuck device).
    assertTrue(Math.abs(lost[1]) < 0.3 * update[1], measured);
    assertTrue(lost[0] > 0.5 * update[0], measured); // measured: 1.62 of 2.42 µS (some pairs reach a little above 60 µS)
  }

  @Test
  void advanceToLeaksCapacitorsAndRefreshesTheCache() {
    AnalogLayer layer = AnalogLayer.create(5, 2, SMALL, 4L);
    float[] x = {1, 1, 1, 1, 1};
    layer.update(x, new float[] {-1f, -1f}, 0.05f); // discharge below g_shared
    float before = layer.weight(0, 0);
    assertTrue(before < 0);
    layer.advanceTo(5.0); // τ = 1 s: g and g_shared both relax toward g(0.8 V)
    float after = layer.weight(0, 0);
    assertNotEquals(before, after);
    assertTrue(after > before, "the gap to g_shared closes as both leak toward 0.8 V");
    assertEquals(5.0, layer.timeSeconds());
    Tile t = layer.tile(0, 0);
    for (int r = 0; r < 5; r++) {
      assertEquals(t.cells().weightMicroSiemens(r, 1) * layer.weightUnitsPerMicroSiemens(), t.weight(r, 1), 1e-6);
    }
    assertThrows(IllegalArgumentException.class, () -> layer.advanceTo(4.0), "time does not go back");
  }

  @Test
  void layoutsWithoutAPartSaySo() {
    AnalogLayer ideal = AnalogLayer.create(3, 2, TileConfig.ideal().withSize(8, 8), 1L);
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> ideal.flipPolarity(0));
    assertTrue(e.getMessage().contains("ideal"), e.getMessage());
    AnalogLayer pcm = AnalogLayer.create(3, 2, TileConfig.pcmPair2018().withDevices(DevicePreset.IDEAL).withSize(8, 8), 1L);
    assertThrows(UnsupportedOperationException.class, () -> pcm.reinitializeColumnCapacitors(0));
    assertThrows(UnsupportedOperationException.class,
        () -> AnalogLayer.create(3, 2, TileConfig.ambrogio2018().withLayout(CellLayout.CAPACITOR).withSize(8, 8), 1L)
            .programColumnPcm(0, new double[3]));
  }
}
