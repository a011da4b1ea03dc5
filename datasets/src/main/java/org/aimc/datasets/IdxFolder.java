package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Any folder of MNIST-format IDX files ({@code --dataset idx:DIR}), e.g. Fashion-MNIST or
 * Kuzushiji-MNIST: one file each whose name contains "train" and "images", "train" and "labels",
 * "t10k" or "test" and "images", "t10k" or "test" and "labels" (uncompressed, unsigned-byte IDX).
 * The class count is the largest label plus one. Read by the same strict {@link IdxReader} as MNIST.
 */
public final class IdxFolder {
  public static final String PREFIX = "idx:";

  private IdxFolder() {}

  public static String describe() {
    return "idx:DIR — MNIST-format IDX files: *train*images*, *train*labels*, *t10k*|*test* images and labels (uncompressed)";
  }

  /** The four files, in the order training images, training labels, test images, test labels. */
  public static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) throw new IllegalArgumentException(PREFIX + dir + ": no such folder; give a folder of IDX files");
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(Files::isRegularFile).sorted().forEach(all::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    List<Path> out = new ArrayList<>();
    for (String[] want : new String[][] {{"train", "images"}, {"train", "labels"}, {"test", "images"}, {"test", "labels"}}) {
      List<Path> hits = new ArrayList<>();
      for (Path p : all) {
        String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith(".gz")) continue;
        boolean split = want[0].equals("train") ? n.contains("train") : (n.contains("t10k") || n.contains("test"));
        if (split && n.contains(want[1])) hits.add(p);
      }
      if (hits.size() != 1)
        throw new IllegalArgumentException(PREFIX + dir + ": " + (hits.isEmpty() ? "no" : hits.size()) + " files named like *" + want[0] + "*" + want[1]
            + "* (uncompressed; gunzip .gz files first); expected exactly one; found " + all.stream().map(p -> p.getFileName().toString()).toList());
      out.add(hits.get(0));
    }
    return out;
  }

  /** Reads both splits; labels must lie in [0, 128). */
  public static DatasetSplit read(Path dir) {
    List<Path> f = files(dir);
    String fix = "check the IDX files in " + dir;
    IdxReader.Labels trainLabels = IdxReader.readLabels(f.get(1), 128, fix);
    IdxReader.Labels testLabels = IdxReader.readLabels(f.get(3), 128, fix);
    int classes = 2;
    for (byte b : trainLabels.labels()) classes = Math.max(classes, b + 1);
    for (byte b : testLabels.labels()) classes = Math.max(classes, b + 1);
    LabeledImages train = IdxReader.combine(PREFIX + dir + "/train", IdxReader.readImages(f.get(0), fix), trainLabels, f.get(0), f.get(1), classes, fix);
    LabeledImages test = IdxReader.combine(PREFIX + dir + "/test", IdxReader.readImages(f.get(2), fix), testLabels, f.get(2), f.get(3), classes, fix);
    return new DatasetSplit(PREFIX + dir, train, test);
  }

  /** SHA-256 of the four files, by name, for a run's provenance. */
  public static Map<String, String> checksums(Path dir) {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      for (Path p : files(dir)) m.put(p.getFileName().toString(), FileOps.sha256(p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    return m;
  }
}
