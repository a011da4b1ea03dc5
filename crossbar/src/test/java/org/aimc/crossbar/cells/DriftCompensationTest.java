package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.junit.jupiter.api.Test;

/**
 * PCM drift acts from its onset t_d after programming, and the periphery's drift compensation undoes
 * its average. 10 s after programming, with ν ≈ 0.05–0.1 drawn per device (Nandakumar 2019), an
 * uncompensated pair weight keeps (10 s / t_d)^−ν ≈ 0.55–0.75 of its size on average (t_d = 20 ms).
 * When every column was programmed at the same time, as here, one global gain serves as well as one
 * per column: GLOBAL passes the same ±10 % band. GLOBAL fails when the columns have different ages
 * ({@link #globalCompensationFailsForColumnsOfDifferentAges}), as during training, where each
 * transfer programs the columns one after another and the layers at different times. The per-column gain restores
 * each column's summed conductance Σ(G⁺ + G⁻) exactly, so the summed |W| comes back to within the
 * few per cent that the spread of ν and its conductance dependence leave (allowed: 10 %).
 */
class DriftCompensationTest {
  private static final TileConfig TILE = TileConfig.ambrogio2018().withSize(128, 16);

  private static double keptFraction(DriftCompensation mode) {
    AnalogLayer layer = AnalogLayer.create(100, 8, TILE.withDriftCompensation(mode), 4L);
    float[] w = new float[100 * 8];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 0.4 - 0.2);
    layer.setWeights(w);
    double before = 0;
    double after = 0;
    double[] pcm = new double[100];
    for (int c = 0; c < 8; c++) {
      layer.readColumnPcmMicroSiemens(c, pcm);
      for (double v : pcm) before += Math.abs(v);
    }
    layer.advanceTo(10);
    for (int c = 0; c < 8; c++) {
      layer.readColumnPcmMicroSiemens(c, pcm);
      for (double v : pcm) after += Math.abs(v);
    }
    return after / before;
  }

  @Test
  void driftShrinksWeightsAndPerColumnCompensationRestoresThem() {
    double none = keptFraction(DriftCompensation.NONE);
    assertTrue(none > 0.5 && none < 0.8, "uncompensated drift keeps ≈ 0.55-0.75: " + none);
    assertEquals(1.0, keptFraction(DriftCompensation.PER_COLUMN), 0.1, "per-column compensation");
    assertEquals(1.0, keptFraction(DriftCompensation.GLOBAL), 0.1, "global compensation");
    assertEquals(1.0, keptFraction(DriftCompensation.PER_COLUMN_ORACLE), 0.1, "per-column oracle");
  }

  /**
   * Half the columns re-programmed at t = 100 s and read 50 ms later, the other half programmed at
   * t = 0: uncompensated, the young columns keep ≈ (50 ms/20 ms)^−ν ≈ 0.95, the old ones ≈
   * (100 s/20 ms)^−ν ≈ 0.6. Per-column gains (from noisy column-sum reads) restore every column
   * within ±10 %; one global gain over- and under-corrects them by ≈ ±20 % and fails the band.
   */
  @Test
  void globalCompensationFailsForColumnsOfDifferentAges() {
    double[] perColumn = keptPerColumn(DriftCompensation.PER_COLUMN);
    for (int c = 0; c < 8; c++) assertEquals(1.0, perColumn[c], 0.1, "per-column compensation, column " + c);
    double[] global = keptPerColumn(DriftCompensation.GLOBAL);
    int outside = 0;
    for (int c = 0; c < 8; c++) if (Math.abs(global[c] - 1) > 0.1) outside++;
    assertTrue(outside >= 6, "global compensation leaves columns of different ages outside ±10 %: " + java.util.Arrays.toString(global));
  }

  private static double[] keptPerColumn(DriftCompensation mode) {
    AnalogLayer layer = AnalogLayer.create(100, 8, TILE.withDriftCompensation(mode), 4L);
    float[] w = new float[100 * 8];
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < w.length; i++) w[i] = (float) (r.nextDouble() * 0.4 - 0.2);
    layer.setWeights(w);
    double[][] programmed = new double[8][100];
    double[] before = new double[8];
    for (int c = 0; c < 8; c++) {
      layer.readColumnPcmMicroSiemens(c, programmed[c]);
      for (double v : programmed[c]) before[c] += Math.abs(v);
    }
    layer.advanceTo(100);
    for (int c = 0; c < 4; c++) {
      layer.programColumnPcm(c, programmed[c].clone());
      double[] now = new double[100];
      layer.readColumnPcmMicroSiemens(c, now);
      before[c] = 0;
      for (double v : now) before[c] += Math.abs(v);
    }
    layer.advanceTo(100.05);
    double[] kept = new double[8];
    double[] pcm = new double[100];
    for (int c = 0; c < 8; c++) {
      layer.readColumnPcmMicroSiemens(c, pcm);
      double after = 0;
      for (double v : pcm) after += Math.abs(v);
      kept[c] = after / before[c];
    }
    return kept;
  }
}
