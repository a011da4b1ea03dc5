package org.aimc.experiments.characterize;

import static org.aimc.experiments.characterize.Plots.BLUE;
import static org.aimc.experiments.characterize.Plots.GREEN;
import static org.aimc.experiments.characterize.Plots.GREY;
import static org.aimc.experiments.characterize.Plots.ORANGE;
import static org.aimc.experiments.characterize.Plots.RED;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.devices.CapacitorArray;
import org.aimc.devices.CapacitorParams;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The standard 3T1C characterisation, on {@code n} cells of one preset:
 *
 * <ol>
 *   <li>pulse train: g and V_C versus pulse number, up from 0.5 V into the upper rail, down into the
 *       lower rail, and back up;
 *   <li>step sizes at 0.5 V: per-cell mean up and down steps (m repeats each), their distributions,
 *       the mean up/down ratio and the spread of per-cell asymmetry;
 *   <li>step versus V_C (from the pulse train) and the fitted nonlinearity;
 *   <li>retention: cells started at three voltages, V_C and g versus time (log axis); τ per cell
 *       by regression of ln|V − vLeak| on t;
 *   <li>the read-transistor curve g(V_C) with its spread.
 * </ol>
 */
public final class CapacitorCharacterization {
  private CapacitorCharacterization() {}

  /** Repeats per cell for the step statistics at 0.5 V. */
  static final int REPEATS = 16;

  public static Characterization run(CapacitorParams p, int n, long seed) {
    if (n < 10) throw new IllegalArgumentException("devices = " + n + " is outside the allowed range [10, 10^7]");
    Map<String, Table> tables = new LinkedHashMap<>();
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    List<FittedParameter> fits = new ArrayList<>();
    Map<String, Long> seeds = new LinkedHashMap<>();
    steps(p, n, seed, tables, charts, fits, seeds);
    pulseTrain(p, n, seed, tables, charts, fits, seeds);
    retention(p, n, seed, tables, charts, fits, seeds);
    readCurve(p, n, seed, tables, charts, fits, seeds);
    return new Characterization(DeviceKind.CAPACITOR, tables, charts, fits, seeds);
  }

  private static void steps(CapacitorParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 10);
    seeds.put("steps", s);
    CapacitorArray a = CapacitorArray.create(p, n, s);
    double[] up = new double[n];
    double[] down = new double[n];
    double[] asym = new double[n];
    for (int c = 0; c < n; c++) {
      double su = 0;
      double sd = 0;
      for (int k = 0; k < REPEATS; k++) {
        a.reinitialize(c);
        double g0 = a.conductanceMicroSiemens(c);
        a.charge(c, 1);
        su += a.conductanceMicroSiemens(c) - g0;
        a.reinitialize(c);
        a.discharge(c, 1);
        sd += g0 - a.conductanceMicroSiemens(c);
      }
      up[c] = su / REPEATS;
      down[c] = sd / REPEATS;
      asym[c] = (up[c] - down[c]) / (up[c] + down[c]);
    }
    tables.put("capacitor_steps", Table.create("capacitor_steps",
        IntColumn.create("cell", java.util.stream.IntStream.range(0, n).toArray()),
        DoubleColumn.create("up_step_uS", up), DoubleColumn.create("down_step_uS", down),
        DoubleColumn.create("asymmetry", asym)));
    SummaryStatistics su = Stats.summary(up);
    SummaryStatistics sd = Stats.summary(down);
    SummaryStatistics sa = Stats.summary(asym);
    double k = p.readSlopeMicroSPerVolt();
    fits.add(new FittedParameter("up step Δg at 0.5 V (mean)", "µS", k * p.chargeStepVolts(), su.getMean(),
        su.getStandardDeviation() / Math.sqrt(n), "mean of per-cell means of " + REPEATS + " single pulses from 0.5 V; SE = s/√n"));
    fits.add(new FittedParameter("down step |Δg| at 0.5 V (mean)", "µS", k * p.dischargeStepVolts(), sd.getMean(),
        sd.getStandardDeviation() / Math.sqrt(n), "as above, pull-down"));
    double ratio = su.getMean() / sd.getMean();
    double seRatio = ratio * Math.sqrt(Math.pow(su.getStandardDeviation() / Math.sqrt(n) / su.getMean(), 2)
        + Math.pow(sd.getStandardDeviation() / Math.sqrt(n) / sd.getMean(), 2));
    fits.add(new FittedParameter("up/down step ratio (mean asymmetry)", "", p.chargeStepVolts() / p.dischargeStepVolts(), ratio, seRatio,
        "ratio of the two means; delta-method SE without the (positive) up-down covariance, so conservative"));
    double nominalAsymSd = Math.sqrt(p.stepDtod() * p.stepDtod() / 2 + p.stepCtoc() * p.stepCtoc() / (2.0 * REPEATS));
    fits.add(new FittedParameter("per-cell asymmetry (up−down)/(up+down), SD", "", nominalAsymSd, sa.getStandardDeviation(),
        sa.getStandardDeviation() / Math.sqrt(2.0 * n),
        "SD over cells; nominal ≈ √(stepDtod²/2 + stepCtoc²/(2·" + REPEATS + ")) (small-spread approximation)"));
    fits.add(new FittedParameter("per-cell asymmetry (mean)", "", (p.chargeStepVolts() - p.dischargeStepVolts()) / (p.chargeStepVolts() + p.dischargeStepVolts()),
        sa.getMean(), sa.getStandardDeviation() / Math.sqrt(n), "mean over cells"));

