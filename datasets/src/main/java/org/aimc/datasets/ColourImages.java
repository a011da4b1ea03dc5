package org.aimc.datasets;

/**
 * Colour images with class labels: {@code count} images of {@code height × width} RGB pixels,
 * stored as unsigned bytes in NHWC order (row, column, then R, G, B), one image after another.
 *
 * @param name data set and split, e.g. "cifar10/train"
 * @param pixels {@code count·height·width·3} unsigned bytes
 * @param labels {@code count} labels in [0, classes)
 */
public record ColourImages(String name, int height, int width, byte[] pixels, byte[] labels, int classes) {
  public static final int CHANNELS = 3;

  public ColourImages {
    if (height <= 0 || width <= 0) throw new IllegalArgumentException(name + ": image size " + height + "×" + width + " must be positive");
    if ((long) labels.length * height * width * CHANNELS != pixels.length)
      throw new IllegalArgumentException(name + ": " + pixels.length + " bytes do not make " + labels.length + " RGB images of " + height + "×" + width);
    for (int i = 0; i < labels.length; i++)
      if (labels[i] < 0 || labels[i] >= classes)
        throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i + " is outside [0, " + classes + ")");
  }

  public int count() {
    return labels.length;
  }

  /** Both parts of a colour data set. */
  public record Split(String name, ColourImages train, ColourImages test) {}
}
