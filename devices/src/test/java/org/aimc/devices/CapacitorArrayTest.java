package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.junit.jupiter.api.Test;

class CapacitorArrayTest {
  private static final CapacitorParams REF = DevicePreset.AMBROGIO2018.capacitor();
  private static final CapacitorParams ASYM = DevicePreset.CAPACITOR_ASYMMETRIC.capacitor();
  private static final CapacitorParams IDEAL = DevicePreset.IDEAL.capacitor();

  /**
   * Mean up/down asymmetry recovered from step means, measured in g as a device engineer would
   * (one pulse from 0.5 V, read g before and after, m = 8 repeats per device).
   *
   * <p>E[Δg_up] = E[K_i]·E[a_i]·E[1 + ctoc·ξ] = K·chargeStep (independent factors, all mean 1), and
   * likewise down, so the ratio of means estimates chargeStep/dischargeStep = 0.005/0.0035.
   * Per-device averages u_j, d_j have SDs s_u, s_d (dtod 0.2 of a, 0.05 of K, ctoc 0.3/√8); the
   * means have SE s/√n. For R = U/D the delta method gives SE_R = R·√((SE_U/U)² + (SE_D/D)² −
   * 2·cov/(U·D)); up and down of one device share K_i, so cov &gt; 0 and dropping it overstates the
   * SE (conservative). With n = 3000: SE_R ≈ 1.43·√2·0.22/√3000 ≈ 0.008. Assert |R − R₀| ≤ 4.5·SE_R.
   */
  /**
   * g(V_C) has no dead zone: over the whole 0-1 V swing every cell's g rises strictly with V_C
   * (below its threshold by subthreshold conduction, one e-fold per readSubthresholdVolts), equals
   * K·(V_C − Vth) well above threshold, and is continuous with a continuous slope at the join.
   * With readSubthresholdVolts = 0 the old hard floor returns (g = 0 below threshold).
   */
  @Test
  void readCurveHasNoDeadZone() {
    CapacitorArray a = CapacitorArray.create(REF, 50, 3);
    for (int c = 0; c < 50; c++) {
      double prev = -1;
      for (double v = 0; v <= 1.0 + 1e-12; v += 0.01) {
        double g = a.conductanceAtMicroSiemens(c, v);
        assertTrue(g > prev, "cell " + c + ": g rises at " + v + " V");
        prev = g;
      }
    }
    double k = 16, s = REF.readSubthresholdVolts();
    assertTrue(s > 0);
    assertEquals(k * s, CapacitorParams.readCurve(k, s, s), 1e-12);
    assertEquals(k * s, CapacitorParams.readCurve(k, s * (1 - 1e-9), s), 1e-6, "continuous at the join");
    double h = 1e-7;
    assertEquals(k, (CapacitorParams.readCurve(k, s, s) - CapacitorParams.readCurve(k, s - h, s)) / h, 1e-3, "slope K at the join");
    assertEquals(k * s * Math.exp(-1 - 2), CapacitorParams.readCurve(k, -2 * s, s), 1e-12, "exponential below");
    assertEquals(0.0, CapacitorParams.readCurve(k, -0.1, 0), 0.0, "hard floor with s = 0");
    assertEquals(4.0, REF.nominalConductanceMicroS(REF.vInitVolts()), 1e-12, "g(0.5 V) unchanged");
  }

  @Test
  void asymmetryRecoveredFromStepMeans() {
    int n = 3000;
    int m = 8;
    CapacitorArray a = CapacitorArray.create(ASYM, n, 21);
    SummaryStatistics up = new SummaryStatistics();
    SummaryStatistics down = new SummaryStatistics();
    for (int c = 0; c < n; c++) {
      double su = 0;
      double sd = 0;
      for (int k = 0; k < m; k++) {
        a.reinitialize(c);
        double g0 = a.conductanceMicroSiemens(c);
        a.charge(c, 1);
        su += a.conductanceMicroSiemens(c) - g0;
        a.reinitialize(c);
        a.discharge(c, 1);
        sd += g0 - a.conductanceMicroSiemens(c);
      }
      up.addValue(su / m);
      down.addValue(sd / m);
    }
    double u = up.getMean();
    double d = down.getMean();
    double ratio = u / d;
    double seU = up.getStandardDeviation() / Math.sqrt(n);
    double seD = down.getStandardDeviation() / Math.sqrt(n);
    double seR = ratio * Math.sqrt(Math.pow(seU / u, 2) + Math.pow(seD / d, 2));
    double expected = ASYM.chargeStepVolts() / ASYM.dischargeStepVolts();
    assertTrue(Math.abs(ratio - expected) <= 4.5 * seR, () -> "ratio " + ratio + " vs " + expected + " (SE " + seR + ")");
    // The nominal step in g (K·a) is recovered too: SE_U = s_u/√n.
    double kUp = ASYM.readSlopeMicroSPerVolt() * ASYM.chargeStepVolts();
    assertTrue(Math.abs(u - kUp) <= 4.5 * seU, () -> "up step " + u + " vs " + kUp);
  }

