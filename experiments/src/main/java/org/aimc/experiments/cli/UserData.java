package org.aimc.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.datasets.Cifar100Binary;
import org.aimc.datasets.Cifar10;
import org.aimc.datasets.ColourImages;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.FeatureFolder;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.LabeledFeatures;
import org.aimc.features.FeatureCache;

/** {@code aimc data info} for CIFAR-10 and for folders a user brings: what they must hold, and what they hold. */
final class UserData {
  private UserData() {}

  private static final String IDX = Datasets.IDX_PREFIX + "FOLDER — a folder of the data folder holding MNIST-format IDX files named "
      + String.join(", ", Datasets.IDX_FILES) + " (uncompressed, labels 0..9)";

  static boolean handles(String name) {
    String n = name.trim();
    return n.equalsIgnoreCase(Cifar10.NAME) || n.startsWith(FeatureFolder.PREFIX) || n.startsWith(Datasets.IDX_PREFIX) || n.startsWith(Cifar100Binary.PREFIX);
  }

  static int info(String name, DataHome home, PrintWriter out, PrintWriter err) {
    String n = name.trim();
    if (n.equalsIgnoreCase(Cifar10.NAME)) {
      out.println(Cifar10.NAME + ": " + Cifar10.summary());
      Cifar10.notes().forEach(out::println);
      out.println("folder: " + Cifar10.folder(home));
      List<String> bad = Cifar10.unverified(home);
      out.println(bad.isEmpty() ? "files: all 8 present and verified (SHA-256)" : "files missing or failing their checksum: " + bad);
      out.println("also: " + FeatureFolder.describe() + "; " + IDX + "; " + Cifar100Binary.describe());
      out.flush();
      if (!bad.isEmpty()) {
        err.println("aimc data info: cifar10 is not complete and verified; fetch it with: aimc data fetch cifar10");
        err.flush();
        return ExitCodes.USAGE;
      }
      return ExitCodes.OK;
    }
    if (n.startsWith(FeatureFolder.PREFIX)) {
      Path dir = Path.of(n.substring(FeatureFolder.PREFIX.length()));
      out.println(FeatureFolder.describe());
      FeatureFolder.Split s = FeatureFolder.read(dir);
      features(out, "train", s.train());
      features(out, "test", s.test());
      if (Files.isRegularFile(dir.resolve(FeatureCache.PROVENANCE))) {
        out.println("provenance (" + FeatureCache.PROVENANCE + "):");
        for (Map.Entry<String, Object> e : FeatureCache.provenance(dir).entrySet()) out.println("  " + e.getKey() + ": " + e.getValue());
      } else {
        out.println("provenance: none (no " + FeatureCache.PROVENANCE + "; runs record the four files' SHA-256)");
      }
    } else if (n.startsWith(Datasets.IDX_PREFIX)) {
      out.println(IDX);
      DatasetSplit s = Datasets.load(n, home);
      out.println("folder: " + Datasets.folder(n, home));
      counts(out, "train", s.train().count(), s.train().rows() + "×" + s.train().cols() + " grey", s.train().labels(), s.train().classes());
      counts(out, "test", s.test().count(), s.test().rows() + "×" + s.test().cols() + " grey", s.test().labels(), s.test().classes());
    } else {
      Path dir = Path.of(n.substring(Cifar100Binary.PREFIX.length()));
      out.println(Cifar100Binary.describe());
      ColourImages.Split s = Cifar100Binary.read(dir);
      counts(out, "train", s.train().count(), "32×32 RGB", s.train().labels(), s.train().classes());
      counts(out, "test", s.test().count(), "32×32 RGB", s.test().labels(), s.test().classes());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static void features(PrintWriter out, String split, LabeledFeatures f) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : f.features()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    counts(out, split, f.count(), String.format(Locale.ROOT, "%d features in [%.4g, %.4g]", f.dim(), min, max), f.labels(), f.classes());
  }

  private static void counts(PrintWriter out, String split, int count, String what, byte[] labels, int classes) {
    int[] per = new int[classes];
    for (byte b : labels) per[b]++;
    out.printf(Locale.ROOT, "%s: %,d examples of %s, %d classes; per class:", split, count, what, classes);
    for (int c = 0; c < classes; c++) out.printf(Locale.ROOT, " %d:%d", c, per[c]);
    out.println();
  }
}
