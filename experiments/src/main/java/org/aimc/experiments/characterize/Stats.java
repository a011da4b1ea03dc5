package org.aimc.experiments.characterize;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/** Column statistics and histograms for the characterisation tables. */
final class Stats {
  private Stats() {}

  static SummaryStatistics summary(double[] xs) {
    SummaryStatistics s = new SummaryStatistics();
    for (double x : xs) s.addValue(x);
    return s;
  }

  static double percentile(double[] xs, double p) {
    DescriptiveStatistics d = new DescriptiveStatistics(xs);
    return d.getPercentile(p);
  }

  /** Histogram: bin centres and counts over [lo, hi] in {@code bins} bins (values outside are clipped into the end bins). */
  static double[][] histogram(double[] xs, double lo, double hi, int bins) {
    double[] centres = new double[bins];
    double[] counts = new double[bins];
    double w = (hi - lo) / bins;
    for (int b = 0; b < bins; b++) centres[b] = lo + (b + 0.5) * w;
    for (double x : xs) {
      int b = (int) Math.floor((x - lo) / w);
      counts[Math.max(0, Math.min(bins - 1, b))]++;
    }
    return new double[][] {centres, counts};
  }

  static double[] logspace(double lo, double hi, int n) {
    double[] out = new double[n];
    for (int i = 0; i < n; i++) out[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
    return out;
  }

  static double[] range(int n) {
    double[] out = new double[n];
    Arrays.setAll(out, i -> i);
    return out;
  }

  /** Derived seed of the k-th array of a run (SplitMix64 finaliser of seed + k·golden gamma). */
  static long derive(long seed, int k) {
    long z = seed + (k + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
