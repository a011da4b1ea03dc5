package org.aimc.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.aimc.datasets.ColourImages;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.FeatureFolder;
import org.aimc.datasets.Npy;
import org.aimc.datasets.PretrainedModels;

/**
 * Extracted features, cached once per (data set, backbone, input size, tap) as a feature folder
 * ({@code train_x.npy}, {@code train_y.npy}, {@code test_x.npy}, {@code test_y.npy}, the form
 * {@code --dataset features:DIR} reads) with {@code provenance.json} beside them: the data set and
 * its files' checksums, the backbone, the package and its checksum, input size, tap, normalisation,
 * code version, extraction time. {@code provenance.json} is written last, so a folder without it is
 * an interrupted extraction and is redone; a folder whose provenance names other data or another
 * extractor is redone too.
 */
public final class FeatureCache {
  public static final String PROVENANCE = "provenance.json";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FeatureCache() {}

  /**
   * SHA-256 (first 16 hex digits) of the class files of the extractor's code: the backbone, its
   * kernels, the tensor, the model reader and the extractor, nested classes included. Any change to
   * how features are computed changes it, and with it every cache key, without a version to bump by hand.
   */
  public static final String EXTRACTOR_CODE = codeHash(Backbone.class, Kernels.class, Tensor.class, KerasJsModel.class, FeatureExtractor.class);

