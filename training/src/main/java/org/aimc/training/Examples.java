package org.aimc.training;

/**
 * Labelled examples as the trainers see them: {@code count × inputs} features, row-major, and one
 * class label per example. (Training knows nothing of files; {@code experiments} loads data sets.)
 */
public record Examples(float[] features, byte[] labels, int inputs) {
  public Examples {
    if (inputs <= 0 || (long) labels.length * inputs != features.length)
      throw new IllegalArgumentException(features.length + " feature values do not make " + labels.length + " examples of " + inputs + " inputs");
  }

  public int count() {
    return labels.length;
  }

  /** Whether {@code n} examples of {@code count} are a sample, not all of them (0 or at least {@code count}: all). */
  public static boolean isSample(long n, long count) {
    return n > 0 && n < count;
  }

  /**
   * {@code n} examples spaced evenly through these ({@code ⌊i·count/n⌋} for {@code i < n}), in
   * order: a fixed sample without a random stream. These themselves when {@code n} is 0 or at
   * least {@link #count()}.
   */
  public Examples evenlySpaced(int n) {
    if (n < 0) throw new IllegalArgumentException("a sample of " + n + " examples: give 0 (all) or a positive count");
    int count = count();
    if (!isSample(n, count)) return this;
    float[] f = new float[Math.multiplyExact(n, inputs)];
    byte[] l = new byte[n];
    for (int i = 0; i < n; i++) {
      int k = (int) ((long) i * count / n);
      System.arraycopy(features, k * inputs, f, i * inputs, inputs);
      l[i] = labels[k];
    }
    return new Examples(f, l, inputs);
  }
}
