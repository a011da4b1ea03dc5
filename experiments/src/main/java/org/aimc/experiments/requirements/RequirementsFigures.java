package org.aimc.experiments.requirements;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The figures of {@code aimc requirements}, drawn from what a study computed or from a finished
 * study's folder ({@code screening.csv}, {@code envelope.csv}), e.g. in a notebook.
 */
public final class RequirementsFigures {
  private static final Color LOW = new Color(0, 114, 178);
  private static final Color HIGH = new Color(230, 159, 0);

  private RequirementsFigures() {}

  /** One end of one parameter: its Δ (points) and seed spread. */
  public record Bar(String parameter, String end, double delta, double spread) {}

  /** One specification of the joint search: its distance from the preset and its gap to software (points). */
  public record Dot(String label, double distance, double gap, boolean inside) {}

  /** The tornado of a finished study's folder (its screening.csv, rows in their order: the largest effect on top). */
  public static XYChart tornado(Path folder) {
    List<String[]> rows = read(folder.resolve(Requirements.SCREENING_CSV));
    List<String> h = List.of(rows.get(0));
    List<Bar> bars = new ArrayList<>();
    for (String[] r : rows.subList(1, rows.size()))
      bars.add(new Bar(r[h.indexOf("parameter")], r[h.indexOf("end")], Double.parseDouble(r[h.indexOf("d_test_vs_preset")]),
          Double.parseDouble(r[h.indexOf("d_test_vs_preset_std")])));
    return tornado(folder.getFileName() + ": Δ test accuracy vs the preset (ordered by effect on validation)", bars);
  }

  /** The envelope figure of a finished study's folder (its envelope.csv). */
  public static XYChart envelope(Path folder) {
    List<String[]> rows = read(folder.resolve(Requirements.ENVELOPE_CSV));
    List<String> h = List.of(rows.get(0));
    List<Dot> dots = new ArrayList<>();
    double maxGap = 0.5;
    for (String[] r : rows.subList(1, rows.size())) {
      String upper = r[h.indexOf("gap_upper")];
      dots.add(new Dot(r[0], Double.parseDouble(r[h.indexOf("distance")]), Double.parseDouble(upper.isEmpty() ? r[h.indexOf("gap_mean")] : upper),
          r[h.indexOf("inside")].equals("yes")));
      if (h.contains("max_gap")) maxGap = Double.parseDouble(r[h.indexOf("max_gap")]); // older folders: the default 0.5
    }
    return envelope(folder.getFileName() + ": gap to software of each specification searched", "the preset", "software", dots, maxGap);
  }