  /**
   * Leakage time constant recovered by a fit: per cell, ln(vLeak − V(t)) against t is a line of
   * slope −1/τ_i (leakage is deterministic, so each per-cell fit is exact to rounding). The mean of
   * the n fitted τ_i estimates τ; its SE is s/√n with s the sample SD (≈ 0.3·τ·0.986 after the
   * ±3σ truncation) ⇒ ≈ 0.0054·τ for n = 3000. Assert within 4.5·SE.
   */
  @Test
  void leakTimeConstantRecoveredByFit() {
    int n = 3000;
    CapacitorArray a = CapacitorArray.create(REF, n, 8);
    double tau = REF.leakTimeConstantSeconds();
    int m = 12;
    SimpleRegression[] regs = new SimpleRegression[n];
    for (int c = 0; c < n; c++) regs[c] = new SimpleRegression();
    for (int k = 1; k <= m; k++) {
      double t = k * 0.25 * tau;
      a.advanceTo(t);
      for (int c = 0; c < n; c++) regs[c].addData(t, Math.log(REF.vLeakVolts() - a.voltage(c)));
    }
    SummaryStatistics taus = new SummaryStatistics();
    for (SimpleRegression r : regs) {
      assertTrue(r.getRSquare() > 0.999999, "exponential: R² " + r.getRSquare());
      taus.addValue(-1 / r.getSlope());
    }
    double se = taus.getStandardDeviation() / Math.sqrt(n);
    assertTrue(Math.abs(taus.getMean() - tau) <= 4.5 * se, () -> "tau " + taus.getMean() + " vs " + tau + " (SE " + se + ")");
    assertEquals(REF.leakDtod() * tau, taus.getStandardDeviation(), 0.05 * REF.leakDtod() * tau);
  }

  /** advanceTo is an exact exponential: many small steps equal one large step, with or without spread. */
  @Test
  void leakageComposesExactly() {
    for (CapacitorParams p : new CapacitorParams[] {REF, TestRecords.with(REF, "leakDtod", 0.0)}) {
      CapacitorArray a = CapacitorArray.create(p, 100, 3);
      CapacitorArray b = CapacitorArray.create(p, 100, 3);
      for (int c = 0; c < 100; c++) {
        a.setVoltage(c, c / 99.0);
        b.setVoltage(c, c / 99.0);
      }
      for (int k = 1; k <= 100; k++) a.advanceTo(k * 0.013);
      a.advanceTo(1.3); // no-op: same time
      b.advanceTo(1.3);
      for (int c = 0; c < 100; c++) assertEquals(b.voltage(c), a.voltage(c), 1e-12);
    }
  }

  /** Bursts that reach a rail are clamped and counted; bursts inside the rails are not. */
  @Test
  void railClampsCountBurstsThatHitARail() {
    CapacitorArray a = CapacitorArray.create(REF, 2, 5);
    for (int k = 0; k < 10; k++) a.applyPulses(0, 1); // 10 × ≈ 5 mV from 0.5 V: far from the rail
    assertEquals(0, a.railClamps());
    a.applyPulses(1, 400); // 400 × ≈ 5 mV would pass 1 V
    assertEquals(1, a.railClamps());
    assertEquals(REF.vMaxVolts(), a.voltage(1), 0.0);
    a.applyPulses(1, -1000); // and past 0 V on the way down
    assertEquals(2, a.railClamps());
    assertEquals(REF.vMinVolts(), a.voltage(1), 0.0);
  }

  /** The step depends on V_C as specified: ΔV_up(V)/ΔV_up(vInit) = 1 − nl·(V − vInit)/(vMax − vInit). */
  @Test
  void stepDependsOnVoltage() {
    CapacitorParams p = TestRecords.with(ASYM, "stepCtoc", 0.0);
    CapacitorArray a = CapacitorArray.create(p, 50, 2);
    for (int c = 0; c < 50; c++) {
      double[] vs = {0.1, 0.5, 0.9};
      for (double v : vs) {
        a.setVoltage(c, v);
        a.charge(c, 1);
        double up = a.voltage(c) - v;
        assertEquals(a.chargeStepVolts(c) * (1 - p.chargeNonlinearity() * (v - 0.5) / 0.5), up, 1e-15);
        a.setVoltage(c, v);
        a.discharge(c, 1);
        double down = v - a.voltage(c);
        assertEquals(a.dischargeStepVolts(c) * (1 - p.dischargeNonlinearity() * (0.5 - v) / 0.5), down, 1e-15);
      }
    }
  }

