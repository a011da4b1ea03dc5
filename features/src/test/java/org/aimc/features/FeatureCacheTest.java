package org.aimc.features;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aimc.datasets.FeatureFolder;
import org.aimc.datasets.PretrainedModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 31: a cached extraction is reused only if the extractor's code and normalisation that made it are today's. */
class FeatureCacheTest {
  @TempDir Path dir;

  private void provenance(String code, String normalisation) throws Exception {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("dataChecksums", Map.of("data_batch_1.bin", "abc"));
    p.put("backbone", "mobilenet_v2");
    p.put("packageSha256", PretrainedModels.TARBALL_SHA256);
    p.put("inputSizePx", 64);
    p.put("tap", "block_13_expand_relu");
    p.put("normalisation", normalisation);
    p.put("extractorCode", code);
    FeatureCache.JSON.writeValue(dir.resolve(FeatureCache.PROVENANCE).toFile(), p);
  }

  @Test
  void theCacheKeyHoldsTheExtractorsCodeAndNormalisation() throws Exception {
    for (String f : FeatureFolder.FILES) Files.write(dir.resolve(f), new byte[0]);
    FeatureCache.Key key = new FeatureCache.Key("cifar10", Map.of("data_batch_1.bin", "abc"), FeatureExtractor.Kind.MOBILENET_V2, 64,
        "block_13_expand_relu");
    provenance(FeatureCache.EXTRACTOR_CODE, FeatureExtractor.NORMALISATION);
    assertTrue(FeatureCache.valid(dir, key), "made by today's code: reused");
    provenance("0123456789abcdef", FeatureExtractor.NORMALISATION);
    assertFalse(FeatureCache.valid(dir, key), "made by other extractor code: extracted again");
    provenance(FeatureCache.EXTRACTOR_CODE, "pixels/127.5 - 1");
    assertFalse(FeatureCache.valid(dir, key), "made with another normalisation: extracted again");
    assertEquals(16, FeatureCache.EXTRACTOR_CODE.length());
    assertNotEquals(FeatureCache.codeHash(Kernels.class), FeatureCache.codeHash(Kernels.class, Backbone.class), "every class counts");
  }
}
