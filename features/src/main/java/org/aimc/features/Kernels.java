package org.aimc.features;

import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The extractor's kernels on NHWC tensors. A 1×1 convolution is one sgemm (positions × in) ·
 * (in × out) through ND4J's BLAS; any other convolution is an im2col followed by the same sgemm; a
 * depthwise convolution is a plain Java loop over positions with the channel innermost (libnd4j's
 * depthwise op was the bottleneck, 72 % of the time, and 3× slower than this loop in a spike).
 * Images are independent, so the Java loops run in parallel over the batch and give the same numbers
 * for any thread count. Tests compare every kernel with a naive seven-loop version.
 */
final class Kernels {
  private Kernels() {}

  /** Explicit zero padding of a convolution or pooling window: rows above and below, columns left and right. */
  record Pad(int top, int bottom, int left, int right) {
    static final Pad NONE = new Pad(0, 0, 0, 0);

    /** TensorFlow's "same" padding: output ceil(in/stride), the odd pixel at the bottom/right. */
    static Pad same(int h, int w, int kh, int kw, int stride) {
      int ph = Math.max((ceilDiv(h, stride) - 1) * stride + kh - h, 0);
      int pw = Math.max((ceilDiv(w, stride) - 1) * stride + kw - w, 0);
      return new Pad(ph / 2, ph - ph / 2, pw / 2, pw - pw / 2);
    }

    int outH(int h, int k, int stride) {
      return (h + top + bottom - k) / stride + 1;
    }

    int outW(int w, int k, int stride) {
      return (w + left + right - k) / stride + 1;
    }
  }

  static int ceilDiv(int a, int b) {
    return (a + b - 1) / b;
  }

  /** {@code c[m×n] = a[m×k] · b[k×n]}, row-major, through ND4J's sgemm. */
  static float[] sgemm(float[] a, float[] b, int m, int k, int n) {
    INDArray x = Nd4j.create(a, new long[] {m, k}, 'c');
    INDArray y = Nd4j.create(b, new long[] {k, n}, 'c');
    INDArray z = Nd4j.createUninitialized(DataType.FLOAT, new long[] {m, n}, 'c');
    Nd4j.gemm(x, y, z, false, false, 1.0, 0.0);
    return z.data().asFloat();
  }

  /**
   * A convolution with kernel {@code weights[kh][kw][cin][cout]} (Keras layout), a bias per output
   * channel (may be null), stride and explicit padding.
   */
  static Tensor conv(Tensor in, float[] weights, float[] bias, int kh, int kw, int cout, int stride, Pad pad) {
    return conv(in, weights, bias, kh, kw, cout, stride, pad, Float.NaN);
  }

  /** As above, then {@code min(max(·, 0), cap)} in the same pass as the bias; {@code cap} NaN for no ReLU. */
  static Tensor conv(Tensor in, float[] weights, float[] bias, int kh, int kw, int cout, int stride, Pad pad, float cap) {
    int oh = pad.outH(in.h(), kh, stride);
    int ow = pad.outW(in.w(), kw, stride);
    float[] cols;
    int k = kh * kw * in.c();
    if (kh == 1 && kw == 1 && stride == 1 && pad.equals(Pad.NONE)) {
      cols = in.data();
    } else {
      cols = im2col(in, kh, kw, stride, pad, oh, ow);
    }
    float[] out = sgemm(cols, weights, in.n() * oh * ow, k, cout);
    if (Float.isNaN(cap)) {
      if (bias != null) addBias(out, bias);
    } else {
      addBiasRelu(out, bias == null ? new float[cout] : bias, cap);
    }
    return new Tensor(in.n(), oh, ow, cout, out);
  }

