package org.aimc.experiments.run;

import java.util.SplittableRandom;
import org.aimc.training.Examples;

/**
 * A validation split held out of a training split: the last {@code count} examples of a seeded
 * permutation. One small method on purpose: the generic validation-split API (issue #13) replaces
 * it at merge.
 */
public final class Holdout {
  private Holdout() {}

  /** The remaining training examples and the held-out validation examples. */
  public record Split(Examples train, Examples validation) {}

  public static Split split(Examples all, int count, long seed) {
    int n = all.count();
    if (count < 1 || count >= n) throw new IllegalArgumentException("--validation " + count + " must be between 1 and " + (n - 1));
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new Split(take(all, order, 0, n - count), take(all, order, n - count, n));
  }

  private static Examples take(Examples all, int[] order, int from, int to) {
    int d = all.inputs();
    float[] x = new float[(to - from) * d];
    byte[] y = new byte[to - from];
    for (int i = from; i < to; i++) {
      System.arraycopy(all.features(), order[i] * d, x, (i - from) * d, d);
      y[i - from] = all.labels()[order[i]];
    }
    return new Examples(x, y, d);
  }
}
