package org.aimc.features;

/**
 * A batch of feature maps in NHWC order: {@code n} images of {@code h × w} positions with {@code c}
 * channels, channel fastest, as one flat float array.
 */
record Tensor(int n, int h, int w, int c, float[] data) {
  Tensor {
    if ((long) n * h * w * c != data.length)
      throw new IllegalArgumentException(data.length + " values do not make an NHWC tensor " + n + "×" + h + "×" + w + "×" + c);
  }

  static Tensor zeros(int n, int h, int w, int c) {
    return new Tensor(n, h, w, c, new float[n * h * w * c]);
  }

  int positions() {
    return n * h * w;
  }
}
