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

  /** The images at {@code indices}, in that order, as a new set called {@code name}. */
  public LabeledImages subset(String name, int[] indices) {
    int n = rows * cols;
    byte[] px = new byte[indices.length * n];
    byte[] ls = new byte[indices.length];
    for (int k = 0; k < indices.length; k++) {
      int i = indices[k];
      if (i < 0 || i >= count()) throw new IndexOutOfBoundsException(this.name + ": image " + i + " of " + count());
      System.arraycopy(pixels, i * n, px, k * n, n);
      ls[k] = labels[i];
    }
    return new LabeledImages(name, rows, cols, px, ls, classes);
  }

  /** All pixels scaled to [0, 1] as one flat array ({@code count × rows·cols}), for training. */
  public float[] toUnitFloats() {
    float[] out = new float[pixels.length];
    for (int i = 0; i < out.length; i++) out[i] = (pixels[i] & 0xFF) / 255f;
    return out;
  }
}
