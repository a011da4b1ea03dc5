package org.aimc.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A frozen convolutional network, ready for batched NHWC inference up to chosen tap layers. Built
 * from a {@link KerasJsModel}: weights dequantised, every batch normalisation that follows a
 * bias-free convolution folded into it ({@code w·γ/√(σ²+ε)}, bias {@code β − μ·γ/√(σ²+ε)}), so a
 * block runs as convolution, bias, activation. Layers: Conv2D, DepthwiseConv2D, BatchNormalization,
 * ReLU (with max value), Activation relu, ZeroPadding2D, Add, Concatenate, Max/AveragePooling2D.
 *
 * <p>Keras-applications MobileNetV2 pads before each stride-2 depthwise convolution with
 * {@code correct_pad}, which the saved model froze at 224 px as ((0,1),(0,1)); that is only right
 * for even sizes, so a saved ((0,1),(0,1)) becomes ((1,1),(1,1)) wherever the map is odd, as
 * {@code correct_pad} would have made it.
 */
public final class Backbone {
  /** One layer after folding; {@code inputs} index earlier nodes. */
  static final class Node {
    final String name;
    final String type;
    final int[] inputs;
    float[] w;
    float[] b;
    int kh = 1;
    int kw = 1;
    int stride = 1;
    int cout;
    boolean same;
    Kernels.Pad pad = Kernels.Pad.NONE;
    float cap = Float.POSITIVE_INFINITY;
    String activation = "linear";
    /** The ReLU layer fused into this convolution, whose name now refers to this node. */
    String fusedInto;
    float[] scale;
    float[] shift;

    Node(String name, String type, int[] inputs) {
      this.name = name;
      this.type = type;
      this.inputs = inputs;
    }
  }

  final String name;
  final List<Node> nodes;
  private final Map<String, Integer> byName;

  private Backbone(String name, List<Node> nodes, Map<String, Integer> byName) {
    this.name = name;
    this.nodes = nodes;
    this.byName = byName;
  }

  /** Reads a backbone folder ({@code model.min.js} and shards). */
  public static Backbone load(String name, Path dir) {
    return of(name, KerasJsModel.read(dir));
  }

  /** The names of the layers a tap may name, in order. */
  public List<String> layerNames() {
    List<String> out = new ArrayList<>(byName.keySet());
    // A name that now stands for a convolution with a fused ReLU means the ReLU's output: only the ReLU's own name may be tapped.
    out.removeIf(n -> {
      Node node = nodes.get(byName.get(n));
      return node.type.equals("InputLayer") || node.type.startsWith("Unsupported:") || (node.fusedInto != null && !node.fusedInto.equals(n));
    });
    return out;
  }

  /** Channels of a layer's output. */
  public int channels(String layer) {
    Node n = node(layer);
    return switch (n.type) {
      case "Conv2D" -> n.cout;
      case "InputLayer" -> 3;
      case "DepthwiseConv2D" -> n.b.length;
      case "Concatenate" -> {
        int c = 0;
        for (int i : n.inputs) c += channels(nodes.get(i).name);
        yield c;
      }
      default -> channels(nodes.get(n.inputs[0]).name);
    };
  }

  Node node(String layer) {
    Integer i = byName.get(layer);
    if (i == null) throw new IllegalArgumentException("backbone " + name + " has no layer '" + layer + "'");
    return nodes.get(i);
  }

  /**
   * Why {@code layer} cannot be tapped, or null if it can: a layer whose batch-norm or ReLU was
   * folded into it no longer has its own output (the folded one would be returned under its name).
   */
  String whyNotTappable(String layer) {
    Node n = node(layer);
    if (n.fusedInto != null && !n.fusedInto.equals(layer))
      return "layer '" + layer + "' of backbone " + name + " is computed with '" + n.fusedInto + "' folded into it, so its own output is not"
          + " kept; tap '" + n.fusedInto + "' (the folded output) instead";
    if (!layerNames().contains(layer)) return "layer '" + layer + "' of backbone " + name + " cannot be tapped";
    return null;
  }

