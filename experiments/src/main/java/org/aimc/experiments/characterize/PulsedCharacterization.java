package org.aimc.experiments.characterize;

import static org.aimc.experiments.characterize.Plots.BLUE;
import static org.aimc.experiments.characterize.Plots.GREY;
import static org.aimc.experiments.characterize.Plots.ORANGE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.devices.PulsedDeviceArray;
import org.aimc.devices.PulsedDeviceParams;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The standard characterisation of a pulsed device of one of aihwkit's families, on {@code n}
 * devices of one preset:
 *
 * <ol>
 *   <li>single pulses from w = 0: per-device mean up and down steps (m repeats each), hence
 *       dw_min, the up/down asymmetry and its device-to-device spread;
 *   <li>pulse train: w versus pulse number, up from the reset point into the upper bound, down
 *       into the lower one and back up;
 *   <li>step against state: the mean step of every pulse of the train, binned by the weight it
 *       started from, beside the family's equation for a nominal device;
 *   <li>bounds: every device saturated up and down;
 *   <li>write noise: reads against the hidden weight.
 * </ol>
 * Weights in aihwkit's units and in µS ({@code microSiemensPerUnit}).
 */
public final class PulsedCharacterization {
  private PulsedCharacterization() {}

  /** Repeats per device for the step statistics at w = 0. */
  static final int REPEATS = 16;
  /** Bins of the step-against-state curve over [1.2·wMin, 1.2·wMax]. */
  static final int BINS = 40;

  public static Characterization run(PulsedDeviceParams p, String name, int n, long seed) {
    if (n < 10) throw new IllegalArgumentException("devices = " + n + " is outside the allowed range [10, 10^7]");
    Map<String, Table> tables = new LinkedHashMap<>();
    Map<String, Chart<?, ?>> charts = new LinkedHashMap<>();
    List<FittedParameter> fits = new ArrayList<>();
    Map<String, Long> seeds = new LinkedHashMap<>();
    steps(p, n, seed, tables, fits, seeds);
    train(p, name, n, seed, tables, charts, seeds);
    bounds(p, n, seed, fits, seeds);
    return new Characterization(DeviceKind.PULSED, tables, charts, fits, seeds);
  }