  /** Horizontal bars from 0 to each end's Δ, one row per parameter in the given order (top first); whiskers: ± the spread. */
  public static XYChart tornado(String title, List<Bar> bars) {
    List<String> names = new ArrayList<>();
    for (Bar b : bars) if (!names.contains(b.parameter())) names.add(b.parameter());
    int n = names.size();
    XYChart c = new XYChartBuilder().width(900).height(Math.max(360, 120 + 34 * n)).title(title)
        .xAxisTitle("Δ test accuracy (points), mean over seeds ± std").yAxisTitle("").build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setYAxisMin(0.3).setYAxisMax(n + 0.7);
    c.getStyler().setYAxisTicksVisible(false);
    boolean[] legend = {false, false};
    double lo = 0;
    double hi = 0;
    int k = 0;
    for (Bar b : bars) {
      boolean low = b.end().equals("low");
      double y = n - names.indexOf(b.parameter()) + (low ? 0.13 : -0.13);
      lo = Math.min(lo, b.delta() - b.spread());
      hi = Math.max(hi, b.delta() + b.spread());
      XYSeries bar = c.addSeries("bar " + k, new double[] {0, b.delta()}, new double[] {y, y});
      bar.setMarker(SeriesMarkers.NONE).setLineColor(low ? LOW : HIGH).setLineStyle(new BasicStroke(11f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
      bar.setShowInLegend(!legend[low ? 0 : 1]);
      if (!legend[low ? 0 : 1]) bar.setLabel(low ? "low end of the range" : "high end of the range");
      legend[low ? 0 : 1] = true;
      if (b.spread() > 0) {
        XYSeries w = c.addSeries("spread " + k, new double[] {b.delta() - b.spread(), b.delta() + b.spread()}, new double[] {y, y});
        w.setMarker(SeriesMarkers.NONE).setLineColor(Color.DARK_GRAY).setLineStyle(new BasicStroke(1.5f));
        w.setShowInLegend(false);
      }
      k++;
    }
    XYSeries zero = c.addSeries("zero", new double[] {0, 0}, new double[] {0.3, n + 0.7});
    zero.setMarker(SeriesMarkers.NONE).setLineColor(Color.BLACK).setLineStyle(new BasicStroke(1f));
    zero.setShowInLegend(false);
    // The parameters' names in a margin left of the bars (XChart has no horizontal category axis).
    double pad = Math.max(0.05, 0.05 * (hi - lo));
    double margin = 0.3 * (hi - lo + 2 * pad);
    for (int i = 0; i < n; i++) c.addAnnotation(new AnnotationText(names.get(i), lo - pad - margin / 2, n - i, false));
    c.getStyler().setXAxisMin(lo - pad - margin).setXAxisMax(hi + pad);
    return c;
  }

  /** Each specification's gap to software against its distance from the preset, the envelope's bound as a line. */
  public static XYChart envelope(String title, String preset, String software, List<Dot> dots, double maxGap) {
    XYChart c = new XYChartBuilder().width(900).height(560).title(title)
        .xAxisTitle("distance from " + preset + " (sum of moves in units of each range)")
        .yAxisTitle("gap to " + software + " (points, upper bound over seeds)").build();
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    List<Dot> in = dots.stream().filter(Dot::inside).toList();
    List<Dot> out = dots.stream().filter(d -> !d.inside()).toList();
    if (!out.isEmpty()) c.addSeries("outside", out.stream().mapToDouble(Dot::distance).toArray(), out.stream().mapToDouble(Dot::gap).toArray())
        .setMarkerColor(Color.GRAY);
    if (!in.isEmpty()) {
      c.addSeries("inside the envelope", in.stream().mapToDouble(Dot::distance).toArray(), in.stream().mapToDouble(Dot::gap).toArray())
          .setMarkerColor(new Color(0, 158, 115));
      Dot least = in.stream().min(java.util.Comparator.comparingDouble(Dot::distance).thenComparingDouble(Dot::gap)).orElseThrow();
      c.addSeries("least demanding: " + least.label(), new double[] {least.distance()}, new double[] {least.gap()})
          .setMarker(SeriesMarkers.DIAMOND).setMarkerColor(Color.BLACK);
    }
    double max = dots.stream().mapToDouble(Dot::distance).max().orElse(1);
    XYSeries line = c.addSeries(String.format(Locale.ROOT, "%.2f points", maxGap), new double[] {0, Math.max(max, 0.1)}, new double[] {maxGap, maxGap});
    line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE).setLineColor(Color.RED);
    return c;
  }

  /** Rows of a CSV file written by the study (fields in double quotes may hold commas). */
  static List<String[]> read(Path csv) {
    try {
      List<String[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(csv)) {
        if (line.isEmpty()) continue;
        List<String> f = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
          char ch = line.charAt(i);
          if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            b.append('"');
            i++;
          } else if (ch == '"') {
            quoted = !quoted;
          } else if (ch == ',' && !quoted) {
            f.add(b.toString());
            b.setLength(0);
          } else {
            b.append(ch);
          }
        }
        f.add(b.toString());
        rows.add(f.toArray(String[]::new));
      }
      if (rows.isEmpty()) throw new IllegalArgumentException(csv + " is empty: is the study finished?");
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv + " (a finished aimc requirements folder has it)", e);
    }
  }
}