    double lo = 0;
    double hi = Math.max(Stats.percentile(up, 99.9), Stats.percentile(down, 99.9)) * 1.1 + 1e-12;
    double[][] hu = Stats.histogram(up, lo, hi, 50);
    double[][] hd = Stats.histogram(down, lo, hi, 50);
    tables.put("capacitor_step_histogram", Table.create("capacitor_step_histogram",
        DoubleColumn.create("step_bin_centre_uS", hu[0]), DoubleColumn.create("cells_up", hu[1]), DoubleColumn.create("cells_down", hd[1])));
    XYChart c = Plots.xy(String.format(Locale.ROOT, "3T1C: per-cell step size at V_C = 0.5 V (%d cells, mean of %d pulses each)", n, REPEATS),
        "|Δg| per pulse (µS)", "cells per bin", false, false);
    Plots.step(c, "pull-up (charge)", hu[0], hu[1], BLUE);
    Plots.step(c, "pull-down (discharge)", hd[0], hd[1], ORANGE);
    double top = Math.max(PcmCharacterization.max(hu[1]), PcmCharacterization.max(hd[1]));
    Plots.vline(c, "nominal up", k * p.chargeStepVolts(), 0, top, BLUE);
    Plots.vline(c, "nominal down", k * p.dischargeStepVolts(), 0, top, ORANGE);
    charts.put("capacitor_step_histogram", c);
  }

  private static void pulseTrain(CapacitorParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 11);
    seeds.put("pulse-train", s);
    CapacitorArray a = CapacitorArray.create(p, n, s);
    double half = Math.max((p.vMaxVolts() - p.vInitVolts()) / p.chargeStepVolts(), (p.vInitVolts() - p.vMinVolts()) / p.dischargeStepVolts());
    int seg = (int) Math.min(2000, Math.ceil(1.6 * half));
    int total = 4 * seg; // up seg, down 2·seg, up seg
    double[][] g = new double[total + 1][n];
    double[][] v = new double[total + 1][n];
    String[] dir = new String[total + 1];
    dir[0] = "start";
    for (int k = 1; k <= total; k++) dir[k] = (k <= seg || k > 3 * seg) ? "up" : "down";
    // Step vs V: bins of 0.02 V.
    int vb = 50;
    double vLo = p.vMinVolts();
    double vw = (p.vMaxVolts() - p.vMinVolts()) / vb;
    SummaryStatistics[] upBin = new SummaryStatistics[vb];
    SummaryStatistics[] downBin = new SummaryStatistics[vb];
    for (int b = 0; b < vb; b++) {
      upBin[b] = new SummaryStatistics();
      downBin[b] = new SummaryStatistics();
    }
    SimpleRegression upReg = new SimpleRegression();
    SimpleRegression downReg = new SimpleRegression();
    for (int c = 0; c < n; c++) {
      g[0][c] = a.conductanceMicroSiemens(c);
      v[0][c] = a.voltage(c);
      for (int k = 1; k <= total; k++) {
        double v0 = a.voltage(c);
        boolean isUp = "up".equals(dir[k]);
        if (isUp) a.charge(c, 1);
        else a.discharge(c, 1);
        double v1 = a.voltage(c);
        g[k][c] = a.conductanceMicroSiemens(c);
        v[k][c] = v1;
        // Steps clipped by a rail are not steps of the model's curve: keep those away from the rails.
        boolean clear = v1 > p.vMinVolts() && v1 < p.vMaxVolts();
        int b = (int) Math.floor((v0 - vLo) / vw);
        if (clear && b >= 0 && b < vb) {
          if (isUp) {
            upBin[b].addValue(v1 - v0);
            upReg.addData(v0 - p.vInitVolts(), v1 - v0);
          } else {
            downBin[b].addValue(v0 - v1);
            downReg.addData(p.vInitVolts() - v0, v0 - v1);
          }
        }
      }
    }
    double[] pulse = Stats.range(total + 1);
    double[] mean = new double[total + 1];
    double[] p05 = new double[total + 1];
    double[] p95 = new double[total + 1];
    double[] vm = new double[total + 1];
    double[] sdg = new double[total + 1];
    for (int k = 0; k <= total; k++) {
      SummaryStatistics st = Stats.summary(g[k]);
      mean[k] = st.getMean();
      sdg[k] = st.getStandardDeviation();
      p05[k] = Stats.percentile(g[k], 5);
      p95[k] = Stats.percentile(g[k], 95);
      vm[k] = Stats.summary(v[k]).getMean();
    }
    tables.put("capacitor_pulse_train", Table.create("capacitor_pulse_train",
        IntColumn.create("pulse", java.util.stream.IntStream.rangeClosed(0, total).toArray()), StringColumn.create("direction", dir),
        DoubleColumn.create("mean_g_uS", mean), DoubleColumn.create("sd_g_uS", sdg), DoubleColumn.create("p05_g_uS", p05),
        DoubleColumn.create("p95_g_uS", p95), DoubleColumn.create("mean_v_volts", vm)));
    XYChart c = Plots.xy(String.format(Locale.ROOT, "3T1C: g vs pulse number, %d up, %d down, %d up (%d cells)", seg, 2 * seg, seg, n),
        "pulse number", "conductance g of the read transistor (µS)", false, false);
    for (int d = 0; d < Math.min(5, n); d++) {
      double[] y = new double[total + 1];
      for (int k = 0; k <= total; k++) y[k] = g[k][d];
      Plots.thin(c, "cell " + d, pulse, y, GREY);
    }
    Plots.line(c, "mean", pulse, mean, BLUE);
    Plots.dashed(c, "5th / 95th percentile", pulse, p05, BLUE);
    Plots.dashed(c, "95th", pulse, p95, BLUE).setShowInLegend(false);
    charts.put("capacitor_pulse_train", c);

    // Step vs V_C.
    List<double[]> rows = new ArrayList<>();
    for (int b = 0; b < vb; b++) {
      double centre = vLo + (b + 0.5) * vw;
      rows.add(new double[] {centre, upBin[b].getN() > 0 ? upBin[b].getMean() * 1e3 : Double.NaN, upBin[b].getN(),
          downBin[b].getN() > 0 ? downBin[b].getMean() * 1e3 : Double.NaN, downBin[b].getN()});
    }
    tables.put("capacitor_step_vs_voltage", Table.create("capacitor_step_vs_voltage",
        DoubleColumn.create("v_bin_centre_volts", rows.stream().mapToDouble(r -> r[0]).toArray()),
        DoubleColumn.create("mean_up_step_mV", rows.stream().mapToDouble(r -> r[1]).toArray()),
        DoubleColumn.create("up_count", rows.stream().mapToDouble(r -> r[2]).toArray()),
        DoubleColumn.create("mean_down_step_mV", rows.stream().mapToDouble(r -> r[3]).toArray()),
        DoubleColumn.create("down_count", rows.stream().mapToDouble(r -> r[4]).toArray())));
    // ΔV_up = a·(1 − b_u·(V − vInit)) ⇒ intercept a, slope −a·b_u ⇒ nl = −slope/intercept·(vMax − vInit).
    double nlUp = -upReg.getSlope() / upReg.getIntercept() * (p.vMaxVolts() - p.vInitVolts());
    double nlDown = -downReg.getSlope() / downReg.getIntercept() * (p.vInitVolts() - p.vMinVolts());
    fits.add(new FittedParameter("charge nonlinearity (step fall-off toward the upper rail)", "", p.chargeNonlinearity(), nlUp, null,
        "linear regression of ΔV_up on V_C − vInit over " + upReg.getN() + " pulses (pooled cells)"));
    fits.add(new FittedParameter("discharge nonlinearity (step fall-off toward the lower rail)", "", p.dischargeNonlinearity(), nlDown, null,
        "linear regression of |ΔV_down| on vInit − V_C over " + downReg.getN() + " pulses (pooled cells)"));
    XYChart sv = Plots.xy("3T1C: step size vs capacitor voltage (mean over cells and pulses)", "capacitor voltage V_C before the pulse (V)",
        "|ΔV_C| per pulse (mV)", false, false);
    double[] xu = rows.stream().filter(r -> r[2] >= 5).mapToDouble(r -> r[0]).toArray();
    double[] yu = rows.stream().filter(r -> r[2] >= 5).mapToDouble(r -> r[1]).toArray();
    double[] xd = rows.stream().filter(r -> r[4] >= 5).mapToDouble(r -> r[0]).toArray();
    double[] yd = rows.stream().filter(r -> r[4] >= 5).mapToDouble(r -> r[3]).toArray();
    if (xu.length > 0) Plots.points(sv, "pull-up", xu, yu, BLUE);
    if (xd.length > 0) Plots.points(sv, "pull-down", xd, yd, ORANGE);
    double[] vx = {p.vMinVolts(), p.vMaxVolts()};
    Plots.dashed(sv, "nominal pull-up", vx, new double[] {
        1e3 * p.chargeStepVolts() * (1 - p.chargeNonlinearity() * (vx[0] - p.vInitVolts()) / (p.vMaxVolts() - p.vInitVolts())),
        1e3 * p.chargeStepVolts() * (1 - p.chargeNonlinearity() * (vx[1] - p.vInitVolts()) / (p.vMaxVolts() - p.vInitVolts()))}, BLUE);
    Plots.dashed(sv, "nominal pull-down", vx, new double[] {
        1e3 * p.dischargeStepVolts() * (1 - p.dischargeNonlinearity() * (p.vInitVolts() - vx[0]) / (p.vInitVolts() - p.vMinVolts())),
        1e3 * p.dischargeStepVolts() * (1 - p.dischargeNonlinearity() * (p.vInitVolts() - vx[1]) / (p.vInitVolts() - p.vMinVolts()))}, ORANGE);
    charts.put("capacitor_step_vs_voltage", sv);
  }

  private static void retention(CapacitorParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 12);
    seeds.put("retention", s);
    CapacitorArray a = CapacitorArray.create(p, n, s);
    double[] starts = {p.vMinVolts() + 0.2 * (p.vMaxVolts() - p.vMinVolts()), p.vInitVolts(), p.vMaxVolts()};
    int[] group = new int[n];
    for (int c = 0; c < n; c++) {
      group[c] = c % starts.length;
      a.setVoltage(c, starts[group[c]]);
    }
    double tau = p.leakTimeConstantSeconds();
    boolean leaks = Double.isFinite(tau);
    double t1 = leaks ? tau * 1e-3 : 1e-3;
    double t2 = leaks ? tau * 30 : 1e3;
    double[] times = Stats.logspace(t1, t2, 41);
    double[][] v = new double[times.length][n];
    double[][] g = new double[times.length][n];
    for (int k = 0; k < times.length; k++) {
      a.advanceTo(times[k]);
      for (int c = 0; c < n; c++) {
        v[k][c] = a.voltage(c);
        g[k][c] = a.conductanceMicroSiemens(c);
      }
    }
    // τ per cell: regression of ln|V − vLeak| on t while |V − vLeak| > 1 mV.
    SummaryStatistics taus = new SummaryStatistics();
    double vl = p.vLeakVolts();
    for (int c = 0; c < n; c++) {
      if (Math.abs(starts[group[c]] - vl) < 0.05) continue;
      SimpleRegression reg = new SimpleRegression();
      for (int k = 0; k < times.length; k++) {
        double d = Math.abs(v[k][c] - vl);
        if (d > 1e-3) reg.addData(times[k], Math.log(d));
      }
      if (reg.getN() >= 3) taus.addValue(reg.getSlope() < 0 ? -1 / reg.getSlope() : Double.POSITIVE_INFINITY);
    }
    boolean fitted = taus.getN() >= 2 && Double.isFinite(taus.getMean());
    fits.add(new FittedParameter("leak time constant τ (mean)", "s", leaks ? tau : null, fitted ? taus.getMean() : Double.POSITIVE_INFINITY,
        fitted ? taus.getStandardDeviation() / Math.sqrt(taus.getN()) : null,
        "per cell: regression of ln|V_C − " + vl + " V| on t; mean of " + taus.getN() + " cells; SE = s/√n"));
    if (leaks) {
      fits.add(new FittedParameter("leak time constant τ (device-to-device relative SD)", "", p.leakDtod(),
          fitted ? taus.getStandardDeviation() / taus.getMean() : Double.NaN, null, "SD/mean of per-cell τ (±3σ-truncated draws)"));
      SummaryStatistics vEnd = Stats.summary(v[times.length - 1]);
      fits.add(new FittedParameter("leak asymptote V_C(t → ∞)", "V", vl, vEnd.getMean(), vEnd.getStandardDeviation() / Math.sqrt(n),
          "mean V_C at t = " + String.format(Locale.ROOT, "%.3g", times[times.length - 1]) + " s (≥ 30 τ)"));
    }

    Table tab = Table.create("capacitor_retention");
    tab.addColumns(DoubleColumn.create("time_s", times));
    XYChart vc = Plots.xy(String.format(Locale.ROOT, "3T1C retention: V_C leaks toward %.2f V (nominal τ = %s s, %d cells)", vl,
            leaks ? String.format(Locale.ROOT, "%.3g", tau) : "∞", n),
        "time (s, log)", "capacitor voltage V_C (V)", true, false);
    XYChart gc = Plots.xy("3T1C retention: g drifts as V_C leaks (" + n + " cells)", "time (s, log)", "conductance g (µS)", true, false);
    java.awt.Color[] colors = {BLUE, GREEN, ORANGE};
    for (int l = 0; l < starts.length; l++) {
      double[] mv = new double[times.length];
      double[] mg = new double[times.length];
      double[] sg = new double[times.length];
      double[] model = new double[times.length];
      for (int k = 0; k < times.length; k++) {
        SummaryStatistics sv = new SummaryStatistics();
        SummaryStatistics sgs = new SummaryStatistics();
        for (int c = 0; c < n; c++) {
          if (group[c] != l) continue;
          sv.addValue(v[k][c]);
          sgs.addValue(g[k][c]);
        }
        mv[k] = sv.getMean();
        mg[k] = sgs.getMean();
        sg[k] = sgs.getStandardDeviation();
        model[k] = vl + (starts[l] - vl) * (leaks ? Math.exp(-times[k] / tau) : 1);
      }
      String name = String.format(Locale.ROOT, "from %.2f V", starts[l]);
      String col = String.format(Locale.ROOT, "%.2fV", starts[l]);
      tab.addColumns(DoubleColumn.create("mean_v_volts_from_" + col, mv), DoubleColumn.create("mean_g_uS_from_" + col, mg),
          DoubleColumn.create("sd_g_uS_from_" + col, sg));
      Plots.line(vc, "mean, " + name, times, mv, colors[l]);
      Plots.dashed(vc, "nominal τ" + " ".repeat(l), times, model, colors[l]).setShowInLegend(l == 0);
      Plots.line(gc, "mean, " + name, times, mg, colors[l]);
    }
    tables.put("capacitor_retention", tab);
    charts.put("capacitor_retention_voltage", vc);
    charts.put("capacitor_retention_conductance", gc);
  }

  private static void readCurve(CapacitorParams p, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 13);
    seeds.put("read-curve", s);
    CapacitorArray a = CapacitorArray.create(p, n, s);
    int m = 41;
    double[] vs = new double[m];
    double[] mean = new double[m];
    double[] sd = new double[m];
    double[] nominal = new double[m];
    for (int i = 0; i < m; i++) {
      vs[i] = p.vMinVolts() + (p.vMaxVolts() - p.vMinVolts()) * i / (m - 1.0);
      double[] g = new double[n];
      for (int c = 0; c < n; c++) g[c] = a.conductanceAtMicroSiemens(c, vs[i]);
      SummaryStatistics st = Stats.summary(g);
      mean[i] = st.getMean();
      sd[i] = st.getStandardDeviation();
      nominal[i] = p.nominalConductanceMicroS(vs[i]);
    }
    double[] g5 = new double[n];
    SummaryStatistics slope = new SummaryStatistics();
    for (int c = 0; c < n; c++) {
      a.reinitialize(c);
      g5[c] = a.conductanceMicroSiemens(c);
      double dv = 0.05 * (p.vMaxVolts() - p.vMinVolts());
      slope.addValue((a.conductanceAtMicroSiemens(c, p.vInitVolts() + dv) - a.conductanceAtMicroSiemens(c, p.vInitVolts() - dv)) / (2 * dv));
    }
    SummaryStatistics s5 = Stats.summary(g5);
    fits.add(new FittedParameter("g at V_C = 0.5 V (mean)", "µS", p.readGAtInitMicroS(), s5.getMean(), s5.getStandardDeviation() / Math.sqrt(n),
        "mean over cells after reinitialize (g_shared cells are drawn the same way)"));
    double nomSd = Math.hypot(p.readSlopeDtod() * p.readGAtInitMicroS(), p.readSlopeMicroSPerVolt() * p.readThresholdDtodVolts());
    fits.add(new FittedParameter("g at V_C = 0.5 V (device-to-device SD)", "µS", nomSd, s5.getStandardDeviation(),
        s5.getStandardDeviation() / Math.sqrt(2.0 * n), "nominal √((readSlopeDtod·g)² + (K·σ_Vth)²)"));
    fits.add(new FittedParameter("read-transistor gain K = dg/dV_C (mean)", "µS/V", p.readSlopeMicroSPerVolt(), slope.getMean(),
        slope.getStandardDeviation() / Math.sqrt(n), "central difference at 0.5 V ± 0.05 V, per cell"));
    tables.put("capacitor_read_curve", Table.create("capacitor_read_curve",
        DoubleColumn.create("v_volts", vs), DoubleColumn.create("mean_g_uS", mean), DoubleColumn.create("sd_g_uS", sd),
        DoubleColumn.create("nominal_g_uS", nominal)));
    XYChart c = Plots.xy("3T1C read transistor: g(V_C) (" + n + " cells)", "capacitor voltage V_C (V)", "conductance g (µS)", false, false);
    Plots.line(c, "mean", vs, mean, BLUE);
    double[] lo = new double[m];
    double[] hi = new double[m];
    for (int i = 0; i < m; i++) {
      lo[i] = mean[i] - sd[i];
      hi[i] = mean[i] + sd[i];
    }
    Plots.dashed(c, "± 1 SD", vs, lo, BLUE);
    Plots.dashed(c, "+SD", vs, hi, BLUE).setShowInLegend(false);
    Plots.line(c, "nominal", vs, nominal, RED);
    charts.put("capacitor_read_curve", c);
  }
}
