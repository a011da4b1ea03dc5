package org.aimc.experiments.characterize;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Small helpers for readable XChart line plots: titled axes with units, optional log axes. */
final class Plots {
  private Plots() {}

  static final BasicStroke DASH = new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
  static final BasicStroke THIN = new BasicStroke(0.7f);

  static XYChart xy(String title, String xTitle, String yTitle, boolean logX, boolean logY) {
    XYChart c = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    org.knowm.xchart.style.XYStyler s = c.getStyler();
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(225, 225, 225));
    c.getStyler().setXAxisLogarithmic(logX);
    c.getStyler().setYAxisLogarithmic(logY);
    s.setXAxisDecimalPattern(logX ? "0.#E0" : "0.###");
    s.setYAxisDecimalPattern("0.###");
    // Label more than the decades on a log y axis, so levels between decades can be read off.
    s.setYAxisLogarithmicDecadeOnly(false);
    return c;
  }

  static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    if (color != null) s.setLineColor(color);
    return s;
  }

  static XYSeries dashed(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = line(c, name, x, y, color);
    s.setLineStyle(DASH);
    return s;
  }

  static XYSeries thin(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = line(c, name, x, y, color);
    s.setLineStyle(THIN);
    s.setShowInLegend(false);
    return s;
  }

  static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    s.setMarker(SeriesMarkers.CIRCLE);
    if (color != null) s.setMarkerColor(color);
    return s;
  }

  static XYSeries step(XYChart c, String name, double[] x, double[] y, Color color) {
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    if (color != null) s.setLineColor(color);
    return s;
  }

  /** A vertical marker line from y0 to y1 at x. */
  static XYSeries vline(XYChart c, String name, double x, double y0, double y1, Color color) {
    return dashed(c, name, new double[] {x, x}, new double[] {y0, y1}, color);
  }

  static final Color BLUE = new Color(31, 119, 180);
  static final Color ORANGE = new Color(255, 127, 14);
  static final Color GREEN = new Color(44, 160, 44);
  static final Color RED = new Color(214, 39, 40);
  static final Color GREY = new Color(150, 150, 150);
  static final Color PURPLE = new Color(148, 103, 189);
}
