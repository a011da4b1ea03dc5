package org.aimc.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.junit.jupiter.api.Test;

/**
 * The aihwkit device families ({@link PulsedDeviceArray}) recovered from simulated populations, as
 * a device engineer would measure them: single pulses from a set weight, step means per device,
 * bounds by saturating. Every tolerance is k standard errors of the estimate at the sample size
 * used (k = 4.5: a false failure about once in 150,000 runs), with the standard error predicted
 * from the parameters where the estimator is simple and from the sample otherwise; each test also
 * checks that its tolerance is small beside the effect it measures, so a wrong model fails it.
 */
class PulsedDeviceFamiliesTest {
  private static final double K = 4.5;
  private static final int N = 4000;
  private static final int M = 8;

  private static PulsedDeviceParams preset(String id) {
    return PulsedDevicePreset.byId(id).params();
  }

  /** Per device, the mean over m single pulses (up or down) from weight w of the hidden weight's change (magnitude). */
  private static SummaryStatistics steps(PulsedDeviceArray a, double w, boolean up, int m) {
    SummaryStatistics s = new SummaryStatistics();
    for (int i = 0; i < a.size(); i++) {
      double sum = 0;
      for (int k = 0; k < m; k++) {
        a.set(i, w);
        double before = a.hiddenWeight(i);
        a.pulse(i, up ? 1 : -1);
        sum += Math.abs(a.hiddenWeight(i) - before);
      }
      s.addValue(sum / m);
    }
    return s;
  }

  /**
   * ConstantStep (gokmen-vlasov with an up/down bias of 0.2 added): per device u_i = (g_i + r_i)·dw,
   * d_i = (g_i − 0.2 − r_i)·dw plus the mean of m cycle-to-cycle draws. So mean(u) estimates dw_min with
   * SD dw·√(dtod² + udDtod² + ctoc²/m); mean(u − d)/dw estimates up_down with SD √(4·udDtod² + 2·ctoc²/m);
   * var((u + d)/2)/dw² estimates dtod² + ctoc²/(2m) with SE σ²·√(2/(n−1)); the saturated weights
   * estimate w_max and w_min with SD |w|·dtod.
   */
  @Test
  void constantStepRecoversDwMinAsymmetrySpreadAndBounds() {
    PulsedDeviceParams p = TestRecords.with(preset("gokmen-vlasov"), "upDown", 0.2, "upDownDtod", 0.05);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 11);
    double dw = p.dwMin();
    SummaryStatistics mean = new SummaryStatistics();
    SummaryStatistics asym = new SummaryStatistics();
    SummaryStatistics up = steps(a, 0, true, M);
    SummaryStatistics down = new SummaryStatistics();
    for (int i = 0; i < N; i++) {
      double su = 0;
      double sd = 0;
      for (int k = 0; k < M; k++) {
        a.set(i, 0);
        a.pulse(i, 1);
        su += a.hiddenWeight(i);
        a.set(i, 0);
        a.pulse(i, -1);
        sd -= a.hiddenWeight(i);
      }
      down.addValue(sd / M);
      asym.addValue((su - sd) / M / dw);
      mean.addValue((su + sd) / (2 * M) / dw);
    }
    double sdUp = dw * Math.sqrt(sq(p.dwMinDtod()) + sq(p.upDownDtod()) + sq(p.dwMinCtoc()) / M);
    double tolDw = K * sdUp / Math.sqrt(N);
    assertTrue(tolDw < 0.03 * dw, "the test resolves 3 % of dw_min: " + tolDw);
    assertEquals(p.dwMin(), up.getMean(), tolDw, "dw_min from the mean up step");
    assertEquals(p.meanDownStep(), down.getMean(), tolDw, "(1 − up_down)·dw_min from the mean down step");
    double tolAsym = K * Math.sqrt(4 * sq(p.upDownDtod()) + 2 * sq(p.dwMinCtoc()) / M) / Math.sqrt(N);
    assertTrue(tolAsym < 0.05, "the test resolves an up_down of 0.05: " + tolAsym);
    assertEquals(p.upDown(), asym.getMean(), tolAsym, "up_down from the mean up − down step");
    double var = sq(p.dwMinDtod()) + sq(p.dwMinCtoc()) / (2 * M);
    assertEquals(var, mean.getVariance(), K * var * Math.sqrt(2.0 / (N - 1)), "dw_min_dtod² + ctoc²/(2m) from the spread of the per-device steps");
    double dtod = Math.sqrt(mean.getVariance() - sq(p.dwMinCtoc()) / (2 * M));
    assertEquals(p.dwMinDtod(), dtod, 0.03, "dw_min_dtod");