  static String codeHash(Class<?>... classes) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      java.util.Deque<Class<?>> todo = new java.util.ArrayDeque<>(List.of(classes));
      java.util.TreeMap<String, byte[]> bytes = new java.util.TreeMap<>();
      while (!todo.isEmpty()) {
        Class<?> c = todo.pop();
        if (bytes.containsKey(c.getName())) continue;
        String resource = "/" + c.getName().replace('.', '/') + ".class";
        try (java.io.InputStream in = FeatureCache.class.getResourceAsStream(resource)) {
          if (in == null) throw new IllegalStateException("cannot read " + resource);
          bytes.put(c.getName(), in.readAllBytes());
        }
        todo.addAll(List.of(c.getDeclaredClasses()));
      }
      bytes.forEach((name, b) -> {
        md.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(b);
      });
      return java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot hash the extractor's code: " + e.getMessage(), e);
    }
  }

  /** What one cached folder was made from. */
  public record Key(String dataset, Map<String, String> dataChecksums, FeatureExtractor.Kind backbone, int inputSize, String tap) {}

  /** {@code <data>/features/<dataset>/<backbone>-<size>px/<tap>/}. */
  public static Path folder(DataHome home, String datasetKey, FeatureExtractor.Kind kind, int inputSize, String tap) {
    return home.dir().resolve("features").resolve(datasetKey.replaceAll("[^A-Za-z0-9._-]", "_"))
        .resolve(kind.id + "-" + inputSize + "px").resolve(tap);
  }

  /** Whether {@code dir} holds a complete extraction made from exactly {@code key}. */
  public static boolean valid(Path dir, Key key) {
    Path p = dir.resolve(PROVENANCE);
    if (!Files.isRegularFile(p)) return false;
    for (String f : FeatureFolder.FILES) if (!Files.isRegularFile(dir.resolve(f))) return false;
    try {
      JsonNode j = JSON.readTree(p.toFile());
      // The extractor's own code and its normalisation are part of what made the features: a cache
      // made by other kernels (a fixed resize, padding or batch-norm folding) is extracted again.
      return EXTRACTOR_CODE.equals(j.path("extractorCode").asText()) && FeatureExtractor.NORMALISATION.equals(j.path("normalisation").asText())
          && key.backbone().id.equals(j.path("backbone").asText()) && key.inputSize() == j.path("inputSizePx").asInt()
          && key.tap().equals(j.path("tap").asText()) && PretrainedModels.TARBALL_SHA256.equals(j.path("packageSha256").asText())
          && JSON.convertValue(key.dataChecksums(), JsonNode.class).equals(j.path("dataChecksums"));
    } catch (IOException e) {
      return false;
    }
  }

  /** A finished extraction: each tap's folder, and how long the one pass took (0 when all were cached). */
  public record Result(Map<String, Path> folders, double extractionSeconds, long images) {}

  /**
   * Returns the feature folder of every tap, extracting in one pass (all taps at once) those that
   * are not cached.
   *
   * @param images supplies the images, called only when something must be extracted
   * @param codeVersion recorded in the provenance
   * @param progress hears images done out of train + test
   */
  public static Result ensure(DataHome home, String datasetKey, Map<String, String> dataChecksums, Supplier<ColourImages.Split> images,
                              FeatureExtractor extractor, int inputSize, List<String> taps, int batch, String codeVersion, LongConsumer progress) {
    extractor.check(taps, inputSize);
    Map<String, Path> folders = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String t : taps) {
      Path dir = folder(home, datasetKey, extractor.kind(), inputSize, t);
      folders.put(t, dir);
      if (!valid(dir, new Key(datasetKey, dataChecksums, extractor.kind(), inputSize, t))) missing.add(t);
    }
    if (missing.isEmpty()) return new Result(folders, 0, 0);
    ColourImages.Split split = images.get();
    int trainCount = split.train().count();
    long start = System.nanoTime();
    Map<String, float[]> train = extractor.extract(split.train(), missing, inputSize, batch, progress);
    Map<String, float[]> test = extractor.extract(split.test(), missing, inputSize, batch, done -> progress.accept(trainCount + done));
    double seconds = (System.nanoTime() - start) / 1e9;
    long count = trainCount + split.test().count();
    for (String t : missing) {
      Path dir = folders.get(t);
      int dim = extractor.dim(t);
      try {
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve(PROVENANCE));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
      }
      Npy.writeFloat32(dir.resolve(FeatureFolder.FILES[0]), train.get(t), trainCount, dim);
      Npy.writeInt32(dir.resolve(FeatureFolder.FILES[1]), ints(split.train().labels()));
      Npy.writeFloat32(dir.resolve(FeatureFolder.FILES[2]), test.get(t), split.test().count(), dim);
      Npy.writeInt32(dir.resolve(FeatureFolder.FILES[3]), ints(split.test().labels()));
      Map<String, Object> prov = new LinkedHashMap<>();
      prov.put("dataset", datasetKey);
      prov.put("dataChecksums", dataChecksums);
      prov.put("backbone", extractor.kind().id);
      prov.put("package", PretrainedModels.NPM_SPEC);
      prov.put("packageSha256", PretrainedModels.TARBALL_SHA256);
      prov.put("weights", "Keras-applications " + extractor.kind().id + ", ImageNet-initialised, fine-tuned by the nsfwjs publishers on a 5-class image-moderation task; uint8-quantised per tensor");
      prov.put("inputSizePx", inputSize);
      prov.put("tap", t);
      prov.put("dim", dim);
      prov.put("normalisation", FeatureExtractor.NORMALISATION);
      prov.put("extractorCode", EXTRACTOR_CODE);
      prov.put("trainImages", trainCount);
      prov.put("testImages", split.test().count());
      prov.put("tapsInThePass", missing);
      prov.put("extractionSeconds", round(seconds));
      prov.put("imagesPerSecond", round(count / seconds));
      prov.put("macsPerImage", extractor.macsPerImage(missing, inputSize));
      prov.put("cpus", Runtime.getRuntime().availableProcessors());
      prov.put("java", System.getProperty("java.version"));
      prov.put("osArch", System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
      prov.put("codeVersion", codeVersion);
      prov.put("created", Instant.now().toString());
      writeJson(dir.resolve(PROVENANCE), prov);
    }
    return new Result(folders, seconds, count);
  }

  /** The provenance of a cached folder, for a run's result. */
  public static Map<String, Object> provenance(Path dir) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = JSON.readValue(dir.resolve(PROVENANCE).toFile(), Map.class);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(PROVENANCE) + ": " + e.getMessage(), e);
    }
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
  }

  private static int[] ints(byte[] labels) {
    int[] out = new int[labels.length];
    for (int i = 0; i < out.length; i++) out[i] = labels[i];
    return out;
  }

  private static void writeJson(Path file, Object value) {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), value);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