  static Backbone of(String name, KerasJsModel m) {
    Map<String, Integer> byName = new LinkedHashMap<>();
    List<Node> nodes = new ArrayList<>();
    Map<String, Integer> consumers = new HashMap<>();
    for (KerasJsModel.Layer l : m.layers) for (String in : l.inputs()) consumers.merge(in, 1, Integer::sum);
    for (KerasJsModel.Layer l : m.layers) {
      int[] in = new int[l.inputs().size()];
      for (int i = 0; i < in.length; i++) {
        Integer idx = byName.get(l.inputs().get(i));
        if (idx == null) throw new IllegalArgumentException(name + ": layer " + l.name() + " reads '" + l.inputs().get(i) + "', defined after it");
        in[i] = idx;
      }
      JsonNode c = l.config();
      if (l.type().equals("BatchNormalization") && in.length == 1) {
        Node prev = nodes.get(in[0]);
        double eps = c.path("epsilon").asDouble(1e-3);
        float[][] st = bnScaleShift(m, l.name(), eps);
        boolean foldable = (prev.type.equals("Conv2D") || prev.type.equals("DepthwiseConv2D")) && prev.activation.equals("linear")
            && consumers.getOrDefault(prev.name, 0) == 1;
        if (foldable) {
          fold(prev, st[0], st[1]);
          // The convolution's output is now the batch-norm's: its own name (block_N_project) can no longer be tapped.
          prev.fusedInto = l.name();
          byName.put(l.name(), in[0]);
          consumers.put(prev.name, consumers.getOrDefault(l.name(), 0));
          continue;
        }
        Node n = new Node(l.name(), "Affine", in);
        n.scale = st[0];
        n.shift = st[1];
        add(nodes, byName, n);
        continue;
      }
      if ((l.type().equals("ReLU") || l.type().equals("Activation")) && in.length == 1) {
        // A ReLU that is a convolution's only reader runs inside the convolution's bias pass.
        Node prev = nodes.get(in[0]);
        boolean plain = c.path("negative_slope").asDouble(0) == 0 && c.path("threshold").asDouble(0) == 0
            && (l.type().equals("ReLU") || c.path("activation").asText().equals("relu"));
        if (plain && (prev.type.equals("Conv2D") || prev.type.equals("DepthwiseConv2D")) && prev.activation.equals("linear")
            && consumers.getOrDefault(prev.name, 0) == 1) {
          prev.activation = "relu";
          prev.cap = c.path("max_value").isNumber() ? (float) c.path("max_value").asDouble() : Float.POSITIVE_INFINITY;
          prev.fusedInto = l.name();
          byName.put(l.name(), in[0]);
          continue;
        }
      }
      Node n = new Node(l.name(), l.type(), in);
      switch (l.type()) {
        case "InputLayer", "Add", "Concatenate" -> { }
        case "Conv2D", "DepthwiseConv2D" -> {
          boolean dw = l.type().equals("DepthwiseConv2D");
          String key = l.name() + (dw ? "/depthwise_kernel" : "/kernel");
          int[] shape = m.shapes.get(key);
          if (shape == null) throw new IllegalArgumentException(name + ": no weights " + key);
          n.kh = shape[0];
          n.kw = shape[1];
          n.w = m.weights.get(key);
          if (dw && shape[3] != 1) throw new IllegalArgumentException(name + ": " + l.name() + " has depth multiplier " + shape[3] + "; only 1 is supported");
          n.cout = dw ? shape[2] : shape[3];
          n.b = m.weights.containsKey(l.name() + "/bias") ? m.weights.get(l.name() + "/bias").clone() : new float[n.cout];
          n.stride = stride(c, l.name());
          n.same = c.path("padding").asText().equals("same");
          n.activation = c.path("activation").asText("linear");
          if (!n.activation.equals("linear") && !n.activation.equals("relu"))
            throw new IllegalArgumentException(name + ": " + l.name() + " activation " + n.activation + " is not supported");
        }
        case "ReLU" -> {
          n.cap = c.path("max_value").isNumber() ? (float) c.path("max_value").asDouble() : Float.POSITIVE_INFINITY;
          if (c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0)
            throw new IllegalArgumentException(name + ": " + l.name() + " is a leaky or thresholded ReLU; not supported");
        }
        case "Activation" -> {
          if (!c.path("activation").asText().equals("relu"))
            throw new IllegalArgumentException(name + ": " + l.name() + " activation " + c.path("activation").asText() + " is not supported");
          n.cap = Float.POSITIVE_INFINITY;
        }
        case "ZeroPadding2D" -> {
          JsonNode p = c.path("padding");
          n.pad = new Kernels.Pad(p.get(0).get(0).asInt(), p.get(0).get(1).asInt(), p.get(1).get(0).asInt(), p.get(1).get(1).asInt());
        }
        case "MaxPooling2D", "AveragePooling2D" -> {
          n.kh = c.path("pool_size").get(0).asInt();
          n.kw = c.path("pool_size").get(1).asInt();
          n.stride = stride(c, l.name());
          n.same = c.path("padding").asText().equals("same");
        }
        default -> n = new Node(l.name(), "Unsupported:" + l.type(), in);
      }
      add(nodes, byName, n);
    }
    return new Backbone(name, List.copyOf(nodes), byName);
  }

