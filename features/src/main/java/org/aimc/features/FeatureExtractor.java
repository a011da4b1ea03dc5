package org.aimc.features;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.aimc.datasets.ColourImages;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.PretrainedModels;

/**
 * A frozen, digitally pretrained backbone turning colour images into feature vectors: each image
 * is scaled to pixels/255, resized bilinearly to {@code inputSize} square (as nsfwjs feeds its
 * models), run through the backbone up to the tap layers, and each tap's output averaged over all
 * positions (a global mean, in place of the saved model's fixed-size average pooling).
 */
public final class FeatureExtractor {
  /**
   * The backbones aimc ships, with their default tap and input size. MobileNetV2's default is from
   * the measured table in docs/DATA.md ({@code aimc features table}, 3 taps × 32/64/96 px on all 50,000
   * training images): block_13_expand_relu at 64 px validates 5.9 points above the best 32 px tap
   * and 0.9 below 96 px at less than half 96 px's cost, and extracts all 60,000 images in a few
   * minutes on 2 cores (18.0 MMAC per image).
   */
  public enum Kind {
    MOBILENET_V2("mobilenet_v2", "block_13_expand_relu", 64, 224),
    INCEPTION_V3("inception_v3", "mixed10", 299, 299);

    public final String id;
    public final String defaultTap;
    public final int defaultInputSize;
    public final int trainedInputSize;

    Kind(String id, String defaultTap, int defaultInputSize, int trainedInputSize) {
      this.id = id;
      this.defaultTap = defaultTap;
      this.defaultInputSize = defaultInputSize;
      this.trainedInputSize = trainedInputSize;
    }

    public static Kind byId(String id) {
      for (Kind k : values()) if (k.id.equalsIgnoreCase(id.trim())) return k;
      throw new IllegalArgumentException("unknown backbone '" + id + "'; allowed: mobilenet_v2, inception_v3");
    }
  }

  public static final String NORMALISATION = "pixels/255, bilinear resize (alignCorners=true) to the input size, global mean of the tap's output";

  private final Kind kind;
  private final Backbone net;

  private FeatureExtractor(Kind kind, Backbone net) {
    this.kind = kind;
    this.net = net;
  }

  /** Loads a backbone, fetching {@code nsfwjs} on first use. */
  public static FeatureExtractor load(DataHome home, Kind kind, Consumer<String> progress) {
    return of(kind, PretrainedModels.backbone(home, kind.id, progress));
  }

  /** Loads a backbone from a folder holding its {@code model.min.js} and shards. */
  public static FeatureExtractor of(Kind kind, Path dir) {
    return new FeatureExtractor(kind, Backbone.load(kind.id, dir));
  }

  public Kind kind() {
    return kind;
  }

  /** Feature dimension of a tap. */
  public int dim(String tap) {
    return net.channels(tap);
  }

  /** Layer names a tap may name. */
  public List<String> layers() {
    return net.layerNames();
  }

  /** Checks taps and size before any work; the message lists what is allowed. */
  public void check(List<String> taps, int inputSize) {
    if (taps.isEmpty()) throw new IllegalArgumentException("--tap: name at least one layer");
    for (String t : taps) {
      if (net.layerNames().contains(t)) continue;
      String why;
      try {
        why = net.whyNotTappable(t);
      } catch (IllegalArgumentException unknown) {
        why = null;
      }
      if (why != null) throw new IllegalArgumentException("--tap " + t + ": " + why);
      throw new IllegalArgumentException(String.format(Locale.ROOT, "--tap %s: backbone %s has no such layer; e.g. %s (all: aimc features layers %s)",
            t, kind.id, kind.defaultTap, kind.id));
    }
    if (inputSize < 32 || inputSize > 512)
      throw new IllegalArgumentException("--input-size " + inputSize + ": must be 32..512 pixels (" + kind.id + " was trained at " + kind.trainedInputSize + ")");
  }

  /**
   * Features of every image for every tap: {@code count × dim(tap)} floats each.
   *
   * @param batch images per forward pass
   * @param progress hears the number of images done after every batch
   */
  public Map<String, float[]> extract(ColourImages images, List<String> taps, int inputSize, int batch, LongConsumer progress) {
    check(taps, inputSize);
    Map<String, float[]> out = new LinkedHashMap<>();
    for (String t : taps) out.put(t, new float[images.count() * dim(t)]);
    for (int first = 0; first < images.count(); first += batch) {
      int n = Math.min(batch, images.count() - first);
      Tensor x = Kernels.resizeBilinear(images.pixels(), first, n, images.height(), images.width(), inputSize);
      Map<String, float[]> f = net.forward(x, new ArrayList<>(taps));
      for (String t : taps) System.arraycopy(f.get(t), 0, out.get(t), first * dim(t), n * dim(t));
      progress.accept(first + n);
    }
    return out;
  }

  /**
   * An sgemm of {@code m × 512 × 512}, {@code m} chosen so that it does about {@code macs}
   * multiply–accumulates, through the BLAS the convolutions use: the yardstick {@code aimc bench
   * features} times the extractor against, in the same run.
   *
   * @return the sgemm, and its exact multiply–accumulates
   */
  public static Map.Entry<Runnable, Long> sgemmOfMacs(long macs) {
    int k = 512;
    int n = 512;
    int m = (int) Math.max(1, macs / ((long) k * n));
    java.util.SplittableRandom r = new java.util.SplittableRandom(1);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    for (int i = 0; i < a.length; i++) a[i] = (float) r.nextDouble();
    for (int i = 0; i < b.length; i++) b[i] = (float) r.nextDouble();
    return Map.entry(() -> Kernels.sgemm(a, b, m, k, n), (long) m * k * n);
  }

  /** Multiply–accumulates of one image up to the last tap at an input size (convolutions only), for speed reports. */
  public long macsPerImage(List<String> taps, int inputSize) {
    return net.macs(taps, inputSize);
  }
}
