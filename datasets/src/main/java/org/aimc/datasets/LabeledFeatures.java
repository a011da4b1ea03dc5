package org.aimc.datasets;

import java.util.Locale;

/**
 * Labelled feature vectors: {@code count × dim} floats, row-major, and one class label each. What a
 * frozen feature extractor makes of images, or what a user brings as {@code .npy} files.
 *
 * @param name data set and split, e.g. "features:/data/resnet/train"
 * @param features {@code count·dim} finite values
 * @param dim features per example
 * @param labels {@code count} labels in [0, classes)
 * @param classes number of classes (at most 128: labels are stored as bytes, as the trainers take them)
 */
public record LabeledFeatures(String name, float[] features, int dim, byte[] labels, int classes) {
  public LabeledFeatures {
    if (dim <= 0) throw new IllegalArgumentException(name + ": " + dim + " features per example; must be positive");
    if ((long) labels.length * dim != features.length)
      throw new IllegalArgumentException(name + ": " + features.length + " values do not make " + labels.length + " examples of " + dim);
    if (classes < 2 || classes > 128) throw new IllegalArgumentException(name + ": " + classes + " classes; aimc takes 2 to 128");
    for (int i = 0; i < labels.length; i++)
      if (labels[i] < 0 || labels[i] >= classes)
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: label %d of example %d is outside [0, %d)", name, labels[i], i, classes));
  }

  public int count() {
    return labels.length;
  }
}