  /**
   * Per-device up and down steps are independent draws (the two FETs' threshold spreads), so the
   * up/down ratio spreads: ln(up_i/up) − ln(down_i/down) has SD √2·SD(ln(1 + σz)) with σ = stepDtod
   * = 0.1 and z truncated at ±3: √2·σ·(1 + 1.25σ²)·0.9866 ≈ 0.1413 (second-order expansion of the
   * logarithm; 0.9866 the SD of a Normal truncated at ±3). Over n = 4,000 devices the sample SD has
   * SE ≈ 0.1413/√(2n) ≈ 0.0016: asserted within 4.5·SE plus 0.001 for the neglected higher orders.
   * The mean is 0 within 4.5·SD/√n.
   */
  @Test
  void upDownStepRatioHasTheSpreadOfTwoIndependentDraws() {
    CapacitorParams p = DevicePreset.AMBROGIO2018.capacitor();
    int n = 4000;
    CapacitorArray a = CapacitorArray.create(p, n, 21);
    org.apache.commons.math3.stat.descriptive.SummaryStatistics s = new org.apache.commons.math3.stat.descriptive.SummaryStatistics();
    for (int c = 0; c < n; c++) {
      s.addValue(Math.log(a.chargeStepVolts(c) / p.chargeStepVolts()) - Math.log(a.dischargeStepVolts(c) / p.dischargeStepVolts()));
    }
    double sigma = p.stepDtod();
    double want = Math.sqrt(2) * sigma * (1 + 1.25 * sigma * sigma) * 0.9866;
    assertEquals(want, s.getStandardDeviation(), 4.5 * want / Math.sqrt(2.0 * n) + 0.001);
    assertEquals(0, s.getMean(), 4.5 * want / Math.sqrt(n));
  }

  /** n pulses in one call equal n calls of one pulse (noise off), for the loop and the closed form. */
  @Test
  void multiPulseEqualsRepeatedSinglePulses() {
    CapacitorParams p = TestRecords.with(ASYM, "stepCtoc", 0.0);
    for (int pulses : new int[] {1, 5, 16, 17, 40, 200}) {
      CapacitorArray a = CapacitorArray.create(p, 1, 4);
      CapacitorArray b = CapacitorArray.create(p, 1, 4); // the same device
      a.setVoltage(0, 0.2);
      b.setVoltage(0, 0.2);
      a.charge(0, pulses);
      for (int k = 0; k < pulses; k++) b.charge(0, 1);
      assertEquals(b.voltage(0), a.voltage(0), 1e-12, "charge " + pulses);
      a.discharge(0, pulses);
      for (int k = 0; k < pulses; k++) b.discharge(0, 1);
      assertEquals(b.voltage(0), a.voltage(0), 1e-12, "discharge " + pulses);
    }
  }

  /**
   * Cycle-to-cycle noise of a 10-pulse call has the variance of 10 independent per-pulse noises,
   * ctoc²·Σ s_k². The sample variance of m = 4000 repeats has relative SE √(2/(m−1)) ≈ 2.2 %;
   * assert within 5 SE (11 %).
   */
  @Test
  void multiPulseNoiseHasPerPulseVariance() {
    CapacitorParams p = REF;
    CapacitorArray a = CapacitorArray.create(p, 1, 12);
    int m = 4000;
    SummaryStatistics dv = new SummaryStatistics();
    for (int k = 0; k < m; k++) {
      a.reinitialize(0);
      a.charge(0, 10);
      dv.addValue(a.voltage(0) - 0.5);
    }
    double s = a.chargeStepVolts(0);
    double r = 1 - s * p.chargeNonlinearity() / 0.5;
    double sum2 = 0;
    double sum = 0;
    for (int k = 0; k < 10; k++) {
      sum += s * Math.pow(r, k);
      sum2 += s * s * Math.pow(r, 2 * k);
    }
    double expectedVar = p.stepCtoc() * p.stepCtoc() * sum2;
    assertEquals(expectedVar, dv.getVariance(), 5 * Math.sqrt(2.0 / (m - 1)) * expectedVar);
    assertEquals(sum, dv.getMean(), 5 * Math.sqrt(expectedVar / m));
  }