  /** Rows of {@code kh·kw·cin} values, one row per output position, zeros where the window leaves the image. */
  static float[] im2col(Tensor in, int kh, int kw, int stride, Pad pad, int oh, int ow) {
    int c = in.c();
    int k = kh * kw * c;
    float[] cols = new float[in.n() * oh * ow * k];
    float[] x = in.data();
    IntStream.range(0, in.n()).parallel().forEach(b -> {
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++) {
          int row = ((b * oh + oy) * ow + ox) * k;
          for (int dy = 0; dy < kh; dy++) {
            int iy = oy * stride + dy - pad.top();
            if (iy < 0 || iy >= in.h()) continue;
            for (int dx = 0; dx < kw; dx++) {
              int ix = ox * stride + dx - pad.left();
              if (ix < 0 || ix >= in.w()) continue;
              System.arraycopy(x, ((b * in.h() + iy) * in.w() + ix) * c, cols, row + (dy * kw + dx) * c, c);
            }
          }
        }
    });
    return cols;
  }

  /**
   * A depthwise convolution (channel multiplier 1) with kernel {@code weights[kh][kw][c]}, a bias
   * per channel (may be null), stride and explicit padding.
   */
  static Tensor depthwise(Tensor in, float[] weights, float[] bias, int kh, int kw, int stride, Pad pad) {
    int c = in.c();
    int h = in.h();
    int w = in.w();
    int oh = pad.outH(h, kh, stride);
    int ow = pad.outW(w, kw, stride);
    float[] x = in.data();
    float[] out = new float[in.n() * oh * ow * c];
    IntStream.range(0, in.n()).parallel().forEach(b -> {
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++) {
          int o = ((b * oh + oy) * ow + ox) * c;
          if (bias != null) System.arraycopy(bias, 0, out, o, c);
          for (int dy = 0; dy < kh; dy++) {
            int iy = oy * stride + dy - pad.top();
            if (iy < 0 || iy >= h) continue;
            for (int dx = 0; dx < kw; dx++) {
              int ix = ox * stride + dx - pad.left();
              if (ix < 0 || ix >= w) continue;
              int xi = ((b * h + iy) * w + ix) * c;
              int wi = (dy * kw + dx) * c;
              for (int ch = 0; ch < c; ch++) out[o + ch] += x[xi + ch] * weights[wi + ch];
            }
          }
        }
    });
    return new Tensor(in.n(), oh, ow, c, out);
  }

  static void addBias(float[] out, float[] bias) {
    int c = bias.length;
    for (int i = 0; i < out.length; i += c)
      for (int ch = 0; ch < c; ch++) out[i + ch] += bias[ch];
  }

  static void addBiasRelu(float[] out, float[] bias, float cap) {
    int c = bias.length;
    for (int i = 0; i < out.length; i += c)
      for (int ch = 0; ch < c; ch++) {
        float v = out[i + ch] + bias[ch];
        out[i + ch] = v < 0 ? 0 : (v > cap ? cap : v);
      }
  }

  /** {@code min(max(x, 0), cap)} in place; {@code cap} infinite for a plain ReLU. */
  static void relu(float[] x, float cap) {
    for (int i = 0; i < x.length; i++) {
      float v = x[i];
      x[i] = v < 0 ? 0 : (v > cap ? cap : v);
    }
  }

  /** Per-channel {@code x·scale + shift} in place (an unfolded batch normalisation). */
  static void affine(float[] x, float[] scale, float[] shift) {
    int c = scale.length;
    for (int i = 0; i < x.length; i += c)
      for (int ch = 0; ch < c; ch++) x[i + ch] = x[i + ch] * scale[ch] + shift[ch];
  }

  static Tensor zeroPad(Tensor in, Pad p) {
    int h = in.h() + p.top() + p.bottom();
    int w = in.w() + p.left() + p.right();
    int c = in.c();
    Tensor out = Tensor.zeros(in.n(), h, w, c);
    for (int b = 0; b < in.n(); b++)
      for (int y = 0; y < in.h(); y++)
        System.arraycopy(in.data(), ((b * in.h() + y) * in.w()) * c, out.data(), ((b * h + y + p.top()) * w + p.left()) * c, in.w() * c);
    return out;
  }

  /** Max or average pooling; the average counts only positions inside the image (TensorFlow's rule). */
  static Tensor pool(Tensor in, int kh, int kw, int stride, Pad pad, boolean max) {
    int c = in.c();
    int oh = pad.outH(in.h(), kh, stride);
    int ow = pad.outW(in.w(), kw, stride);
    float[] x = in.data();
    float[] out = new float[in.n() * oh * ow * c];
    IntStream.range(0, in.n()).parallel().forEach(b -> {
      float[] acc = new float[c];
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++) {
          java.util.Arrays.fill(acc, max ? Float.NEGATIVE_INFINITY : 0f);
          int count = 0;
          for (int dy = 0; dy < kh; dy++) {
            int iy = oy * stride + dy - pad.top();
            if (iy < 0 || iy >= in.h()) continue;
            for (int dx = 0; dx < kw; dx++) {
              int ix = ox * stride + dx - pad.left();
              if (ix < 0 || ix >= in.w()) continue;
              count++;
              int xi = ((b * in.h() + iy) * in.w() + ix) * c;
              for (int ch = 0; ch < c; ch++) acc[ch] = max ? Math.max(acc[ch], x[xi + ch]) : acc[ch] + x[xi + ch];
            }
          }
          int o = ((b * oh + oy) * ow + ox) * c;
          for (int ch = 0; ch < c; ch++) out[o + ch] = max ? acc[ch] : acc[ch] / count;
        }
    });
    return new Tensor(in.n(), oh, ow, c, out);
  }

  /** The mean over all positions of each image: {@code n × c}. */
  static float[] globalMean(Tensor in) {
    int c = in.c();
    int hw = in.h() * in.w();
    float[] out = new float[in.n() * c];
    for (int b = 0; b < in.n(); b++) {
      double[] acc = new double[c];
      for (int p = 0; p < hw; p++) {
        int xi = (b * hw + p) * c;
        for (int ch = 0; ch < c; ch++) acc[ch] += in.data()[xi + ch];
      }
      for (int ch = 0; ch < c; ch++) out[b * c + ch] = (float) (acc[ch] / hw);
    }
    return out;
  }

  static Tensor add(Tensor a, Tensor b) {
    if (a.data().length != b.data().length) throw new IllegalArgumentException("Add of tensors of different shapes");
    float[] out = a.data().clone();
    float[] y = b.data();
    for (int i = 0; i < out.length; i++) out[i] += y[i];
    return new Tensor(a.n(), a.h(), a.w(), a.c(), out);
  }

  /** Concatenation along channels. */
  static Tensor concat(java.util.List<Tensor> parts) {
    Tensor f = parts.get(0);
    int c = 0;
    for (Tensor t : parts) c += t.c();
    Tensor out = Tensor.zeros(f.n(), f.h(), f.w(), c);
    int positions = f.positions();
    int off = 0;
    for (Tensor t : parts) {
      if (t.positions() != positions) throw new IllegalArgumentException("Concatenate of tensors of different spatial shapes");
      for (int p = 0; p < positions; p++) System.arraycopy(t.data(), p * t.c(), out.data(), p * c + off, t.c());
      off += t.c();
    }
    return out;
  }

  /**
   * Bilinear resize of 8-bit RGB images (NHWC) to {@code size × size}, scaled by 1/255, with
   * {@code alignCorners = true} as nsfwjs calls {@code tf.image.resizeBilinear}: output pixel i
   * samples input position {@code i·(in−1)/(out−1)}.
   */
  static Tensor resizeBilinear(byte[] pixels, int first, int count, int h, int w, int size) {
    int c = 3;
    float[] out = new float[count * size * size * c];
    double sy = size > 1 ? (h - 1) / (double) (size - 1) : 0;
    double sx = size > 1 ? (w - 1) / (double) (size - 1) : 0;
    IntStream.range(0, count).parallel().forEach(b -> {
      int base = (first + b) * h * w * c;
      for (int y = 0; y < size; y++) {
        double fy = y * sy;
        int y0 = (int) Math.floor(fy);
        int y1 = Math.min(y0 + 1, h - 1);
        float ay = (float) (fy - y0);
        for (int x = 0; x < size; x++) {
          double fx = x * sx;
          int x0 = (int) Math.floor(fx);
          int x1 = Math.min(x0 + 1, w - 1);
          float ax = (float) (fx - x0);
          int o = ((b * size + y) * size + x) * c;
          for (int ch = 0; ch < c; ch++) {
            float p00 = pixels[base + (y0 * w + x0) * c + ch] & 0xFF;
            float p01 = pixels[base + (y0 * w + x1) * c + ch] & 0xFF;
            float p10 = pixels[base + (y1 * w + x0) * c + ch] & 0xFF;
            float p11 = pixels[base + (y1 * w + x1) * c + ch] & 0xFF;
            float top = p00 + (p01 - p00) * ax;
            float bottom = p10 + (p11 - p10) * ax;
            out[o + ch] = (top + (bottom - top) * ay) / 255f;
          }
        }
      }
    });
    return new Tensor(count, size, size, c, out);
  }
}
