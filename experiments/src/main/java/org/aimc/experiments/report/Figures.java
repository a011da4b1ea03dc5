package org.aimc.experiments.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.crossbar.energy.Component;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.TrainResult;
import org.aimc.training.EpochMetrics;
import org.aimc.training.SynapseTrace;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of results held in memory, for notebooks and reports: each method returns an XChart chart
 * (axes titled with their units) that {@link #image} renders, {@link org.aimc.experiments.io.Png}
 * writes, or a notebook shows with {@code display(Figures.image(chart))}.
 */
public final class Figures {
  private Figures() {}

  /** Okabe–Ito: distinguishable for colour-blind readers. */
  public static final Color[] PALETTE = {new Color(0, 114, 178), new Color(230, 159, 0), new Color(0, 158, 115),
      new Color(204, 121, 167), new Color(213, 94, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)};

  private static final BasicStroke SOLID = new BasicStroke(2f);
  private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  private static final BasicStroke THIN = new BasicStroke(1f);

  /** The chart as an image (what {@code display(...)} shows as image/png in a notebook). */
  public static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /** Validation (solid) and training (dashed) accuracy against epoch, one colour per run, named by the map's keys (the test set is read once, not per epoch). */
  public static XYChart accuracyVsEpoch(String title, Map<String, TrainResult> runs) {
    XYChart c = xy(title, "epoch", "accuracy (%)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setXAxisDecimalPattern("0");
    c.getStyler().setYAxisDecimalPattern("0.0");
    int colour = 0;
    for (Map.Entry<String, TrainResult> e : runs.entrySet()) {
      List<EpochMetrics> m = e.getValue().perEpoch();
      double[] x = m.stream().mapToDouble(EpochMetrics::epoch).toArray();
      Color col = PALETTE[colour++ % PALETTE.length];
      XYSeries test = line(c, e.getKey() + ", validation", x, m.stream().mapToDouble(r -> 100 * r.validationAccuracy()).toArray(), col, SOLID);
      test.setMarker(SeriesMarkers.CIRCLE);
      test.setMarkerColor(col);
      line(c, e.getKey() + ", training", x, m.stream().mapToDouble(r -> 100 * r.trainAccuracy()).toArray(), col, DASHED);
    }
    return c;
  }

  /**
   * A sweep's test accuracy (mean, error bars ± sample std over seeds) against the value of its first
   * axis, which must be numeric, with the baseline (the row without values, if any) as a horizontal
   * line. {@code xAxisTitle} names the swept quantity with its unit, which the key alone does not give.
   */
  public static XYChart sweep(String title, String xAxisTitle, List<Sweep.Row> rows) {
    List<Sweep.Row> points = rows.stream().filter(r -> !r.values().isEmpty()).toList();
    if (points.isEmpty()) throw new IllegalArgumentException("the sweep has no points to plot");
    double[] x = new double[points.size()];
    for (int i = 0; i < x.length; i++) {
      try {
        x[i] = Double.parseDouble(points.get(i).values().get(0));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the swept value '" + points.get(i).values().get(0) + "' is not a number; plot a numeric axis first", e);
      }
    }
    XYChart c = xy(title, xAxisTitle, "test accuracy (%)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    XYSeries s = c.addSeries("swept configuration", x,
        points.stream().mapToDouble(r -> 100 * r.testMean()).toArray(),
        points.stream().mapToDouble(r -> r.runs() > 1 ? 100 * r.testStd() : 0).toArray());
    s.setLineColor(PALETTE[0]);
    s.setMarkerColor(PALETTE[0]);
    s.setMarker(SeriesMarkers.CIRCLE);
    double lo = java.util.Arrays.stream(x).min().orElse(0);
    double hi = java.util.Arrays.stream(x).max().orElse(1);
    for (Sweep.Row base : rows) {
      if (!base.values().isEmpty()) continue;
      line(c, base.label() + " (baseline)", new double[] {lo, hi}, new double[] {100 * base.testMean(), 100 * base.testMean()}, PALETTE[1], DASHED);
    }
    return c;
  }

  /**
   * One traced synapse against training examples: the weight {@code W}, its PCM part
   * {@code F·(G⁺ − G⁻)}, its capacitor part {@code s·(g − g_shared)} and the raw capacitor difference
   * {@code g − g_shared} (µS), with a grey line at every transfer. At a transfer the capacitor part
   * returns to near zero and the PCM part takes the weight over; with polarity inversion the raw
   * difference then moves the other way for the same change of weight.
   */
  public static XYChart synapseTrajectory(SynapseTrace trace, int k) {
    SynapseTrace.Synapse s = trace.synapses().get(k);
    double[] x = trace.examples();
    double[] w = trace.weightMicroSiemens(k);
    double[] pcm = trace.pcmMicroSiemens(k);
    double[] cap = trace.capacitorMicroSiemens(k);
    double[] raw = trace.capacitorDifferenceMicroSiemens(k);
    double lo = Math.min(min(w, pcm), min(cap, raw));
    double hi = Math.max(max(w, pcm), max(cap, raw));
    double pad = 0.05 * Math.max(hi - lo, 1e-9);
    XYChart c = xy("Synapse " + s + ": W = F·(G⁺−G⁻) + s·(g−g_shared)", "training examples seen", "contribution to the weight (µS)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    c.getStyler().setYAxisMin(lo - pad).setYAxisMax(hi + pad);
    double[] transfers = trace.transfers();
    boolean labelled = false;
    for (int i = 1; i < x.length; i++) {
      if (transfers[i] == transfers[i - 1]) continue;
      XYSeries t = line(c, labelled ? "transfer " + (int) transfers[i] : "transfer (s flips)", new double[] {x[i], x[i]},
          new double[] {lo - pad, hi + pad}, new Color(180, 180, 180), THIN);
      t.setShowInLegend(!labelled);
      labelled = true;
    }
    line(c, "weight W", x, w, Color.BLACK, SOLID);
    line(c, "PCM part F·(G⁺−G⁻)", x, pcm, PALETTE[0], SOLID);
    line(c, "capacitor part s·(g−g_shared)", x, cap, PALETTE[1], SOLID);
    line(c, "g−g_shared", x, raw, PALETTE[4], DASHED);
    return c;
  }

  /**
   * Training energy per example by component (nJ), one bar per report in each component's group,
   * named by the map's keys.
   */
  public static CategoryChart energyByComponent(String title, Map<String, EnergyReport> reports) {
    CategoryChart c = new CategoryChartBuilder().width(900).height(520).title(title).xAxisTitle("component")
        .yAxisTitle("training energy per example (nJ)").build();
    style(c.getStyler());
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    c.getStyler().setAvailableSpaceFill(0.8);
    c.getStyler().setXAxisLabelRotation(0);
    List<String> names = new ArrayList<>();
    for (Component comp : Component.values()) names.add(comp.id());
    for (Map.Entry<String, EnergyReport> e : reports.entrySet()) {
      EnergyReport r = e.getValue();
      if (r.trainingExamples() <= 0)
        throw new IllegalArgumentException(e.getKey() + ": the report counts no training examples, so it has no energy per example");
      List<Double> nj = new ArrayList<>();
      for (String id : names) {
        double joules = r.byComponent().stream().filter(f -> f.component().equals(id)).mapToDouble(EnergyReport.ComponentFigures::energyJoules).sum();
        nj.add(joules / r.trainingExamples() * 1e9);
      }
      c.addSeries(String.format(Locale.ROOT, "%s (%.1f nJ in all)", e.getKey(), r.energyPerExampleJoules() * 1e9), names, nj);
    }
    return c;
  }

  private static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart c = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    style(c.getStyler());
    c.getStyler().setSeriesColors(PALETTE);
    return c;
  }

  private static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    s.setLegendBorderColor(new Color(200, 200, 200));
    s.setSeriesColors(PALETTE);
  }

  private static XYSeries line(XYChart c, String name, double[] x, double[] y, Color colour, BasicStroke stroke) {
    XYSeries s = c.addSeries(name, x, y);
    s.setLineColor(colour);
    s.setLineStyle(stroke);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  private static double min(double[] a, double[] b) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : a) m = Math.min(m, v);
    for (double v : b) m = Math.min(m, v);
    return m;
  }

  private static double max(double[] a, double[] b) {
    double m = Double.NEGATIVE_INFINITY;
    for (double v : a) m = Math.max(m, v);
    for (double v : b) m = Math.max(m, v);
    return m;
  }
}
