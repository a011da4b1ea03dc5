package org.aimc.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny model written as nsfwjs ships its models (UMD-wrapped JavaScript literals, base64 shards,
 * uint8 and float32 weights): conv 3×3 stride 2 → BN → ReLU6 → depthwise → BN → ReLU6 → 1×1 conv
 * → BN, a residual Add. The extractor's output is compared with the same network run layer by
 * layer, unfolded, with the naive kernels.
 */
class BackboneTest {
  @TempDir Path dir;

  private static final String TOPOLOGY = "{modelTopology:{model_config:{class_name:\"Model\",config:{layers:["
      + "{name:\"input_1\",class_name:\"InputLayer\",config:{sparse:!1},inbound_nodes:[]},"
      + "{name:\"pad\",class_name:\"ZeroPadding2D\",config:{padding:[[0,1],[0,1]]},inbound_nodes:[[[\"input_1\",0,0,{}]]]},"
      + "{name:\"c1\",class_name:\"Conv2D\",config:{filters:4,kernel_size:[3,3],strides:[2,2],padding:\"valid\",activation:\"linear\",use_bias:!1},inbound_nodes:[[[\"pad\",0,0,{}]]]},"
      + "{name:\"c1_BN\",class_name:\"BatchNormalization\",config:{epsilon:.001,scale:!0},inbound_nodes:[[[\"c1\",0,0,{}]]]},"
      + "{name:\"c1_relu\",class_name:\"ReLU\",config:{max_value:6,negative_slope:0,threshold:0},inbound_nodes:[[[\"c1_BN\",0,0,{}]]]},"
      + "{name:\"dw\",class_name:\"DepthwiseConv2D\",config:{kernel_size:[3,3],strides:[1,1],padding:\"same\",activation:\"linear\",use_bias:!1},inbound_nodes:[[[\"c1_relu\",0,0,{}]]]},"
      + "{name:\"dw_BN\",class_name:\"BatchNormalization\",config:{epsilon:.001},inbound_nodes:[[[\"dw\",0,0,{}]]]},"
      + "{name:\"dw_relu\",class_name:\"ReLU\",config:{max_value:6},inbound_nodes:[[[\"dw_BN\",0,0,{}]]]},"
      + "{name:\"pw\",class_name:\"Conv2D\",config:{filters:4,kernel_size:[1,1],strides:[1,1],padding:\"same\",activation:\"linear\",use_bias:!1},inbound_nodes:[[[\"dw_relu\",0,0,{}]]]},"
      + "{name:\"pw_BN\",class_name:\"BatchNormalization\",config:{epsilon:.001},inbound_nodes:[[[\"pw\",0,0,{}]]]},"
      + "{name:\"add\",class_name:\"Add\",config:{},inbound_nodes:[[[\"c1_relu\",0,0,{}],[\"pw_BN\",0,0,{}]]]}"
      + "]}}},weightsManifest:[{paths:[\"group1-shard1of1\"],weights:[%s]}]}";

  private final StringBuilder manifest = new StringBuilder();
  private final java.io.ByteArrayOutputStream shard = new java.io.ByteArrayOutputStream();
  private final java.util.SplittableRandom rng = new java.util.SplittableRandom(42);

