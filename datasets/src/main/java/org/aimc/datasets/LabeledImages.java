package org.aimc.datasets;

/**
 * A set of grey-scale images with class labels, as stored in IDX files: {@code count} images of
 * {@code rows × cols} unsigned bytes, row-major, one after another.
 *
 * @param name data set and split, e.g. "mnist/train"
 * @param rows image height in pixels
 * @param cols image width in pixels
 * @param pixels {@code count·rows·cols} unsigned bytes (0 = background, 255 = ink)
 * @param labels {@code count} class labels in [0, classes)
 * @param classes number of classes
 */
public record LabeledImages(String name, int rows, int cols, byte[] pixels, byte[] labels, int classes) {
  public LabeledImages {
    if (rows <= 0 || cols <= 0) throw new IllegalArgumentException(name + ": image size " + rows + "×" + cols + " must be positive");
    if ((long) labels.length * rows * cols != pixels.length)
      throw new IllegalArgumentException(name + ": " + pixels.length + " pixels do not make " + labels.length + " images of " + rows + "×" + cols);
  }

  public int count() {
    return labels.length;
  }

  public int pixelsPerImage() {
    return rows * cols;
  }

  public int label(int image) {
    return labels[image];
  }

  /** All pixels scaled to [0, 1] as one flat array ({@code count × rows·cols}), for training. */
  public float[] toUnitFloats() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) out[i] = (pixels[i] & 0xFF) / 255f;
    return out;
  }
}
