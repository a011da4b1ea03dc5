package org.aimc.crossbar.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.TestData;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.tile.Tile;
import org.junit.jupiter.api.Test;

/**
 * Pins the statistics of the fast stochastic update ({@link Tile#update}: bit-sliced trains, cells
 * enumerated slot by slot, only the cells with pulses touched) against a slow reference path written
 * from the definition: in each of the BL slots, row r fires with probability p_r and column c with
 * p_c, independently, and cell (r, c) receives one pulse per slot where both fire, up when
 * {@code x_r·δ_c > 0}. Per cell: the mean and the variance of its pulse count, and the share of
 * pulses that go up (up/down asymmetry); tolerances from the sample size.
 *
 * <p>Ideal cells move by exactly one step per pulse, so the pulses per cell are read back from the
 * weight change.
 */
class UpdateStatisticsTest {
  private static final int BL = 31;
  /** Inputs and errors of both signs and several magnitudes; one input is 0 (no pulses). */
  private static final float[] X = {1f, -0.8f, 0.55f, 0.3f, -0.15f, 0f};
  private static final float[] D = {-1f, 0.7f, 0.4f, -0.2f};
  private static final int TRIALS = 6_000;
  /** Standard errors allowed: with 5 × 6 cells and three figures each, a false alarm has p < 10⁻⁴. */
  private static final double Z = 5.0;

  @Test
  void pulsesPerCellMatchTheSlowReferenceInMeanVarianceAndDirection() {
    TileConfig cfg = TestData.SMALL_IDEAL.withUpdate(new UpdateConfig(PulseEncoding.STOCHASTIC, BL));
    AnalogLayer layer = AnalogLayer.create(X.length, D.length, cfg, 11L);
    Tile tile = layer.tile(0, 0);
    double step = tile.cells().updateStepMicroSiemens();
    // K = 0.3 (the largest cell gets 0.3·BL ≈ 9.3 pulses): √K of the share on each train.
    double k = 0.3;
    float eta = (float) (k * layer.weightUnitsPerMicroSiemens() * step * BL);
    double root = Math.sqrt(k);

    int rows = X.length;
    int cols = D.length;
    Moments[] fast = new Moments[rows * cols];
    Moments[] slow = new Moments[rows * cols];
    for (int i = 0; i < fast.length; i++) {
      fast[i] = new Moments();
      slow[i] = new Moments();
    }
    float[] d = D.clone();
    SplittableRandom rnd = new SplittableRandom(12);
    double[] before = new double[rows * cols];
    for (int t = 0; t < TRIALS; t++) {
      // Alternate δ and −δ so that the weights stay near 0; both directions are sampled.
      for (int c = 0; c < cols; c++) d[c] = t % 2 == 0 ? D[c] : -D[c];
      for (int c = 0; c < cols; c++) for (int r = 0; r < rows; r++) before[c * rows + r] = tile.cells().weightMicroSiemens(r, c);
      layer.update(X, d, eta);
      for (int c = 0; c < cols; c++) {
        for (int r = 0; r < rows; r++) {
          double moved = (tile.cells().weightMicroSiemens(r, c) - before[c * rows + r]) / step;
          long n = Math.round(moved);
          assertEquals(n, moved, 1e-6, "whole pulses");
          fast[c * rows + r].add(n);
          // The reference: BL independent slots.
          double pr = Math.abs(X[r]) * root;
          double pc = Math.abs(d[c]) * root;
          int m = 0;
          for (int s = 0; s < BL; s++) if (rnd.nextDouble() < pr & rnd.nextDouble() < pc) m++;
          slow[c * rows + r].add(Math.signum(X[r] * d[c]) * m);
        }
      }
    }
    for (int c = 0; c < cols; c++) {
      for (int r = 0; r < rows; r++) {
        Moments f = fast[c * rows + r];
        Moments s = slow[c * rows + r];
        String cell = "cell (" + r + ", " + c + ")";
        if (X[r] == 0) {
          assertEquals(0, f.absSum, cell + ": no pulses where x = 0");
          continue;
        }
        // Pulses per update, whatever their direction.
        double want = BL * Math.abs(X[r]) * root * Math.abs(D[c]) * root;
        assertEquals(s.meanAbs(), f.meanAbs(), Z * Math.hypot(f.seMeanAbs(), s.seMeanAbs()), cell + ": mean pulses");
        assertEquals(want, f.meanAbs(), Z * f.seMeanAbs(), cell + ": mean pulses against BL·p_r·p_c");
        assertEquals(s.varAbs(), f.varAbs(), Z * Math.hypot(f.seVarAbs(), s.seVarAbs()), cell + ": variance of the pulses");
        // Direction: the share of pulses that raise the weight (half of the updates have −δ).
        assertEquals(s.upShare(), f.upShare(), Z * Math.hypot(f.seUpShare(), s.seUpShare()), cell + ": share of pulses up");
        assertTrue(f.upSum > 0 && f.downSum > 0, cell + ": pulses in both directions");
      }
    }
  }

  /** Running sums of signed pulse counts n: |n|, n², n⁴ and the pulses up and down. */
  private static final class Moments {
    long count;
    long absSum;
    double sq;
    double cube;
    double quad;
    long upSum;
    long downSum;
    /** Sums over the updates of (pulses up)² etc. for the standard error of the up share. */
    double upSq;
    double allSq;
    double upAll;

    void add(double signed) {
      long n = Math.round(signed);
      long a = Math.abs(n);
      count++;
      absSum += a;
      sq += (double) a * a;
      cube += (double) a * a * a;
      quad += (double) a * a * a * a;
      long up = n > 0 ? a : 0;
      if (n > 0) upSum += a;
      else downSum += a;
      upSq += (double) up * up;
      allSq += (double) a * a;
      upAll += (double) up * a;
    }

    double meanAbs() {
      return absSum / (double) count;
    }

    double varAbs() {
      double m = meanAbs();
      return (sq - count * m * m) / (count - 1);
    }

    double seMeanAbs() {
      return Math.sqrt(varAbs() / count);
    }

    /** The standard error of the sample variance, from the fourth central moment (estimated). */
    double seVarAbs() {
      double m = meanAbs();
      double mu4 = quad / count - 4 * m * cube / count + 6 * m * m * sq / count - 3 * m * m * m * m;
      double v = varAbs();
      return Math.sqrt(Math.max(mu4 - v * v, 0) / count);
    }

    double upShare() {
      return upSum / (double) (upSum + downSum);
    }

    /** Delta-method standard error of a ratio of sums, up / all, over independent updates. */
    double seUpShare() {
      double all = upSum + downSum;
      double r = upSum / all;
      double var = (upSq - 2 * r * upAll + r * r * allSq) / (count - 1.0);
      return Math.sqrt(Math.max(var, 0) * count) / all;
    }
  }
}
