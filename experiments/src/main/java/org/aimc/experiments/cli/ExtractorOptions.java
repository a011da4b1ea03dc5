package org.aimc.experiments.cli;

import org.aimc.experiments.run.FeatureSets;
import picocli.CommandLine.Option;

/** How colour images (cifar10, cifar100:DIR) become features: backbone, input size, tap layer. */
final class ExtractorOptions {
  @Option(names = "--backbone", defaultValue = "mobilenet_v2",
      description = "Frozen feature extractor for cifar10 and cifar100:DIR: mobilenet_v2 (default tap block_13_expand_relu, 64 px: 18.0 MMAC per image) or inception_v3 (mixed10, 299 px: 5,711 MMAC per image, 317× that).")
  String backbone;

  @Option(names = "--input-size", paramLabel = "PX", description = "Images are resized to PX×PX before the backbone (default: the backbone's, see --backbone).")
  Integer inputSize;

  @Option(names = "--tap", paramLabel = "LAYER", description = "Backbone layer whose global mean is the feature vector (default: the backbone's, see --backbone).")
  String tap;

  FeatureSets.Extraction extraction() {
    return FeatureSets.Extraction.of(backbone, inputSize, tap);
  }
}
