package org.aimc.features;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Every kernel against a naive loop that reads the definition off directly. Odd sizes, so edges and tails run. */
class KernelsTest {
  static Tensor random(int n, int h, int w, int c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[n * h * w * c];
    for (int i = 0; i < d.length; i++) d[i] = (float) (r.nextDouble() * 2 - 1);
    return new Tensor(n, h, w, c, d);
  }

  static float[] randomArray(int len, long seed) {
    return random(1, 1, 1, len, seed).data();
  }

  static float at(Tensor t, int b, int y, int x, int c) {
    if (y < 0 || y >= t.h() || x < 0 || x >= t.w()) return 0f;
    return t.data()[((b * t.h() + y) * t.w() + x) * t.c() + c];
  }

  /** out[b,oy,ox,co] = bias[co] + Σ_{dy,dx,ci} in[b, oy·s+dy−top, ox·s+dx−left, ci] · w[dy,dx,ci,co]. */
  static float[] naiveConv(Tensor in, float[] w, float[] bias, int kh, int kw, int cout, int s, Kernels.Pad p, int oh, int ow) {
    float[] out = new float[in.n() * oh * ow * cout];
    for (int b = 0; b < in.n(); b++)
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          for (int co = 0; co < cout; co++) {
            double acc = bias == null ? 0 : bias[co];
            for (int dy = 0; dy < kh; dy++)
              for (int dx = 0; dx < kw; dx++)
                for (int ci = 0; ci < in.c(); ci++)
                  acc += at(in, b, oy * s + dy - p.top(), ox * s + dx - p.left(), ci) * w[((dy * kw + dx) * in.c() + ci) * cout + co];
            out[((b * oh + oy) * ow + ox) * cout + co] = (float) acc;
          }
    return out;
  }

  static float[] naiveDepthwise(Tensor in, float[] w, float[] bias, int kh, int kw, int s, Kernels.Pad p, int oh, int ow) {
    int c = in.c();
    float[] out = new float[in.n() * oh * ow * c];
    for (int b = 0; b < in.n(); b++)
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          for (int ch = 0; ch < c; ch++) {
            double acc = bias == null ? 0 : bias[ch];
            for (int dy = 0; dy < kh; dy++)
              for (int dx = 0; dx < kw; dx++) acc += at(in, b, oy * s + dy - p.top(), ox * s + dx - p.left(), ch) * w[(dy * kw + dx) * c + ch];
            out[((b * oh + oy) * ow + ox) * c + ch] = (float) acc;
          }
    return out;
  }