  private static void add(List<Node> nodes, Map<String, Integer> byName, Node n) {
    byName.put(n.name, nodes.size());
    nodes.add(n);
  }

  private static int stride(JsonNode c, String layer) {
    JsonNode s = c.path("strides");
    if (s.get(0).asInt() != s.get(1).asInt()) throw new IllegalArgumentException(layer + ": unequal strides are not supported");
    return s.get(0).asInt();
  }

  /** γ/√(σ²+ε) and β − μ·γ/√(σ²+ε); γ is 1 and β 0 where the layer has none. */
  static float[][] bnScaleShift(KerasJsModel m, String layer, double eps) {
    float[] mean = m.weights.get(layer + "/moving_mean");
    float[] var = m.weights.get(layer + "/moving_variance");
    if (mean == null || var == null) throw new IllegalArgumentException(layer + ": no moving mean or variance");
    float[] gamma = m.weights.get(layer + "/gamma");
    float[] beta = m.weights.get(layer + "/beta");
    float[] scale = new float[mean.length];
    float[] shift = new float[mean.length];
    for (int i = 0; i < mean.length; i++) {
      double s = (gamma == null ? 1 : gamma[i]) / Math.sqrt(var[i] + eps);
      scale[i] = (float) s;
      shift[i] = (float) ((beta == null ? 0 : beta[i]) - mean[i] * s);
    }
    return new float[][] {scale, shift};
  }

  /** Folds a per-output-channel affine map into a convolution (the channel is the kernel's last axis). */
  static void fold(Node conv, float[] scale, float[] shift) {
    int c = scale.length;
    if (conv.w.length % c != 0 || conv.b.length != c) throw new IllegalArgumentException(conv.name + ": batch normalisation of " + c + " channels does not fit");
    for (int i = 0; i < conv.w.length; i++) conv.w[i] *= scale[i % c];
    for (int i = 0; i < c; i++) conv.b[i] = conv.b[i] * scale[i] + shift[i];
  }

  /**
   * Runs a batch up to the taps and returns the global mean of each tap's output ({@code n × channels}).
   *
   * @param input NHWC images, values as the backbone expects them (pixels/255)
   */
  Map<String, float[]> forward(Tensor input, List<String> taps) {
    for (String t : taps) {
      String why = whyNotTappable(t);
      if (why != null) throw new IllegalArgumentException(why);
    }
    int[] lastUse = new int[nodes.size()];
    Set<Integer> needed = needed(taps);
    int last = 0;
    for (String t : taps) last = Math.max(last, byName.get(t));
    for (int i = 0; i <= last; i++) if (needed.contains(i)) for (int j : nodes.get(i).inputs) lastUse[j] = i;
    Set<Integer> tapIdx = new HashSet<>();
    for (String t : taps) tapIdx.add(byName.get(t));
    Tensor[] out = new Tensor[nodes.size()];
    Map<String, float[]> result = new LinkedHashMap<>();
    for (int i = 0; i <= last; i++) {
      if (!needed.contains(i)) continue;
      Node n = nodes.get(i);
      Tensor[] in = n.type.equals("InputLayer") ? new Tensor[] {input} : inputs(out, n);
      boolean inPlace = n.type.equals("ReLU") || n.type.equals("Activation");
      if (inPlace && (lastUse[n.inputs[0]] != i || tapIdx.contains(n.inputs[0])))
        in[0] = new Tensor(in[0].n(), in[0].h(), in[0].w(), in[0].c(), in[0].data().clone());
      out[i] = run(n, in);
      for (int j : n.inputs) if (lastUse[j] == i && !tapIdx.contains(j)) out[j] = null;
    }
    for (String t : taps) result.put(t, Kernels.globalMean(out[byName.get(t)]));
    return result;
  }