  /** Adds a uint8-quantised tensor; returns the dequantised values the model will hold. */
  private float[] quantised(String name, int[] shape, double min, double scale) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      int q = rng.nextInt(256);
      shard.write(q);
      v[i] = (float) (min + scale * q);
    }
    entry(name, shape, String.format(java.util.Locale.ROOT, ",quantization:{min:%s,scale:%s,dtype:\"uint8\"}", js(min), js(scale)));
    return v;
  }

  /** JavaScript's minified number form: -.5 and .25, as the real files have them. */
  private static String js(double v) {
    String s = Double.toString(v);
    return s.replace("-0.", "-.").replaceFirst("^0\\.", ".");
  }

  private float[] plain(String name, int[] shape) {
    int n = 1;
    for (int d : shape) n *= d;
    float[] v = new float[n];
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) b.putFloat(v[i] = (float) (rng.nextDouble() - 0.5));
    shard.writeBytes(b.array());
    entry(name, shape, "");
    return v;
  }

  private void entry(String name, int[] shape, String extra) {
    if (manifest.length() > 0) manifest.append(',');
    manifest.append("{name:\"").append(name).append("\",shape:").append(java.util.Arrays.toString(shape).replace(" ", ""))
        .append(",dtype:\"float32\"").append(extra).append('}');
  }

  private float[][] bn(String layer, int c) {
    return new float[][] {quantised(layer + "/gamma", new int[] {c}, 0.5, 0.004), quantised(layer + "/beta", new int[] {c}, -.5, 0.004),
        quantised(layer + "/moving_mean", new int[] {c}, -.2, 0.002), quantised(layer + "/moving_variance", new int[] {c}, 0.1, 0.01)};
  }

  private static void applyBn(float[] x, float[][] p) {
    int c = p[0].length;
    for (int i = 0; i < x.length; i++) {
      int ch = i % c;
      x[i] = (float) ((x[i] - p[2][ch]) / Math.sqrt(p[3][ch] + 1e-3) * p[0][ch] + p[1][ch]);
    }
  }

  private static void relu6(float[] x) {
    for (int i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], 0), 6);
  }

  private void writeModel() throws Exception {
    String model = "!function(e){}({1:[function(e,a,n){a.exports=" + String.format(TOPOLOGY, manifest) + "},{}]},{},[1])(1)});";
    Files.writeString(dir.resolve("model.min.js"), model, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("group1-shard1of1.min.js"),
        "!function(e){}({1:[function(e,h,n){h.exports=\"" + Base64.getEncoder().encodeToString(shard.toByteArray()) + "\"},{}]},{},[1])(1)});");
  }

  @Test
  void foldedNetworkEqualsTheUnfoldedLayerByLayerComputation() throws Exception {
    float[] c1 = quantised("c1/kernel", new int[] {3, 3, 3, 4}, -.5, 0.004);
    float[][] c1bn = bn("c1_BN", 4);
    float[] dw = plain("dw/depthwise_kernel", new int[] {3, 3, 4, 1});
    float[][] dwbn = bn("dw_BN", 4);
    float[] pw = quantised("pw/kernel", new int[] {1, 1, 4, 4}, -.5, 0.004);
    float[][] pwbn = bn("pw_BN", 4);
    writeModel();
    Backbone net = Backbone.load("tiny", dir);
    assertTrue(net.layerNames().containsAll(List.of("c1_relu", "dw_relu", "add")));
    assertTrue(!net.layerNames().contains("c1_BN"), "a BN whose ReLU was fused cannot be tapped (it would give the ReLU's output)");

    for (int size : new int[] {8, 9}) {
      Tensor in = KernelsTest.random(2, size, size, 3, size);
      // Reference: the saved layers one by one, BN unfolded, naive kernels. Odd sizes pad ((1,1),(1,1)).
      Kernels.Pad pad = size % 2 == 0 ? new Kernels.Pad(0, 1, 0, 1) : new Kernels.Pad(1, 1, 1, 1);
      int oh = (size + pad.top() + pad.bottom() - 3) / 2 + 1;
      float[] a = KernelsTest.naiveConv(in, c1, null, 3, 3, 4, 2, pad, oh, oh);
      applyBn(a, c1bn);
      relu6(a);
      Tensor at = new Tensor(2, oh, oh, 4, a);
      float[] b = KernelsTest.naiveDepthwise(at, dw, null, 3, 3, 1, Kernels.Pad.same(oh, oh, 3, 3, 1), oh, oh);
      applyBn(b, dwbn);
      relu6(b);
      float[] c = KernelsTest.naiveConv(new Tensor(2, oh, oh, 4, b), pw, null, 1, 1, 4, 1, Kernels.Pad.NONE, oh, oh);
      applyBn(c, pwbn);
      for (int i = 0; i < c.length; i++) c[i] += a[i];
      float[] expected = Kernels.globalMean(new Tensor(2, oh, oh, 4, c));
      Map<String, float[]> got = net.forward(in, List.of("c1_relu", "add"));
      KernelsTest.close(expected, got.get("add"), 1e-4);
      KernelsTest.close(Kernels.globalMean(at), got.get("c1_relu"), 1e-4);
      assertEquals(4, net.channels("add"));
    }
    assertEquals(4L * 4 * 27 * 4 + 4 * 4 * 9 * 4 + 4 * 4 * 4 * 4, net.macs(List.of("add"), 8));
  }

  @Test
  void unknownTapsAreRefusedWithTheLayerName() throws Exception {
    quantised("c1/kernel", new int[] {3, 3, 3, 4}, -.5, 0.004);
    bn("c1_BN", 4);
    plain("dw/depthwise_kernel", new int[] {3, 3, 4, 1});
    bn("dw_BN", 4);
    quantised("pw/kernel", new int[] {1, 1, 4, 4}, -.5, 0.004);
    bn("pw_BN", 4);
    writeModel();
    Backbone net = Backbone.load("tiny", dir);
    String m = assertThrows(IllegalArgumentException.class, () -> net.forward(KernelsTest.random(1, 8, 8, 3, 1), List.of("nope"))).getMessage();
    assertTrue(m.contains("'nope'"), m);
  }

  /**
   * Issue 31: a convolution whose batch-norm was folded into it without a ReLU (MobileNetV2's
   * block_N_project) no longer has its own output: its name is refused, naming the batch-norm's,
   * instead of returning the batch-norm's output under the convolution's name.
   */
  @Test
  void aConvolutionWithAFoldedBatchNormCannotBeTappedUnderItsOwnName() throws Exception {
    quantised("c1/kernel", new int[] {3, 3, 3, 4}, -.5, 0.004);
    bn("c1_BN", 4);
    plain("dw/depthwise_kernel", new int[] {3, 3, 4, 1});
    bn("dw_BN", 4);
    quantised("pw/kernel", new int[] {1, 1, 4, 4}, -.5, 0.004);
    bn("pw_BN", 4);
    writeModel();
    Backbone net = Backbone.load("tiny", dir);
    assertTrue(net.layerNames().contains("pw_BN") && !net.layerNames().contains("pw"), net.layerNames().toString());
    String m = assertThrows(IllegalArgumentException.class, () -> net.forward(KernelsTest.random(1, 8, 8, 3, 1), List.of("pw"))).getMessage();
    assertTrue(m.contains("layer 'pw' of backbone tiny is computed with 'pw_BN' folded into it") && m.contains("tap 'pw_BN'"), m);
    assertEquals(4, net.forward(KernelsTest.random(1, 8, 8, 3, 1), List.of("pw_BN")).get("pw_BN").length);
  }

  /**
   * Issue 31: folding a batch-norm into a convolution that has a bias scales the bias too (the
   * tiny model's convolutions have none, so a bias left unscaled passed every test): the folded
   * convolution equals the convolution followed by the batch-norm.
   */
  @Test
  void foldingABatchNormScalesTheBias() {
    Tensor in = KernelsTest.random(1, 5, 5, 3, 21);
    float[] w = KernelsTest.randomArray(3 * 3 * 3 * 4, 22);
    float[] b = KernelsTest.randomArray(4, 23);
    float[] scale = {1.7f, -0.6f, 2.5f, 0.3f};
    float[] shift = {0.4f, -1.1f, 0.05f, 2f};
    float[] expected = KernelsTest.naiveConv(in, w, b, 3, 3, 4, 1, Kernels.Pad.NONE, 3, 3);
    for (int i = 0; i < expected.length; i++) expected[i] = expected[i] * scale[i % 4] + shift[i % 4];
    Backbone.Node n = new Backbone.Node("c", "Conv2D", new int[] {0});
    n.w = w.clone();
    n.b = b.clone();
    n.cout = 4;
    Backbone.fold(n, scale, shift);
    KernelsTest.close(expected, KernelsTest.naiveConv(in, n.w, n.b, 3, 3, 4, 1, Kernels.Pad.NONE, 3, 3), 1e-5);
  }
}