  static void close(float[] expected, float[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++)
      assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), "element " + i);
  }

  @Test
  void oneByOneConvolutionIsOneSgemmAndMatchesTheNaiveLoop() {
    Tensor in = random(3, 5, 7, 13, 1);
    float[] w = randomArray(13 * 11, 2);
    float[] b = randomArray(11, 3);
    Tensor out = Kernels.conv(in, w, b, 1, 1, 11, 1, Kernels.Pad.NONE);
    close(naiveConv(in, w, b, 1, 1, 11, 1, Kernels.Pad.NONE, 5, 7), out.data(), 1e-5);
  }

  @Test
  void strideTwoThreeByThreeConvolutionWithSamePaddingMatches() {
    for (int size : new int[] {9, 10}) {
      Tensor in = random(2, size, size, 3, 4);
      float[] w = randomArray(3 * 3 * 3 * 5, 5);
      Kernels.Pad p = Kernels.Pad.same(size, size, 3, 3, 2);
      Tensor out = Kernels.conv(in, w, null, 3, 3, 5, 2, p);
      assertEquals((size + 1) / 2, out.h());
      close(naiveConv(in, w, null, 3, 3, 5, 2, p, out.h(), out.w()), out.data(), 1e-5);
    }
  }

  @Test
  void depthwiseMatchesTheNaiveLoopForStrideOneAndTwo() {
    Tensor in = random(3, 7, 6, 17, 6);
    float[] w = randomArray(9 * 17, 7);
    float[] b = randomArray(17, 8);
    for (int s : new int[] {1, 2}) {
      Kernels.Pad p = s == 1 ? Kernels.Pad.same(7, 6, 3, 3, 1) : new Kernels.Pad(1, 1, 0, 1);
      Tensor out = Kernels.depthwise(in, w, b, 3, 3, s, p);
      close(naiveDepthwise(in, w, b, 3, 3, s, p, out.h(), out.w()), out.data(), 1e-6);
    }
  }

  @Test
  void fusedReluSixClampsBothWays() {
    Tensor in = random(1, 2, 2, 3, 9);
    float[] w = randomArray(3 * 4, 10);
    for (int i = 0; i < w.length; i++) w[i] *= 20;
    Tensor plain = Kernels.conv(in, w, null, 1, 1, 4, 1, Kernels.Pad.NONE);
    Tensor fused = Kernels.conv(in, w, null, 1, 1, 4, 1, Kernels.Pad.NONE, 6f);
    for (int i = 0; i < plain.data().length; i++) assertEquals(Math.min(Math.max(plain.data()[i], 0f), 6f), fused.data()[i]);
  }

  @Test
  void poolingConcatAndGlobalMean() {
    Tensor in = random(2, 5, 5, 3, 11);
    Tensor max = Kernels.pool(in, 3, 3, 2, Kernels.Pad.NONE, true);
    assertEquals(2, max.h());
    float m = Float.NEGATIVE_INFINITY;
    for (int y = 2; y < 5; y++) for (int x = 0; x < 3; x++) m = Math.max(m, at(in, 1, y, x, 2));
    assertEquals(m, at(max, 1, 1, 0, 2));
    // "same" average pooling counts only positions inside the image: the corner averages 4 values.
    Tensor avg = Kernels.pool(in, 3, 3, 1, Kernels.Pad.same(5, 5, 3, 3, 1), false);
    assertEquals((at(in, 0, 0, 0, 1) + at(in, 0, 0, 1, 1) + at(in, 0, 1, 0, 1) + at(in, 0, 1, 1, 1)) / 4, at(avg, 0, 0, 0, 1), 1e-6);
    Tensor cat = Kernels.concat(List.of(in, max.h() == 2 ? in : max));
    assertEquals(6, cat.c());
    assertEquals(at(in, 1, 4, 4, 2), at(cat, 1, 4, 4, 5));
    float[] g = Kernels.globalMean(in);
    double sum = 0;
    for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) sum += at(in, 1, y, x, 2);
    assertEquals(sum / 25, g[3 + 2], 1e-6);
  }

  @Test
  void bilinearResizeWithAlignedCornersKeepsTheCornersAndInterpolatesLinearly() {
    // One 2×2 image: a horizontal ramp 0 → 255 in red.
    byte[] px = new byte[2 * 2 * 3];
    px[3] = (byte) 255;
    px[9] = (byte) 255;
    Tensor t = Kernels.resizeBilinear(px, 0, 1, 2, 2, 5);
    for (int x = 0; x < 5; x++) assertEquals(x / 4f, at(t, 0, 2, x, 0), 1e-6);
    assertEquals(0f, at(t, 0, 0, 0, 1));
  }

  /**
   * Bilinear resize with aligned corners, read off its definition for every output pixel of a
   * random, non-square image (issue 31: the old test's image was constant top to bottom, so the
   * vertical half of the interpolation could be broken unseen).
   */
  @Test
  void bilinearResizeMatchesTheDefinitionInBothDirections() {
    int h = 3;
    int w = 4;
    int size = 6;
    SplittableRandom r = new SplittableRandom(12);
    byte[] px = new byte[2 * h * w * 3];
    for (int i = 0; i < px.length; i++) px[i] = (byte) r.nextInt(256);
    Tensor t = Kernels.resizeBilinear(px, 1, 1, h, w, size); // the second image: the offset counts
    for (int y = 0; y < size; y++)
      for (int x = 0; x < size; x++)
        for (int c = 0; c < 3; c++) {
          double sy = y * (h - 1) / (double) (size - 1);
          double sx = x * (w - 1) / (double) (size - 1);
          double v = 0;
          for (int yy = 0; yy < h; yy++)
            for (int xx = 0; xx < w; xx++) {
              double wy = Math.max(0, 1 - Math.abs(sy - yy)); // the tent function: weight of source row yy
              double wx = Math.max(0, 1 - Math.abs(sx - xx));
              v += wy * wx * (px[((h * w) + yy * w + xx) * 3 + c] & 0xFF);
            }
          assertEquals(v / 255.0, at(t, 0, y, x, c), 1e-5, "pixel " + y + "," + x + "," + c);
        }
    // A vertical ramp: each output row is constant, rising linearly from the top row to the bottom.
    byte[] ramp = new byte[2 * 2 * 3];
    ramp[6] = (byte) 255;
    ramp[9] = (byte) 255;
    Tensor v = Kernels.resizeBilinear(ramp, 0, 1, 2, 2, 5);
    for (int y = 0; y < 5; y++) for (int x = 0; x < 5; x++) assertEquals(y / 4f, at(v, 0, y, x, 0), 1e-6);
  }

  /**
   * TensorFlow's "same" padding, from TensorFlow's own table, not from the code under test (issue
   * 31: the convolution test's reference called Kernels.Pad.same itself): out = ceil(in/stride),
   * total = max((out-1)·stride + k - in, 0), the odd pixel at the bottom/right.
   */
  @Test
  void samePaddingIsTensorFlows() {
    int[][] cases = { // in, k, stride, top, bottom
        {9, 3, 2, 1, 1}, {10, 3, 2, 0, 1}, {7, 3, 1, 1, 1}, {6, 3, 1, 1, 1}, {8, 1, 2, 0, 0}, {224, 3, 2, 0, 1}, {7, 5, 1, 2, 2}, {8, 4, 1, 1, 2}};
    for (int[] c : cases) {
      Kernels.Pad p = Kernels.Pad.same(c[0], c[0], c[1], c[1], c[2]);
      assertEquals(new Kernels.Pad(c[3], c[4], c[3], c[4]), p, java.util.Arrays.toString(c));
    }
    // A stride-2 convolution of a 10×10 image with TensorFlow's padding written out: 5×5, pixels read from row 0.
    Tensor in = random(1, 10, 10, 2, 31);
    float[] w = randomArray(3 * 3 * 2 * 3, 32);
    Tensor out = Kernels.conv(in, w, null, 3, 3, 3, 2, Kernels.Pad.same(10, 10, 3, 3, 2));
    close(naiveConv(in, w, null, 3, 3, 3, 2, new Kernels.Pad(0, 1, 0, 1), 5, 5), out.data(), 1e-5);
  }
}