  /** Multiply–accumulates of the convolutions one image needs up to the taps, by shape inference. */
  long macs(List<String> taps, int size) {
    Set<Integer> needed = needed(taps);
    int[][] shape = new int[nodes.size()][];
    long macs = 0;
    for (int i = 0; i < nodes.size(); i++) {
      if (!needed.contains(i)) continue;
      Node n = nodes.get(i);
      int[] x = n.inputs.length == 0 ? new int[] {size, size, 3} : shape[n.inputs[0]];
      switch (n.type) {
        case "Conv2D", "DepthwiseConv2D", "MaxPooling2D", "AveragePooling2D" -> {
          Kernels.Pad p = n.same ? Kernels.Pad.same(x[0], x[1], n.kh, n.kw, n.stride) : Kernels.Pad.NONE;
          int oh = p.outH(x[0], n.kh, n.stride);
          int ow = p.outW(x[1], n.kw, n.stride);
          int c = n.type.equals("Conv2D") ? n.cout : x[2];
          if (n.type.equals("Conv2D")) macs += (long) oh * ow * n.kh * n.kw * x[2] * n.cout;
          if (n.type.equals("DepthwiseConv2D")) macs += (long) oh * ow * n.kh * n.kw * x[2];
          shape[i] = new int[] {oh, ow, c};
        }
        case "ZeroPadding2D" -> {
          Kernels.Pad p = zeroPad(n.pad, x[0], x[1]);
          shape[i] = new int[] {x[0] + p.top() + p.bottom(), x[1] + p.left() + p.right(), x[2]};
        }
        case "Concatenate" -> {
          int c = 0;
          for (int j : n.inputs) c += shape[j][2];
          shape[i] = new int[] {x[0], x[1], c};
        }
        default -> shape[i] = x;
      }
    }
    return macs;
  }

  private static Tensor[] inputs(Tensor[] out, Node n) {
    Tensor[] t = new Tensor[n.inputs.length];
    for (int k = 0; k < t.length; k++) t[k] = out[n.inputs[k]];
    return t;
  }

  private Set<Integer> needed(List<String> taps) {
    Set<Integer> seen = new HashSet<>();
    List<Integer> stack = new ArrayList<>();
    for (String t : taps) stack.add(node(t) == null ? -1 : byName.get(t));
    while (!stack.isEmpty()) {
      int i = stack.remove(stack.size() - 1);
      if (!seen.add(i)) continue;
      Node n = nodes.get(i);
      if (n.type.startsWith("Unsupported:"))
        throw new IllegalArgumentException("layer " + n.name + " (" + n.type.substring(12) + ") is not supported by the extractor; tap an earlier layer");
      for (int j : n.inputs) stack.add(j);
    }
    return seen;
  }

  /** The saved padding, except that MobileNetV2's ((0,1),(0,1)) becomes ((1,1),(1,1)) along an odd side (Keras' correct_pad). */
  static Kernels.Pad zeroPad(Kernels.Pad saved, int h, int w) {
    if (!saved.equals(new Kernels.Pad(0, 1, 0, 1))) return saved;
    return new Kernels.Pad(h % 2, 1, w % 2, 1);
  }

  private static Tensor run(Node n, Tensor[] in) {
    Tensor x = in[0];
    switch (n.type) {
      case "InputLayer":
        return x;
      case "Conv2D": {
        Kernels.Pad p = n.same ? Kernels.Pad.same(x.h(), x.w(), n.kh, n.kw, n.stride) : Kernels.Pad.NONE;
        return Kernels.conv(x, n.w, n.b, n.kh, n.kw, n.cout, n.stride, p, n.activation.equals("relu") ? n.cap : Float.NaN);
      }
      case "DepthwiseConv2D": {
        Kernels.Pad p = n.same ? Kernels.Pad.same(x.h(), x.w(), n.kh, n.kw, n.stride) : Kernels.Pad.NONE;
        Tensor y = Kernels.depthwise(x, n.w, n.b, n.kh, n.kw, n.stride, p);
        if (n.activation.equals("relu")) Kernels.relu(y.data(), n.cap);
        return y;
      }
      case "Affine": {
        float[] d = x.data().clone();
        Kernels.affine(d, n.scale, n.shift);
        return new Tensor(x.n(), x.h(), x.w(), x.c(), d);
      }
      case "ReLU":
      case "Activation": {
        // In place: forward() hands a copy where anything else still reads the input.
        Kernels.relu(x.data(), n.cap);
        return x;
      }
      case "ZeroPadding2D": {
        return Kernels.zeroPad(x, zeroPad(n.pad, x.h(), x.w()));
      }
      case "Add":
        return Kernels.add(in[0], in[1]);
      case "Concatenate":
        return Kernels.concat(List.of(in));
      case "MaxPooling2D":
      case "AveragePooling2D": {
        Kernels.Pad p = n.same ? Kernels.Pad.same(x.h(), x.w(), n.kh, n.kw, n.stride) : Kernels.Pad.NONE;
        return Kernels.pool(x, n.kh, n.kw, n.stride, p, n.type.equals("MaxPooling2D"));
      }
      default:
        throw new IllegalArgumentException("layer " + n.name + " (" + n.type + ") is not supported");
    }
  }
}
