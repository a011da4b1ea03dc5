package org.aimc.training;

/** Softmax cross-entropy on the output layer, computed digitally. */
public final class Softmax {
  private Softmax() {}

  /**
   * Turns logits into probabilities in place (shifted by the maximum so exp never overflows) and
   * returns the cross-entropy loss {@code −ln p[label]}.
   */
  public static double probabilitiesInPlace(float[] logits, int n, int label) {
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) max = Math.max(max, logits[i]);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      float e = (float) Math.exp(logits[i] - max);
      logits[i] = e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int i = 0; i < n; i++) logits[i] *= inv;
    return -Math.log(Math.max(logits[label], 1e-30f));
  }

  /** Index of the largest value (the predicted class); ties go to the lowest index. */
  public static int argmax(float[] v, int offset, int n) {
    int best = 0;
    for (int i = 1; i < n; i++) if (v[offset + i] > v[offset + best]) best = i;
    return best;
  }
}
