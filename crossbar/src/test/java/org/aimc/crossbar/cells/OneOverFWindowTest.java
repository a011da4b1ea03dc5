package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.TileConfig;
import org.aimc.devices.PcmParams;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * The 1/f read noise of the PCM pairs in MVMs (chosen model): one draw per device per refresh
 * period, held by every MVM within it (most 1/f power lies below the inverse of the window), redrawn
 * at the next refresh with the source's SD σ_f = G·q_s·√ln((Δt + t_r)/(2 t_r)); the per-read
 * (white) variance the periphery adds per MVM is only the white part, 0 in ambrogio2018.
 */
class OneOverFWindowTest {
  @Test
  void oneOverFIsOneDrawPerRefreshWithTheModelsSpread() {
    PcmParams p = TileConfig.ambrogio2018().devices().pcm();
    int rows = 400;
    PcmPairs pairs = new PcmPairs(p, 3.0, rows, 1, 11L, 12L, DriftCompensation.NONE);
    double t = 1e-3;
    pairs.refreshAll(t);
    double[] a = pairs.part.clone();
    for (double v : pairs.readVariance) assertEquals(0.0, v, 0.0, "no white read noise in ambrogio2018");
    pairs.refreshAll(t);
    double[] b = pairs.part.clone();
    SummaryStatistics z = new SummaryStatistics();
    for (int i = 0; i < rows; i++) {
      double sp = p.readNoiseSigmaMicroS(pairs.plus.conductanceMicroSiemens(i, t), t);
      double sm = p.readNoiseSigmaMicroS(pairs.minus.conductanceMicroSiemens(i, t), t);
      // Two independent draws of the pair's excursion: the difference has variance 2·(σ⁺² + σ⁻²), times F².
      z.addValue((b[i] - a[i]) / (3.0 * Math.sqrt(2 * (sp * sp + sm * sm))));
    }
    assertNotEquals(a[0], b[0], "a refresh draws a new 1/f excursion");
    assertEquals(0.0, z.getMean(), 4.5 / Math.sqrt(rows));
    assertEquals(1.0, z.getStandardDeviation(), 4.5 / Math.sqrt(2.0 * rows), "SD of the 1/f excursion is the model's σ_f");
  }
}
