package org.aimc.experiments.characterize;

import static org.aimc.experiments.characterize.Plots.BLUE;
import static org.aimc.experiments.characterize.Plots.GREEN;
import static org.aimc.experiments.characterize.Plots.GREY;
import static org.aimc.experiments.characterize.Plots.ORANGE;
import static org.aimc.experiments.characterize.Plots.PURPLE;
import static org.aimc.experiments.characterize.Plots.RED;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.aimc.devices.PcmArray;
import org.aimc.devices.PcmParams;
import org.aimc.devices.TuningResult;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The standard PCM characterisation a device engineer runs, on {@code n} devices of one preset:
 *
 * <ol>
 *   <li>pulse train: conductance (noisy reads, as measured) versus SET-pulse number from RESET,
 *       then one RESET (PCM only potentiates gradually; depression is the abrupt RESET);
 *   <li>step sizes: increment distribution of the first pulse and increment versus conductance,
 *       with a linear fit ΔG = α − β·G whose root α/β estimates the saturation conductance;
 *   <li>the staircase primitive: conductance after one pulse from RESET versus step duration;
 *   <li>drift: devices tuned to three levels and read from 2·t_d (t_d the drift onset) on; at the
 *       reference time t_c (where Nandakumar et al. 2019 measured them) the programming spread
 *       σ_prog per level (SD over devices of the mean of 64 reads), and ν per device by log-log
 *       regression over t − t_p ≥ t_c, as the source fitted it;
 *   <li>closed-loop tuning to random targets: error of the true conductance, pulses spent.
 * </ol>
 *
 * Each experiment uses its own array, seeded from the run seed ({@link Stats#derive}).
 */
public final class PcmCharacterization {
  private PcmCharacterization() {}

  static final int TRAIN_PULSES = 150;

  public static Characterization run(PcmParams p, int n, long seed) {
    if (n < 10) throw new IllegalArgumentException("devices = " + n + " is outside the allowed range [10, 10^7]");
    Map<String, Table> tables = new LinkedHashMap<>();
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    List<FittedParameter> fits = new ArrayList<>();
    Map<String, Long> seeds = new LinkedHashMap<>();
    pulseTrain(p, n, seed, tables, charts, fits, seeds);
    pulseDuration(p, n, seed, tables, charts, seeds);
    drift(p, n, seed, tables, charts, fits, seeds);
    tuning(p, n, seed, tables, charts, fits, seeds);
    return new Characterization(org.aimc.experiments.characterize.DeviceKind.PCM, tables, charts, fits, seeds);
  }

  // ---------------------------------------------------------------------------------------------

  private static void pulseTrain(PcmParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 0);
    seeds.put("pulse-train", s);
    PcmArray a = PcmArray.create(p, n, s);
    int steps = TRAIN_PULSES + 2; // reads after pulse 0..TRAIN_PULSES, then after RESET
    double[][] g = new double[steps][n];
    for (int c = 0; c < n; c++) {
      g[0][c] = a.readMicroSiemens(c, 0);
      for (int k = 1; k <= TRAIN_PULSES; k++) {
        a.applySetPulse(c, 0);
        g[k][c] = a.readMicroSiemens(c, 0);
      }
      a.reset(c, 0);
      g[steps - 1][c] = a.readMicroSiemens(c, 0);
    }
    double[] pulse = Stats.range(steps);
    double[] mean = new double[steps];
    double[] sd = new double[steps];
    double[] p05 = new double[steps];
    double[] p50 = new double[steps];
    double[] p95 = new double[steps];
    for (int k = 0; k < steps; k++) {
      SummaryStatistics st = Stats.summary(g[k]);
      mean[k] = st.getMean();
      sd[k] = st.getStandardDeviation();
      p05[k] = Stats.percentile(g[k], 5);
      p50[k] = Stats.percentile(g[k], 50);
      p95[k] = Stats.percentile(g[k], 95);
    }
    String[] event = new String[steps];
    for (int k = 0; k < steps; k++) event[k] = k == 0 ? "initial (RESET)" : k == steps - 1 ? "RESET" : "SET";
    tables.put("pcm_pulse_train", Table.create("pcm_pulse_train",
        IntColumn.create("pulse", java.util.stream.IntStream.range(0, steps).toArray()),
        tech.tablesaw.api.StringColumn.create("event", event),
        DoubleColumn.create("mean_uS", mean), DoubleColumn.create("sd_uS", sd),
        DoubleColumn.create("p05_uS", p05), DoubleColumn.create("median_uS", p50), DoubleColumn.create("p95_uS", p95)));

    XYChart c = Plots.xy("PCM: conductance vs SET pulse number (" + n + " devices; last point: RESET)",
        "pulse number (8-step staircase partial SET, " + fmtNs(p.setStepSeconds()) + " per step)", "conductance G (µS), noisy read", false, false);
    for (int d = 0; d < Math.min(5, n); d++) {
      double[] y = new double[steps];
      for (int k = 0; k < steps; k++) y[k] = g[k][d];
      Plots.thin(c, "device " + d, pulse, y, GREY);
    }
    Plots.line(c, "mean", pulse, mean, BLUE);
    Plots.dashed(c, "5th / 95th percentile", pulse, p05, BLUE);
    Plots.dashed(c, "95th", pulse, p95, BLUE).setShowInLegend(false);
    Plots.dashed(c, "useful max " + p.gUsefulMaxMicroS() + " µS (paper)", new double[] {0, steps - 1},
        new double[] {p.gUsefulMaxMicroS(), p.gUsefulMaxMicroS()}, RED);
    charts.put("pcm_pulse_train", c);

    // Step sizes. Devices that never move are stuck (or failed): counted, then excluded.
    int stuck = 0;
    boolean[] moving = new boolean[n];
    for (int c2 = 0; c2 < n; c2++) {
      moving[c2] = !a.isStuck(c2) && g[TRAIN_PULSES][c2] - g[0][c2] > 5 * p.readNoiseSigmaMicroS(p.gSatMicroS(), 1.0);
      if (!moving[c2]) stuck++;
    }
    double[] first = new double[n - stuck];
    int j = 0;
    for (int d = 0; d < n; d++) if (moving[d]) first[j++] = g[1][d] - g[0][d];
    SummaryStatistics fs = Stats.summary(first);
    double expectedFirst = expectedFirstIncrement(p);
    fits.add(new FittedParameter("first-pulse increment from RESET (mean)", "µS", expectedFirst, fs.getMean(),
        fs.getStandardDeviation() / Math.sqrt(fs.getN()), "mean over " + fs.getN() + " working devices of read(1) − read(0); nominal = model mean over the τset spread and dose noise"));
    fits.add(new FittedParameter("non-responding (stuck) device fraction", "", p.stuckFraction(), stuck / (double) n,
        Math.sqrt(Math.max(p.stuckFraction() * (1 - p.stuckFraction()), 1e-12) / n),
        "devices whose read rose by < 5σ_read over " + TRAIN_PULSES + " pulses; binomial SE"));

    // Increment vs conductance, binned by 1 µS, and the linear fit below the useful maximum.
    int bins = (int) Math.ceil(p.gSatMicroS() * 1.3);
    SummaryStatistics[] byBin = new SummaryStatistics[bins];
    for (int b = 0; b < bins; b++) byBin[b] = new SummaryStatistics();
    SimpleRegression reg = new SimpleRegression();
    for (int d = 0; d < n; d++) {
      if (!moving[d]) continue;
      for (int k = 0; k < TRAIN_PULSES; k++) {
        double g0 = g[k][d];
        double dg = g[k + 1][d] - g0;
        int b = (int) Math.floor(g0);
        if (b >= 0 && b < bins) byBin[b].addValue(dg);
        if (g0 > 1 && g0 < p.gUsefulMaxMicroS()) reg.addData(g0, dg);
      }
    }
    List<double[]> rows = new ArrayList<>();
    for (int b = 0; b < bins; b++) if (byBin[b].getN() >= 5) rows.add(new double[] {b + 0.5, byBin[b].getMean(), byBin[b].getStandardDeviation(), byBin[b].getN()});
    double[] bc = rows.stream().mapToDouble(r -> r[0]).toArray();
    double[] bm = rows.stream().mapToDouble(r -> r[1]).toArray();
    double[] bs = rows.stream().mapToDouble(r -> r[2]).toArray();
    double[] bn = rows.stream().mapToDouble(r -> r[3]).toArray();
    tables.put("pcm_step_vs_conductance", Table.create("pcm_step_vs_conductance",
        DoubleColumn.create("g_bin_centre_uS", bc), DoubleColumn.create("mean_increment_uS", bm),
        DoubleColumn.create("sd_increment_uS", bs), DoubleColumn.create("count", bn)));
    double alpha = reg.getIntercept();
    double beta = -reg.getSlope();
    double gSatFit = alpha / beta;
    // Delta method for α/β with the regression's covariance: Var ≈ (1/β²)[Var α + r²Var β + 2r·Cov(α,β)·(−1)…];
    // reported without SE: the pooled fit mixes devices with different gSat_i, so it is a summary, not a test.
    fits.add(new FittedParameter("saturation conductance (root of ΔG = α − β·G)", "µS",
        p.setNonlinearity() > 0 ? p.gSatMicroS() : null, gSatFit, null,
        "linear regression of increment on read conductance, 1 µS < G < " + p.gUsefulMaxMicroS() + " µS, " + reg.getN() + " pulses"));

    XYChart sc = Plots.xy("PCM: increment per SET pulse vs conductance", "conductance before the pulse G (µS)",
        "increment ΔG per pulse (µS)", false, false);
    Plots.points(sc, "mean per 1 µS bin", bc, bm, BLUE);
    double[] lo = new double[bm.length];
    double[] hi = new double[bm.length];
    for (int i = 0; i < bm.length; i++) {
      lo[i] = bm[i] - bs[i];
      hi[i] = bm[i] + bs[i];
    }
    Plots.dashed(sc, "± 1 SD", bc, lo, BLUE);
    Plots.dashed(sc, "+1 SD", bc, hi, BLUE).setShowInLegend(false);
    double gx = Math.max(gSatFit, p.gSatMicroS());
    Plots.line(sc, String.format(java.util.Locale.ROOT, "fit ΔG = %.3f − %.4f·G", alpha, beta), new double[] {0, gx},
        new double[] {alpha, alpha - beta * gx}, RED);
    charts.put("pcm_step_vs_conductance", sc);

    double[][] h = Stats.histogram(first, 0, Math.max(3 * fs.getMean(), 1e-3), 40);
    tables.put("pcm_first_step_histogram", Table.create("pcm_first_step_histogram",
        DoubleColumn.create("increment_bin_centre_uS", h[0]), DoubleColumn.create("devices", h[1])));
    XYChart hc = Plots.xy("PCM: first-pulse increment from RESET (" + first.length + " working devices)",
        "increment ΔG of the first SET pulse (µS)", "devices per bin", false, false);
    Plots.step(hc, "devices", h[0], h[1], BLUE);
    Plots.vline(hc, "nominal mean", expectedFirst, 0, max(h[1]), RED);
    charts.put("pcm_first_step_histogram", hc);
  }

  private static void pulseDuration(PcmParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      Map<String, Long> seeds) {
    long s = Stats.derive(seed, 1);
    seeds.put("pulse-duration", s);
    PcmArray a = PcmArray.create(p, n, s);
    double[] steps = Stats.logspace(PcmParams.MIN_STEP_SECONDS, PcmParams.MAX_STEP_SECONDS, 16);
    double[] mean = new double[steps.length];
    double[] sd = new double[steps.length];
    double[] nominal = new double[steps.length];
    double[] p05 = new double[steps.length];
    double[] p95 = new double[steps.length];
    double[] ns = new double[steps.length];
    double[] totalNs = new double[steps.length];
    double t = 0;
    for (int i = 0; i < steps.length; i++) {
      double[] g = new double[n];
      for (int c = 0; c < n; c++) {
        a.reset(c, t);
        a.applySetPulse(c, t, steps[i]);
        g[c] = a.readMicroSiemens(c, t);
      }
      SummaryStatistics st = Stats.summary(g);
      mean[i] = st.getMean();
      sd[i] = st.getStandardDeviation();
      p05[i] = Stats.percentile(g, 5);
      p95[i] = Stats.percentile(g, 95);
      nominal[i] = p.expectedConductanceFromResetMicroS(steps[i]);
      ns[i] = steps[i] * 1e9;
      totalNs[i] = PcmParams.pulseSeconds(steps[i]) * 1e9;
    }
    tables.put("pcm_pulse_duration", Table.create("pcm_pulse_duration",
        DoubleColumn.create("step_ns", ns), DoubleColumn.create("total_ns", totalNs),
        DoubleColumn.create("mean_uS", mean), DoubleColumn.create("sd_uS", sd), DoubleColumn.create("p05_uS", p05),
        DoubleColumn.create("p95_uS", p95), DoubleColumn.create("nominal_uS", nominal)));
    XYChart c = Plots.xy("PCM: one 8-step staircase SET pulse from RESET (" + n + " devices)",
        "staircase step duration (ns, log; total pulse = 8 steps)", "conductance G after the pulse (µS)", true, false);
    Plots.line(c, "mean", ns, mean, BLUE);
    Plots.dashed(c, "5th / 95th percentile", ns, p05, BLUE);
    Plots.dashed(c, "95th", ns, p95, BLUE).setShowInLegend(false);
    Plots.line(c, "nominal curve (model, no noise)", ns, nominal, RED);
    charts.put("pcm_pulse_duration", c);
  }

  private static void drift(PcmParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 2);
    seeds.put("drift", s);
    PcmArray a = PcmArray.create(p, n, s);
    double[] levels = {0.25 * p.gUsefulMaxMicroS(), 0.5 * p.gUsefulMaxMicroS(), 0.75 * p.gUsefulMaxMicroS()};
    int[] level = new int[n];
    boolean[] ok = new boolean[n];
    for (int c = 0; c < n; c++) {
      level[c] = c % levels.length;
      ok[c] = a.tune(c, levels[level[c]], 0).converged() && !a.isStuck(c);
    }
    double t0 = p.driftOnsetSeconds();
    double tc = p.driftReferenceSeconds();
    double[] times = Stats.logspace(2 * t0, Math.max(1e4, 1000 * tc), 31);
    // The model's ν of each device is drawn at its programming from a conductance-dependent Normal:
    // the nominal population mean and SD follow from the devices' verified conductances.
    SummaryStatistics nominalMean = new SummaryStatistics();
    SummaryStatistics nominalVar = new SummaryStatistics();
    for (int c = 0; c < n; c++) {
      if (!ok[c]) continue;
      double gc = p.expectedConductanceAtReferenceMicroS(a.verifiedConductanceMicroSiemens(c));
      nominalMean.addValue(p.driftNuMean(gc));
      nominalVar.addValue(p.driftNuSpread(gc) * p.driftNuSpread(gc));
    }
    // The programming spread at t_c, per level: SD over devices of the mean of 64 reads at t_c
    // (averaging leaves 1/8 of the 1/f read noise), against σ_prog at the level's mean G at t_c.
    for (int l = 0; l < levels.length; l++) {
      SummaryStatistics at = new SummaryStatistics();
      for (int c = 0; c < n; c++) {
        if (!ok[c] || level[c] != l) continue;
        double sum = 0;
        for (int k = 0; k < 64; k++) sum += a.readMicroSiemens(c, tc);
        at.addValue(sum / 64);
      }
      if (at.getN() < 2) continue;
      fits.add(new FittedParameter(String.format(java.util.Locale.ROOT,
          "programming spread σ_prog at t_c = %s s, tuned to %.0f µS (mean G at t_c %.2f µS)", tc, levels[l], at.getMean()),
          "µS", p.programErrorSigmaMicroS(at.getMean()), at.getStandardDeviation(), at.getStandardDeviation() / Math.sqrt(2.0 * at.getN()),
          "SD over " + at.getN() + " devices of the mean of 64 reads at t_c; nominal: the preset's σ_prog(G) (Nandakumar et al. 2019) at the mean; SE ≈ s/√(2n)"));
    }
    double nominalNu = nominalMean.getMean();
    double nominalSd = Math.sqrt(nominalVar.getMean() + nominalMean.getPopulationVariance());
    double[][] reads = new double[times.length][n];
    for (int k = 0; k < times.length; k++) for (int c = 0; c < n; c++) reads[k][c] = a.readMicroSiemens(c, times[k]);

    // Per-device ν by log-log regression over t ≥ t_c, as the source measured it.
    SummaryStatistics nus = new SummaryStatistics();
    List<double[]> perDevice = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      if (!ok[c]) continue;
      SimpleRegression reg = new SimpleRegression();
      for (int k = 0; k < times.length; k++) {
        if (times[k] >= tc && reads[k][c] > 0) reg.addData(Math.log(times[k] / t0), Math.log(reads[k][c]));
      }
      if (reg.getN() < 3) continue;
      double nu = -reg.getSlope();
      nus.addValue(nu);
      perDevice.add(new double[] {c, levels[level[c]], nu, reg.getSlopeStdErr()});
    }
    tables.put("pcm_drift_fits", Table.create("pcm_drift_fits",
        IntColumn.create("device", perDevice.stream().mapToInt(r -> (int) r[0]).toArray()),
        DoubleColumn.create("programmed_target_uS", perDevice.stream().mapToDouble(r -> r[1]).toArray()),
        DoubleColumn.create("nu_fit", perDevice.stream().mapToDouble(r -> r[2]).toArray()),
        DoubleColumn.create("nu_fit_se", perDevice.stream().mapToDouble(r -> r[3]).toArray())));
    boolean fitted = nus.getN() >= 2;
    fits.add(new FittedParameter("drift exponent ν (mean)", "", nominalNu, fitted ? nus.getMean() : Double.NaN,
        fitted ? nus.getStandardDeviation() / Math.sqrt(nus.getN()) : null,
        "log-log regression of noisy reads, t ≥ t_c, per device; nominal at each device's expected G at t_c; mean of " + nus.getN() + " devices; SE = s/√n"));
    fits.add(new FittedParameter("drift exponent ν (device-to-device SD)", "", nominalSd,
        fitted ? nus.getStandardDeviation() : Double.NaN, fitted ? nus.getStandardDeviation() / Math.sqrt(2.0 * nus.getN()) : null,
        "SD of per-device fits (includes fit noise; ν drawn per programming event from N(μ(G), σ(G)) truncated at ±3σ and at 0); SE ≈ s/√(2n)"));

    // Table and log-log chart per level.
    Table tab = Table.create("pcm_drift");
    tab.addColumns(DoubleColumn.create("time_s", times));
    XYChart ch = Plots.xy("PCM drift from its onset: G(t) = G_v·(t/t_d)^−ν, log-log (" + nus.getN() + " devices)",
        "time since programming t (s, log)", "conductance G (µS, log), noisy read", true, true);
    java.awt.Color[] colors = {BLUE, ORANGE, GREEN};
    for (int l = 0; l < levels.length; l++) {
      double[] mean = new double[times.length];
      double[] sd = new double[times.length];
      double[] model = new double[times.length];
      for (int k = 0; k < times.length; k++) {
        SummaryStatistics st = new SummaryStatistics();
        for (int c = 0; c < n; c++) if (ok[c] && level[c] == l) st.addValue(reads[k][c]);
        mean[k] = st.getMean();
        sd[k] = st.getStandardDeviation();
        model[k] = levels[l] * (times[k] > t0 ? Math.pow(times[k] / t0, -p.driftNuMean(p.expectedConductanceAtReferenceMicroS(levels[l]))) : 1);
      }
      String name = String.format(java.util.Locale.ROOT, "%.0f µS", levels[l]);
      tab.addColumns(DoubleColumn.create("mean_uS_at_" + name.replace(" µS", "uS"), mean),
          DoubleColumn.create("sd_uS_at_" + name.replace(" µS", "uS"), sd));
      Plots.line(ch, "mean, tuned to " + name, times, mean, colors[l]);
      Plots.dashed(ch, String.format(java.util.Locale.ROOT, "nominal mean ν(%s) = %.3f", name,
          p.driftNuMean(p.expectedConductanceAtReferenceMicroS(levels[l]))), times, model, colors[l]);
    }
    Plots.vline(ch, "drift onset t_d = " + t0 + " s", t0, 0.5 * levels[0], 1.2 * levels[2], GREY);
    Plots.vline(ch, "t_c = " + tc + " s (statistics measured)", tc, 0.5 * levels[0], 1.2 * levels[2], GREY);
    tables.put("pcm_drift", tab);
    charts.put("pcm_drift", ch);

    double[] nuArr = perDevice.stream().mapToDouble(r -> r[2]).toArray();
    if (nuArr.length > 0) {
      double lo = Math.min(0, Stats.percentile(nuArr, 0.5));
      double hi = Math.max(nominalNu + 4 * nominalSd, Stats.percentile(nuArr, 99.5)) + 1e-3;
      double[][] h = Stats.histogram(nuArr, lo, hi, 40);
      tables.put("pcm_drift_nu_histogram", Table.create("pcm_drift_nu_histogram",
          DoubleColumn.create("nu_bin_centre", h[0]), DoubleColumn.create("devices", h[1])));
      XYChart hc = Plots.xy("PCM: fitted drift exponents (" + nuArr.length + " devices)", "drift exponent ν (fitted)", "devices per bin", false, false);
      Plots.step(hc, "devices", h[0], h[1], BLUE);
      Plots.vline(hc, "nominal mean ν", nominalNu, 0, max(h[1]), RED);
      charts.put("pcm_drift_nu_histogram", hc);
    }
  }

  private static void tuning(PcmParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 3);
    seeds.put("tuning", s);
    PcmArray a = PcmArray.create(p, n, s);
    SplittableRandom r = new SplittableRandom(Stats.derive(seed, 4));
    double lo = 0.05 * p.gUsefulMaxMicroS();
    double hi = 0.95 * p.gUsefulMaxMicroS();
    double[] target = new double[n];
    double[] finalRead = new double[n];
    double[] truth = new double[n];
    double[] err = new double[n];
    int[] sets = new int[n];
    int[] resets = new int[n];
    int[] reads = new int[n];
    boolean[] conv = new boolean[n];
    boolean[] stuck = new boolean[n];
    double tol = p.tuneToleranceMicroS();
    int success = 0;
    int converged = 0;
    SummaryStatistics setStats = new SummaryStatistics();
    SummaryStatistics resetStats = new SummaryStatistics();
    SummaryStatistics readStats = new SummaryStatistics();
    SummaryStatistics errStats = new SummaryStatistics();
    for (int c = 0; c < n; c++) {
      target[c] = lo + (hi - lo) * r.nextDouble();
      TuningResult t = a.tune(c, target[c], 0);
      finalRead[c] = t.finalMicroSiemens();
      truth[c] = a.conductanceMicroSiemens(c, 0);
      err[c] = truth[c] - target[c];
      sets[c] = t.setPulses();
      resets[c] = t.resetPulses();
      reads[c] = t.verifyReads();
      conv[c] = t.converged();
      stuck[c] = a.isStuck(c);
      if (Math.abs(err[c]) <= tol) success++;
      if (conv[c]) converged++;
      setStats.addValue(sets[c]);
      resetStats.addValue(resets[c]);
      readStats.addValue(reads[c]);
      errStats.addValue(err[c]);
    }
    tables.put("pcm_tuning", Table.create("pcm_tuning",
        DoubleColumn.create("target_uS", target), DoubleColumn.create("final_read_uS", finalRead),
        DoubleColumn.create("true_uS", truth), DoubleColumn.create("error_uS", err),
        IntColumn.create("set_pulses", sets), IntColumn.create("reset_pulses", resets), IntColumn.create("verify_reads", reads),
        BooleanColumn.create("converged", conv), BooleanColumn.create("stuck", stuck)));
    double ps = success / (double) n;
    fits.add(new FittedParameter("tuning success fraction (|G_true − target| ≤ tol)", "", null, ps,
        Math.sqrt(ps * (1 - ps) / n), "fraction of " + n + " devices, targets uniform in [" + lo + ", " + hi + "] µS, tol = " + tol + " µS; binomial SE"));
    double pc = converged / (double) n;
    fits.add(new FittedParameter("tuning converged fraction (verify read within tol)", "", null, pc,
        Math.sqrt(pc * (1 - pc) / n), "controller's view, with read noise; failures = pulse cap " + p.tuneMaxPulses() + " reached"));
    fits.add(new FittedParameter("tuning error RMS (G_true − target)", "µS", null,
        Math.sqrt(errStats.getSumsq() / n), null, "over all devices"));
    fits.add(new FittedParameter("SET pulses per tuning (mean)", "", null, setStats.getMean(), setStats.getStandardDeviation() / Math.sqrt(n), "mean over devices"));
    fits.add(new FittedParameter("RESET pulses per tuning (mean)", "", null, resetStats.getMean(), resetStats.getStandardDeviation() / Math.sqrt(n), "mean over devices"));
    fits.add(new FittedParameter("verify reads per tuning (mean)", "", null, readStats.getMean(), readStats.getStandardDeviation() / Math.sqrt(n), "mean over devices"));

    double span = Math.max(4 * tol, 1.0);
    double[][] h = Stats.histogram(err, -span, span, 60);
    tables.put("pcm_tuning_error_histogram", Table.create("pcm_tuning_error_histogram",
        DoubleColumn.create("error_bin_centre_uS", h[0]), DoubleColumn.create("devices", h[1])));
    XYChart ec = Plots.xy(String.format(java.util.Locale.ROOT,
            "PCM closed-loop tuning: error of the true conductance (%d devices; %.1f %% within ±%s µS)", n, 100 * ps, tol),
        "G_true − target (µS; end bins hold everything beyond)", "devices per bin", false, false);
    Plots.step(ec, "devices", h[0], h[1], BLUE);
    double top = max(h[1]);
    Plots.vline(ec, "± tolerance", -tol, 0, top, RED);
    Plots.vline(ec, "+tol", tol, 0, top, RED).setShowInLegend(false);
    charts.put("pcm_tuning_error_histogram", ec);

    int maxPulses = 0;
    for (int c = 0; c < n; c++) maxPulses = Math.max(maxPulses, sets[c] + resets[c]);
    int binsP = Math.min(maxPulses + 1, 101);
    double[] x = new double[binsP];
    double[] ySet = new double[binsP];
    double[] yReset = new double[binsP];
    double[] yReads = new double[binsP];
    for (int b = 0; b < binsP; b++) x[b] = b;
    int withReset = 0;
    for (int c = 0; c < n; c++) {
      ySet[Math.min(sets[c], binsP - 1)]++;
      yReset[Math.min(resets[c], binsP - 1)]++;
      yReads[Math.min(reads[c], binsP - 1)]++;
      if (resets[c] > 0) withReset++;
    }
    tables.put("pcm_tuning_pulses_histogram", Table.create("pcm_tuning_pulses_histogram",
        DoubleColumn.create("count", x), DoubleColumn.create("devices_by_set_pulses", ySet),
        DoubleColumn.create("devices_by_reset_pulses", yReset), DoubleColumn.create("devices_by_verify_reads", yReads)));
    XYChart pc2 = Plots.xy(String.format(java.util.Locale.ROOT,
            "PCM tuning: pulses spent (mean %.1f SET, %.2f RESET, %.1f reads; %.1f %% needed a RESET)",
            setStats.getMean(), resetStats.getMean(), readStats.getMean(), 100.0 * withReset / n),
        "SET pulses or verify reads per tuned device (last bin: pulse cap " + p.tuneMaxPulses() + ")", "devices", false, false);
    Plots.step(pc2, "SET pulses", x, ySet, BLUE);
    Plots.step(pc2, "verify reads", x, yReads, PURPLE);
    charts.put("pcm_tuning_pulses_histogram", pc2);
  }

  /**
   * Mean first increment from RESET implied by the model, over the device-to-device spread of τset
   * (truncated at ±3σ) and the cycle-to-cycle dose factor max(0, 1 + setCtoc·ξ):
   * (gSat − gReset)·E[1 − exp(−8τ_step/(τset·(1 + σz))·max(0, 1 + cξ))], by midpoint sums on a grid.
   */
  static double expectedFirstIncrement(PcmParams p) {
    double x = PcmParams.pulseSeconds(p.setStepSeconds()) / p.setTimeConstantSeconds();
    double sz = p.setTimeConstantDtod();
    double c = p.setCtoc();
    int m = 800;
    double h = 12.0 / m;
    double sum = 0;
    double wsum = 0;
    for (int i = 0; i < m; i++) {
      double z = Math.max(-3, Math.min(3, -6 + (i + 0.5) * h));
      double wz = Math.exp(-0.5 * Math.pow(-6 + (i + 0.5) * h, 2));
      double f = 1 / (1 + sz * z);
      for (int j = 0; j < m; j++) {
        double xi = -6 + (j + 0.5) * h;
        double w = wz * Math.exp(-0.5 * xi * xi);
        sum += w * -Math.expm1(-x * f * Math.max(0, 1 + c * xi));
        wsum += w;
      }
    }
    return (p.gSatMicroS() - p.gResetMicroS()) * sum / wsum;
  }

  static double max(double[] xs) {
    double m = 0;
    for (double x : xs) m = Math.max(m, x);
    return m == 0 ? 1 : m;
  }

  private static String fmtNs(double seconds) {
    return String.format(java.util.Locale.ROOT, "%.1f ns", seconds * 1e9);
  }
}