    // Bounds on the preset itself (no added bias), swept far enough for a device with a fifth of the mean step.
    PulsedDeviceArray b = PulsedDeviceArray.create(preset("gokmen-vlasov"), N, 21);
    SummaryStatistics hi = new SummaryStatistics();
    SummaryStatistics lo = new SummaryStatistics();
    int sweep = (int) (15 * (p.wMax() - p.wMin()) / dw);
    for (int i = 0; i < N; i++) {
      b.pulse(i, sweep);
      hi.addValue(b.hiddenWeight(i));
      b.pulse(i, -sweep);
      lo.addValue(b.hiddenWeight(i));
    }
    assertEquals(p.wMax(), hi.getMean(), K * p.wMax() * p.wMaxDtod() / Math.sqrt(N), "w_max from saturated devices");
    assertEquals(p.wMin(), lo.getMean(), K * Math.abs(p.wMin()) * p.wMinDtod() / Math.sqrt(N), "w_min from saturated devices");
    assertEquals(p.wMaxDtod(), hi.getStandardDeviation() / p.wMax(), K * p.wMaxDtod() / Math.sqrt(2.0 * (N - 1)), "w_max_dtod");
  }

  /**
   * LinearStep (ecram): the up step at w is Δ⁺_i·(1 − γ⁺_i·w/w_max) and the down step
   * Δ⁻_i·(1 − γ⁻_i·w/w_min) (mean bounds as reference), γ independent of Δ, so the ratio of the mean
   * steps at w and at 0 estimates 1 − γ·w/B. Its SE by the delta method, without the (positive)
   * covariance of the two means, which overstates it.
   */
  @Test
  void linearStepRecoversGammaUpAndDown() {
    PulsedDeviceParams p = preset("ecram");
    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 12);
    double w1 = 0.8;
    double w2 = -0.6;
    double g0 = gamma(steps(a, 0, true, M), steps(a, w1, true, M), w1 / p.wMax());
    double g1 = gamma(steps(a, 0, false, M), steps(a, w2, false, M), w2 / p.wMin());
    assertEquals(p.gammaUp(), g0, tolGamma, "gamma_up");
    assertEquals(p.gammaDown(), g1, tolGamma, "gamma_down");
    assertTrue(tolGamma < 0.25 * p.gammaUp(), "the test resolves a quarter of gamma_up: " + tolGamma);
  }

  private double tolGamma;

  /** γ from the ratio of mean steps at x = w/B and at 0; sets {@link #tolGamma} to the larger of the two calls' K·SE. */
  private double gamma(SummaryStatistics at0, SummaryStatistics atW, double x) {
    double r = atW.getMean() / at0.getMean();
    double se = r * Math.sqrt(sq(atW.getStandardDeviation() / atW.getMean()) / atW.getN()
        + sq(at0.getStandardDeviation() / at0.getMean()) / at0.getN());
    tolGamma = Math.max(tolGamma, K * se / x);
    return (1 - r) / x;
  }

  /**
   * SoftBounds (reram-sb): the step falls to 0 at each device's own bound, so without cycle-to-cycle
   * noise a device pulsed up many times settles at its bound (w_max with its dtod); with the
   * preset's additive noise the mean step at half of each device's bound is half the step at 0.
   * The write noise: reads differ from the hidden weight by write_noise_std·dw_min.
   */
  @Test
  void softBoundsRecoversBoundsHalfStepAndWriteNoise() {
    PulsedDeviceParams p = preset("reram-sb");
    PulsedDeviceParams quiet = TestRecords.with(p, "dwMinCtoc", 0.0, "writeNoise", 0.0);
    PulsedDeviceArray q = PulsedDeviceArray.create(quiet, N, 13);
    SummaryStatistics hi = new SummaryStatistics();
    SummaryStatistics lo = new SummaryStatistics();
    for (int i = 0; i < N; i++) {
      q.pulse(i, 20_000);
      hi.addValue(q.hiddenWeight(i));
      q.pulse(i, -20_000);
      lo.addValue(q.hiddenWeight(i));
    }
    assertEquals(p.wMax(), hi.getMean(), K * p.wMax() * p.wMaxDtod() / Math.sqrt(N), "w_max: where the soft-bound step vanishes");
    assertEquals(p.wMin(), lo.getMean(), K * -p.wMin() * p.wMinDtod() / Math.sqrt(N), "w_min");

    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 14);
    SummaryStatistics at0 = new SummaryStatistics();
    SummaryStatistics half = new SummaryStatistics();
    for (int i = 0; i < N; i++) {
      double s0 = 0;
      double sh = 0;
      for (int k = 0; k < 4 * M; k++) {
        a.set(i, 0);
        a.pulse(i, 1);
        s0 += a.hiddenWeight(i);
        double h = a.maxBound(i) / 2;
        a.set(i, h);
        a.pulse(i, 1);
        sh += a.hiddenWeight(i) - h;
      }
      at0.addValue(s0 / (4 * M));
      half.addValue(sh / (4 * M));
    }
    double sd0 = p.dwMin() * Math.sqrt(sq(p.dwMinDtod()) + sq(p.upDownDtod()) + sq(p.dwMinCtoc()) / (4 * M));
    assertEquals(p.dwMin(), at0.getMean(), K * sd0 / Math.sqrt(N), "dw_min");
    double r = half.getMean() / at0.getMean();
    double se = r * Math.sqrt(sq(half.getStandardDeviation() / half.getMean()) / N + sq(at0.getStandardDeviation() / at0.getMean()) / N);
    assertTrue(K * se < 0.15, "the test resolves a ratio of 0.15: " + K * se);
    assertEquals(0.5, r, K * se, "soft bounds: half the step at half the bound");

    SummaryStatistics wn = new SummaryStatistics();
    for (int i = 0; i < N; i++) {
      a.set(i, 0);
      wn.addValue(a.weight(i) - a.hiddenWeight(i));
    }
    double sigma = p.writeNoise() * p.dwMin();
    assertEquals(sigma, wn.getStandardDeviation(), K * sigma / Math.sqrt(2.0 * (N - 1)), "write_noise_std·dw_min");
    assertEquals(0.0, wn.getMean(), K * sigma / Math.sqrt(N), "write noise has mean 0");
  }

  /**
   * ExpStep (reram-es, bounds without spread so that every device has the nominal z): the mean step
   * at w is max(0, 1 − A·e^{±γz})·Δ, the equation {@link PulsedDeviceParams#nominalStep}; with the
   * preset's cycle-to-cycle spread of 5 the mean of m·n pulses has SE from the sample.
   */
  @Test
  void expStepFollowsItsEquationAndAsymmetry() {
    PulsedDeviceParams p = TestRecords.with(preset("reram-es"), "wMaxDtod", 0.0, "wMinDtod", 0.0, "writeNoise", 0.0);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 15);
    for (double w : new double[] {-0.5, 0.0, 0.5}) {
      for (boolean up : new boolean[] {true, false}) {
        SummaryStatistics s = new SummaryStatistics();
        for (int i = 0; i < N; i++) {
          double sum = 0;
          for (int k = 0; k < 2 * M; k++) {
            a.set(i, w);
            a.pulse(i, up ? 1 : -1);
            sum += a.hiddenWeight(i) - w;
          }
          s.addValue((up ? sum : -sum) / (2 * M));
        }
        double nominal = p.nominalStep(w, up);
        double tol = K * s.getStandardDeviation() / Math.sqrt(N);
        assertTrue(tol < 0.2 * nominal, "resolves 20 % of the step at " + w + (up ? " up" : " down"));
        assertEquals(nominal, s.getMean(), tol, "ExpStep mean step at w = " + w + (up ? " up" : " down"));
      }
    }
    assertTrue(p.nominalStep(0.5, true) < 0.9 * p.nominalStep(-0.5, true), "the up step falls with w");
  }

  /** ExpStep with aihwkit's complex noise (aihwkit-pcm): the SD of one pulse's change is ctoc·(|Δw| + add + slope·|w|). */
  @Test
  void expStepComplexNoiseHasItsSpread() {
    PulsedDeviceParams p = TestRecords.with(preset("aihwkit-pcm"), "dwMinDtod", 0.0, "upDownDtod", 0.0, "wMaxDtod", 0.0);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 16);
    double w = 1.0;
    SummaryStatistics s = new SummaryStatistics();
    for (int i = 0; i < N; i++) {
      a.set(i, w);
      a.pulse(i, 1);
      s.addValue(a.hiddenWeight(i) - w);
    }
    double dw = p.nominalStep(w, true);
    double sigma = p.dwMinCtoc() * (dw + p.dwMinCtocAdd() + p.dwMinCtocSlope() * w);
    assertEquals(dw, s.getMean(), K * sigma / Math.sqrt(N), "mean step");
    assertEquals(sigma, s.getStandardDeviation(), K * sigma / Math.sqrt(2.0 * (N - 1)), "complex cycle-to-cycle noise");
  }

  /** PowStep: the up step at half the distance to the bound is 0.5^γ of the step at the lower bound. */
  @Test
  void powStepRecoversItsExponent() {
    PulsedDeviceParams p = TestRecords.with(preset("aihwkit-pulsed-device"), "family", StepFamily.POW_STEP, "powGamma", 2.0,
        "powGammaDtod", 0.0, "wMaxDtod", 0.0, "wMinDtod", 0.0);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, N, 17);
    double mid = (p.wMax() + p.wMin()) / 2;
    SummaryStatistics full = steps(a, p.wMin(), true, M);
    SummaryStatistics half = steps(a, mid, true, M);
    double r = half.getMean() / full.getMean();
    double se = r * Math.sqrt(sq(half.getStandardDeviation() / half.getMean()) / N + sq(full.getStandardDeviation() / full.getMean()) / N);
    double gamma = -Math.log(r) / Math.log(2);
    double tol = K * se / (r * Math.log(2));
    assertTrue(tol < 0.1, "resolves 0.1 of the exponent: " + tol);
    assertEquals(p.powGamma(), gamma, tol, "pow_gamma");
  }

  /** Decay toward the reset point with τ (aihwkit-capacitor's lifetime in seconds), exact without spread. */
  @Test
  void capacitorDecaysTowardItsResetPoint() {
    PulsedDeviceParams p = TestRecords.with(preset("aihwkit-capacitor"), "leakDtod", 0.0);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, 10, 18);
    for (int i = 0; i < 10; i++) a.set(i, 0.5);
    a.advanceTo(p.leakTimeConstantSeconds());
    for (int i = 0; i < 10; i++) {
      double b = a.resetPoint(i);
      assertEquals(b + (0.5 - b) * Math.exp(-1), a.weight(i), 1e-12);
    }
  }

  /** Program-and-verify reaches the target within the tolerance despite ReRAM's write noise; open loop is what the pulses give. */
  @Test
  void closedLoopTuningReachesItsTolerance() {
    PulsedDeviceParams p = preset("reram-sb");
    PulsedDeviceArray a = PulsedDeviceArray.create(p, 500, 19);
    double tol = p.tuneToleranceMicroS() / p.microSiemensPerUnit();
    int converged = 0;
    for (int i = 0; i < 500; i++) {
      a.resetToMin(i);
      TuningResult r = a.tune(i, 0.3, tol, p.tuneMaxPulses(), p.tuneStallPulses());
      if (r.converged()) {
        converged++;
        assertEquals(0.3, a.weight(i), tol + 1e-12);
      }
      assertTrue(r.setPulses() <= p.tuneMaxPulses());
    }
    assertTrue(converged >= 495, "converged " + converged + " of 500");
  }

  @Test
  void sameSeedSameNumbersAndCheckpointContinues() throws IOException {
    PulsedDeviceParams p = preset("reram-es");
    PulsedDeviceArray a = PulsedDeviceArray.create(p, 64, 5);
    PulsedDeviceArray b = PulsedDeviceArray.create(p, 64, 5);
    for (int i = 0; i < 64; i++) {
      a.pulse(i, i % 7 - 3);
      b.pulse(i, i % 7 - 3);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.writeState(new DataOutputStream(bytes));
    PulsedDeviceArray c = PulsedDeviceArray.create(p, 64, 5);
    c.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    double[] wa = new double[64];
    double[] wb = new double[64];
    double[] wc = new double[64];
    for (int i = 0; i < 64; i++) {
      a.pulse(i, 5);
      b.pulse(i, 5);
      c.pulse(i, 5);
      wa[i] = a.weight(i);
      wb[i] = b.weight(i);
      wc[i] = c.weight(i);
    }
    assertArrayEquals(wa, wb, 0.0);
    assertArrayEquals(wa, wc, 0.0);
    PulsedDeviceArray other = PulsedDeviceArray.create(p, 64, 6);
    assertThrows(IOException.class, () -> other.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()))));
  }

  @Test
  void badParametersNameTheirKey() {
    PulsedDeviceParams p = preset("ecram");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "dwMin", -0.001)).getMessage().contains("dwMin"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "dwMinCtoc", Double.NaN)).getMessage().contains("dwMinCtoc"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "wMin", 0.5)).getMessage().contains("wMin"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "reset", 5.0)).getMessage().contains("reset"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "upDown", 1.0)).getMessage().contains("upDown"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TestRecords.with(p, "microSiemensPerUnit", 0.0)).getMessage().contains("microSiemensPerUnit"));
  }

  /** Every built-in pulsed preset resolves, names a source for every value, and the roles' device presets name them. */
  @Test
  void presetsResolveWithSources() {
    for (PulsedDevicePreset d : PulsedDevicePreset.values()) {
      for (var c : PulsedDeviceParams.class.getRecordComponents()) {
        String src = d.sources().get(c.getName());
        assertTrue(src != null && !src.isBlank(), d.id() + "." + c.getName() + " has a source");
      }
    }
    assertEquals(8 + 1, PulsedDevicePreset.values().size(), "aihwkit's eight presets and its defaults");
    assertEquals(StepFamily.LINEAR_STEP, DevicePreset.byId("ecram-over-pcm").params().fast().family());
    assertEquals(StepFamily.SOFT_BOUNDS, DevicePreset.byId("reram-under-3t1c").params().slow().family());
    assertEquals(null, DevicePreset.AMBROGIO2018.params().fast());
  }

  private static double sq(double x) {
    return x * x;
  }
}
