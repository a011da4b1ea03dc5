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
}
