package org.aimc.experiments.requirements;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The envelope rule. A specification's gap to software is measured seed by seed (software and the
 * specification share each seed's data order, split and initial draw): d_s = software_s − point_s,
 * in accuracy points. Its upper bound is the upper end of the one-sided interval at
 * {@code confidence} over seeds, mean(d) + t(confidence, n − 1) · std(d) / √n. A specification is
 * in the envelope when that bound is at most {@code maxGap} points. With one seed there is no
 * interval: the bound is undefined (NaN) and the point is never in the envelope. The least
 * demanding specification is the one in the envelope with the smallest {@link Design.Point#distance}
 * (ties: the smaller bound).
 */
public final class Envelope {
  private Envelope() {}

  /**
   * One specification's gap to software.
   *
   * @param gapMean mean over seeds of software − point, in points (percentage points of test accuracy)
   * @param gapStd sample standard deviation of that difference over seeds
   * @param gapUpper the upper end of the one-sided interval (NaN with one seed)
   * @param inside whether {@code gapUpper ≤ maxGap}
   */
  public record Gap(Design.Point point, int seeds, double pointMean, double gapMean, double gapStd, double gapUpper, boolean inside) {}

  /** The gap of one point from its per-seed test accuracies and software's on the same seeds (fractions, same order). */
  public static Gap gap(Design.Point point, double[] pointTest, double[] softwareTest, double confidence, double maxGapPoints) {
    if (pointTest.length != softwareTest.length || pointTest.length == 0)
      throw new IllegalArgumentException("the gap needs the same seeds for the point and software, not " + pointTest.length + " and " + softwareTest.length);
    int n = pointTest.length;
    double[] d = new double[n];
    for (int i = 0; i < n; i++) d[i] = 100 * (softwareTest[i] - pointTest[i]);
    double mean = StatUtils.mean(d);
    double std = n < 2 ? Double.NaN : Math.sqrt(StatUtils.variance(d));
    double upper = n < 2 ? Double.NaN : mean + new TDistribution(n - 1).inverseCumulativeProbability(confidence) * std / Math.sqrt(n);
    return new Gap(point, n, 100 * StatUtils.mean(pointTest), mean, std, upper, upper <= maxGapPoints);
  }

  /** The points inside, least demanding first. */
  public static List<Gap> inside(List<Gap> gaps) {
    List<Gap> in = new ArrayList<>(gaps.stream().filter(Gap::inside).toList());
    in.sort(ORDER);
    return in;
  }

  /** The least demanding point of the envelope, or null when the envelope is empty. */
  public static Gap leastDemanding(List<Gap> gaps) {
    List<Gap> in = inside(gaps);
    return in.isEmpty() ? null : in.get(0);
  }

  /** The smallest mean gap found (for a report whose envelope is empty). */
  public static Gap best(List<Gap> gaps) {
    return gaps.stream().min(Comparator.comparingDouble(Gap::gapMean)).orElse(null);
  }

  private static final Comparator<Gap> ORDER = Comparator.comparingDouble((Gap g) -> g.point().distance()).thenComparingDouble(Gap::gapUpper);
}