  private static void steps(PulsedDeviceParams p, int n, long seed, Map<String, Table> tables, List<FittedParameter> fits,
      Map<String, Long> seeds) {
    long s = Stats.derive(seed, 20);
    seeds.put("steps", s);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, n, s);
    // At w = 0, unless 0 is a bound (aihwkit-pcm: w_min = 0), then mid-range.
    double w0 = p.wMin() < 0 && p.wMax() > 0 ? 0 : (p.wMin() + p.wMax()) / 2;
    String at = w0 == 0 ? "w = 0" : String.format(Locale.ROOT, "w = %.3g (mid-range)", w0);
    double[] up = new double[n];
    double[] down = new double[n];
    double[] noise = new double[n];
    for (int i = 0; i < n; i++) {
      double su = 0;
      double sd = 0;
      for (int k = 0; k < REPEATS; k++) {
        a.set(i, w0);
        a.pulse(i, 1);
        su += a.hiddenWeight(i) - w0;
        a.set(i, w0);
        a.pulse(i, -1);
        sd -= a.hiddenWeight(i) - w0;
      }
      up[i] = su / REPEATS;
      down[i] = sd / REPEATS;
      a.set(i, w0);
      noise[i] = a.weight(i) - a.hiddenWeight(i);
    }
    tables.put("pulsed_steps", Table.create("pulsed_steps", IntColumn.create("device", java.util.stream.IntStream.range(0, n).toArray()),
        DoubleColumn.create("up_step_units", up), DoubleColumn.create("down_step_units", down)));
    SummaryStatistics su = Stats.summary(up);
    SummaryStatistics sd = Stats.summary(down);
    fits.add(new FittedParameter("up step at " + at + " (mean)", "weight units", p.nominalStep(w0, true), su.getMean(),
        su.getStandardDeviation() / Math.sqrt(n), "mean of per-device means of " + REPEATS + " single pulses from " + at + " (hidden weight); SE = s/√n"));
    fits.add(new FittedParameter("down step at " + at + " (mean)", "weight units", p.nominalStep(w0, false), sd.getMean(),
        sd.getStandardDeviation() / Math.sqrt(n), "as above, down"));
    double[] asym = new double[n];
    for (int i = 0; i < n; i++) asym[i] = (up[i] - down[i]) / p.dwMin();
    SummaryStatistics sa = Stats.summary(asym);
    fits.add(new FittedParameter("(up − down)/dw_min at " + at + " (mean)", "",
        (p.nominalStep(w0, true) - p.nominalStep(w0, false)) / p.dwMin(),
        sa.getMean(), sa.getStandardDeviation() / Math.sqrt(n), "mean over devices"));
    if (p.writeNoise() > 0) {
      SummaryStatistics sn = Stats.summary(noise);
      fits.add(new FittedParameter("write noise σ (read − hidden)", "weight units", p.writeNoise() * p.dwMin(), sn.getStandardDeviation(),
          sn.getStandardDeviation() / Math.sqrt(2.0 * n), "SD over devices of one read after a set"));
    }
  }

  private static void train(PulsedDeviceParams p, String name, int n, long seed, Map<String, Table> tables, Map<String, Chart<?, ?>> charts,
      Map<String, Long> seeds) {
    long s = Stats.derive(seed, 21);
    seeds.put("pulse-train", s);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, n, s);
    double range = p.wMax() - p.wMin();
    int seg = (int) Math.min(3000, Math.ceil(1.3 * range / p.dwMin()));
    int total = 4 * seg;
    int stride = Math.max(1, total / 800); // rows kept for the table and plot
    int rowsKept = total / stride + 1;
    double[][] w = new double[rowsKept][n];
    double lo = p.wMin() - 0.2 * range;
    double width = 1.4 * range / BINS;
    SummaryStatistics[] upBin = new SummaryStatistics[BINS];
    SummaryStatistics[] downBin = new SummaryStatistics[BINS];
    for (int b = 0; b < BINS; b++) {
      upBin[b] = new SummaryStatistics();
      downBin[b] = new SummaryStatistics();
    }
    for (int i = 0; i < n; i++) {
      w[0][i] = a.hiddenWeight(i);
      for (int k = 1; k <= total; k++) {
        boolean up = k <= seg || k > 3 * seg;
        double before = a.hiddenWeight(i);
        a.pulse(i, up ? 1 : -1);
        double after = a.hiddenWeight(i);
        int b = (int) Math.floor((before - lo) / width);
        // Pulses that ended on a bound are clipped, not steps of the curve.
        boolean clear = after < a.maxBound(i) && after > a.minBound(i);
        if (clear && b >= 0 && b < BINS) (up ? upBin[b] : downBin[b]).addValue(Math.abs(after - before));
        if (k % stride == 0) w[k / stride][i] = after;
      }
    }
    double unit = p.microSiemensPerUnit();
    double[] pulse = new double[rowsKept];
    double[] mean = new double[rowsKept];
    double[] p05 = new double[rowsKept];
    double[] p95 = new double[rowsKept];
    for (int r = 0; r < rowsKept; r++) {
      pulse[r] = (double) r * stride;
      mean[r] = unit * Stats.summary(w[r]).getMean();
      p05[r] = unit * Stats.percentile(w[r], 5);
      p95[r] = unit * Stats.percentile(w[r], 95);
    }
    tables.put("pulsed_pulse_train", Table.create("pulsed_pulse_train", DoubleColumn.create("pulse", pulse),
        DoubleColumn.create("mean_uS", mean), DoubleColumn.create("p05_uS", p05), DoubleColumn.create("p95_uS", p95)));
    XYChart c = Plots.xy(String.format(Locale.ROOT, "%s (%s): conductance vs pulse number, %d up, %d down, %d up (%d devices)", name,
        p.family(), seg, 2 * seg, seg, n), "pulse number", "µS above the w = 0 point (microSiemensPerUnit · w)", false, false);
    for (int d = 0; d < Math.min(5, n); d++) {
      double[] y = new double[rowsKept];
      for (int r = 0; r < rowsKept; r++) y[r] = unit * w[r][d];
      Plots.thin(c, "device " + d, pulse, y, GREY);
    }
    Plots.line(c, "mean", pulse, mean, BLUE);
    Plots.dashed(c, "5th / 95th percentile", pulse, p05, BLUE);
    Plots.dashed(c, "95th", pulse, p95, BLUE).setShowInLegend(false);
    charts.put("pulsed_pulse_train", c);

    List<Double> x = new ArrayList<>();
    List<Double> mu = new ArrayList<>();
    List<Double> md = new ArrayList<>();
    List<Double> nu = new ArrayList<>();
    List<Double> nd = new ArrayList<>();
    List<Long> cu = new ArrayList<>();
    List<Long> cd = new ArrayList<>();
    for (int b = 0; b < BINS; b++) {
      if (upBin[b].getN() < 5 && downBin[b].getN() < 5) continue;
      double centre = lo + (b + 0.5) * width;
      x.add(centre);
      mu.add(upBin[b].getN() >= 5 ? upBin[b].getMean() : Double.NaN);
      md.add(downBin[b].getN() >= 5 ? downBin[b].getMean() : Double.NaN);
      nu.add(p.nominalStep(centre, true));
      nd.add(p.nominalStep(centre, false));
      cu.add(upBin[b].getN());
      cd.add(downBin[b].getN());
    }
    double[] xs = x.stream().mapToDouble(Double::doubleValue).toArray();
    tables.put("pulsed_step_vs_state", Table.create("pulsed_step_vs_state", DoubleColumn.create("w_bin_centre_units", xs),
        DoubleColumn.create("mean_up_step_units", mu.stream().mapToDouble(Double::doubleValue).toArray()),
        DoubleColumn.create("mean_down_step_units", md.stream().mapToDouble(Double::doubleValue).toArray()),
        DoubleColumn.create("nominal_up_step_units", nu.stream().mapToDouble(Double::doubleValue).toArray()),
        DoubleColumn.create("nominal_down_step_units", nd.stream().mapToDouble(Double::doubleValue).toArray()),
        LongColumn.create("up_pulses", cu.stream().mapToLong(Long::longValue).toArray()),
        LongColumn.create("down_pulses", cd.stream().mapToLong(Long::longValue).toArray())));
    XYChart st = Plots.xy(String.format(Locale.ROOT, "%s (%s): step against state (mean over the pulse train of %d devices)", name, p.family(), n),
        "weight w before the pulse (weight units; × " + unit + " µS)", "|Δw| per pulse (weight units)", false, false);
    Plots.points(st, "up, measured", xs, finite(mu), BLUE);
    Plots.points(st, "down, measured", xs, finite(md), ORANGE);
    // The equation of a nominal device, within its bounds.
    double[] inside = java.util.stream.IntStream.range(0, xs.length).filter(k -> xs[k] >= p.wMin() && xs[k] <= p.wMax()).mapToDouble(k -> xs[k]).toArray();
    if (inside.length > 1) {
      Plots.line(st, "up, equation (nominal device)", inside, java.util.Arrays.stream(inside).map(v -> p.nominalStep(v, true)).toArray(), BLUE);
      Plots.line(st, "down, equation (nominal device)", inside, java.util.Arrays.stream(inside).map(v -> p.nominalStep(v, false)).toArray(), ORANGE);
    }
    charts.put("pulsed_step_vs_state", st);
  }

  /** NaN (a bin without pulses) as 0 so that the chart library accepts the series. */
  private static double[] finite(List<Double> v) {
    return v.stream().mapToDouble(d -> Double.isNaN(d) ? 0 : d).toArray();
  }

  private static void bounds(PulsedDeviceParams p, int n, long seed, List<FittedParameter> fits, Map<String, Long> seeds) {
    long s = Stats.derive(seed, 22);
    seeds.put("bounds", s);
    PulsedDeviceArray a = PulsedDeviceArray.create(p, n, s);
    int sweep = (int) Math.min(200_000, Math.ceil(15 * (p.wMax() - p.wMin()) / p.dwMin()));
    double[] hi = new double[n];
    double[] lo = new double[n];
    for (int i = 0; i < n; i++) {
      a.pulse(i, sweep);
      hi[i] = a.hiddenWeight(i);
      a.pulse(i, -sweep);
      lo[i] = a.hiddenWeight(i);
    }
    SummaryStatistics sh = Stats.summary(hi);
    SummaryStatistics sl = Stats.summary(lo);
    fits.add(new FittedParameter("w_max: weight after " + sweep + " up pulses (mean)", "weight units", p.wMax(), sh.getMean(),
        sh.getStandardDeviation() / Math.sqrt(n), "mean over devices; soft-bound families approach the bound from below"));
    fits.add(new FittedParameter("w_min: weight after " + sweep + " down pulses (mean)", "weight units", p.wMin(), sl.getMean(),
        sl.getStandardDeviation() / Math.sqrt(n), "as above"));
    if (p.wMax() > 0) {
      fits.add(new FittedParameter("w_max_dtod: SD/mean of the saturated weights", "", p.wMaxDtod(), sh.getStandardDeviation() / sh.getMean(),
          p.wMaxDtod() / Math.sqrt(2.0 * n), "relative SD over devices"));
    }
  }
}
