package org.aimc.experiments.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.FeatureFolder;
import org.aimc.datasets.IdxWriter;
import org.aimc.datasets.Npy;

/**
 * A tiny sweep the tests run on every engine: an 8×8 "digit" data set (300 training, 100 test
 * images, written as an {@code idx:tiny} folder, so no network and no MNIST are needed), network
 * 64-16-10, 1 epoch, two capacitor axes × 2 seeds = 8 runs of a few tens of milliseconds each.
 */
final class TinySweeps {
  static final String DATASET = "idx:tiny";
  static final int RUNS = 8;

  private TinySweeps() {}

  /** Writes the data set under {@code dir/data} and returns that data folder. */
  static DataHome data(Path dir) {
    DataHome home = DataHome.at(dir.resolve("data"));
    Path folder = Datasets.folder(DATASET, home);
    write(folder, 0, 300, 1);
    write(folder, 2, 100, 2);
    return home;
  }

  /** The same examples as a feature folder ({@code features:DIR}, 64 features, pixel values as floats) in {@code dir}; returns the data set's name. */
  static String features(Path dir) {
    for (int file = 0; file < 4; file += 2) {
      Digits d = digits(file == 0 ? 300 : 100, file == 0 ? 1 : 2);
      float[] x = new float[d.pixels().length];
      for (int i = 0; i < x.length; i++) x[i] = d.pixels()[i] & 0xff;
      int[] y = new int[d.labels().length];
      for (int i = 0; i < y.length; i++) y[i] = d.labels()[i];
      String split = file == 0 ? "train" : "test";
      Npy.writeFloat32(dir.resolve(split + "_x.npy"), x, y.length, 64);
      Npy.writeInt32(dir.resolve(split + "_y.npy"), y);
    }
    return FeatureFolder.PREFIX + dir.toAbsolutePath();
  }

  private record Digits(byte[] pixels, byte[] labels) {}

  /** Class c lights the pixels whose index is c mod 10, over noise; seeded, so the bytes never change. */
  private static Digits digits(int count, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[count * 64];
    byte[] labels = new byte[count];
    for (int i = 0; i < count; i++) {
      int label = rng.nextInt(10);
      labels[i] = (byte) label;
      for (int p = 0; p < 64; p++) pixels[i * 64 + p] = (byte) ((p % 10 == label ? 160 : 0) + rng.nextInt(90));
    }
    return new Digits(pixels, labels);
  }

  private static void write(Path folder, int file, int count, long seed) {
    Digits d = digits(count, seed);
    IdxWriter.writeImages(folder.resolve(Datasets.IDX_FILES.get(file)), 8, 8, d.pixels());
    IdxWriter.writeLabels(folder.resolve(Datasets.IDX_FILES.get(file + 1)), d.labels());
  }

  /** The sweep spec, capacitor step asymmetry × leakage time constant, into {@code out}; written to {@code dir/sweep.yaml}. */
  static Path spec(Path dir, Path out) throws IOException {
    return spec(dir, out, DATASET);
  }

  /** The same sweep on {@code dataset}. */
  static Path spec(Path dir, Path out, String dataset) throws IOException {
    Path file = dir.resolve("sweep.yaml");
    Files.writeString(file, String.join("\n",
        "# capacitor step asymmetry (pull-down step; pull-up is 5 mV) x leakage time constant",
        "dataset: " + dataset,
        "network: 64-16-10",
        "config: ambrogio2018",
        "set:",
        "  analog.transfer.intervalExamples: 100",
        "axes:",
        "  - key: analog.tile.devices.capacitor.dischargeStepVolts",
        "    values: [0.005, 0.0035]",
        "  - key: analog.tile.devices.capacitor.leakTimeConstantSeconds",
        "    log: {from: 0.0009, to: 0.009, points: 2}",
        "seeds: 2",
        "epochs: 1",
        "out: " + out,
        ""));
    return file;
  }

  /** The lines of runs.csv after its header, sorted (engines finish runs in different orders). */
  static List<String> runs(Path out) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("runs.csv")));
    lines.remove(0);
    lines.sort(null);
    return lines;
  }

  /** Every run folder's {@link SparkEngine#TASK_FILE} under {@code out}, by folder (relative); a folder without one maps to null. */
  static java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> tasks(Path out) throws IOException {
    java.util.Map<String, com.fasterxml.jackson.databind.JsonNode> m = new java.util.TreeMap<>();
    try (var files = Files.walk(out)) {
      for (Path r : files.filter(f -> f.getFileName().toString().equals("result.json")).toList()) {
        Path t = r.resolveSibling(SparkEngine.TASK_FILE);
        m.put(out.relativize(r.getParent()).toString(),
            Files.isRegularFile(t) ? org.aimc.experiments.io.Json.MAPPER.readTree(t.toFile()) : null);
      }
    }
    return m;
  }
}