  /** ideal: exactly linear and symmetric steps, a linear read curve, no leakage. */
  @Test
  void idealIsExactlyLinearAndSymmetric() {
    CapacitorArray a = CapacitorArray.create(IDEAL, 3, 1);
    double step = IDEAL.chargeStepVolts();
    double gStep = a.nominalStepMicroSiemens();
    assertEquals(16 * 0.005, gStep, 1e-15);
    for (int k = 1; k <= 99; k++) {
      a.charge(0, 1);
      assertEquals(0.5 + k * step, a.voltage(0), 1e-12);
      assertEquals(12 + k * gStep, a.conductanceMicroSiemens(0), 1e-12);
    }
    for (int k = 1; k <= 99; k++) a.discharge(0, 1);
    assertEquals(0.5, a.voltage(0), 1e-12); // symmetric
    a.charge(1, 37);
    a.discharge(1, 37);
    assertEquals(0.5, a.voltage(1), 1e-15);
    a.discharge(2, 60);
    assertEquals(0.5 - 60 * step, a.voltage(2), 1e-12);
    a.charge(2, 500);
    assertEquals(IDEAL.vMaxVolts(), a.voltage(2), 0.0); // rail
    a.reinitializeAll();
    a.advanceTo(1e9);
    assertEquals(0.5, a.voltage(0), 0.0); // no leakage
    for (int c = 0; c < 3; c++) assertEquals(step, a.chargeStepVolts(c), 0.0);
  }

  /** Property: V_C stays within the rails and g ≥ 0 under random pulse sequences, all presets. */
  @Test
  void voltageStaysWithinRails() {
    for (DevicePreset preset : DevicePreset.values()) {
      CapacitorParams p = preset.capacitor();
      CapacitorArray a = CapacitorArray.create(p, 300, 6);
      SplittableRandom r = new SplittableRandom(10);
      double t = 0;
      for (int op = 0; op < 50000; op++) {
        int c = r.nextInt(300);
        int k = r.nextInt(100);
        if (k < 45) a.charge(c, r.nextInt(60));
        else if (k < 90) a.discharge(c, r.nextInt(60));
        else if (k < 92) a.reinitialize(c);
        else if (k < 93) a.advanceTo(t += r.nextDouble() * 0.2);
        double v = a.voltage(c);
        assertTrue(v >= p.vMinVolts() && v <= p.vMaxVolts(), preset + " v " + v);
        double g = a.conductanceMicroSiemens(c);
        assertTrue(g >= 0 && Double.isFinite(g), preset + " g " + g);
      }
    }
  }

  @Test
  void sameSeedSameNumbersDifferentSeedDifferentNumbers() {
    double[] x = run(17);
    double[] y = run(17);
    double[] z = run(18);
    assertTrue(Arrays.equals(x, y));
    int same = 0;
    for (int i = 0; i < x.length; i++) if (x[i] == z[i]) same++;
    assertTrue(same < x.length / 10, same + " equal");
  }

  private static double[] run(long seed) {
    CapacitorArray a = CapacitorArray.create(REF, 100, seed);
    double[] out = new double[200];
    for (int c = 0; c < 100; c++) {
      out[c] = a.conductanceMicroSiemens(c);
      a.charge(c, 1 + c % 7);
      a.discharge(c, c % 3);
    }
    a.advanceTo(REF.leakTimeConstantSeconds()); // one τ: far longer and every cell sits at the leak voltage, whatever the seed
    for (int c = 0; c < 100; c++) out[100 + c] = a.voltage(c);
    return out;
  }

  /** The shared reference g_shared is just another cell with its own variability. */
  @Test
  void referenceCellsAreOrdinaryCellsWithTheirOwnSpread() {
    CapacitorArray shared = CapacitorArray.create(REF, 64, 1234);
    SummaryStatistics g = new SummaryStatistics();
    for (int c = 0; c < 64; c++) g.addValue(shared.conductanceMicroSiemens(c));
    // At 0.5 V: g = K_i·(0.5 − Vth_i); spread σ ≈ √((0.05·4)² + (16·0.02)²) ≈ 0.377 µS (truncation at
    // ±3σ neglected). With 64 cells: SE(mean) = σ/8, SE(SD) ≈ σ/√128; asserted within 4.5·SE.
    double sigma = Math.hypot(REF.readSlopeDtod() * REF.readGAtInitMicroS(), REF.readSlopeMicroSPerVolt() * REF.readThresholdDtodVolts());
    assertEquals(sigma, g.getStandardDeviation(), 4.5 * sigma / Math.sqrt(128), "sd");
    assertEquals(REF.readGAtInitMicroS(), g.getMean(), 4.5 * sigma / 8);
  }
}
