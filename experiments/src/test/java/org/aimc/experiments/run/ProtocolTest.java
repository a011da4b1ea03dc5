package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.LabeledImages;
import org.aimc.experiments.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation protocol end to end on a small data set: the search chooses on validation alone
 * (garbage test labels change nothing it chooses), reads the test set only for the chosen setting,
 * and an interrupted search keeps every run it finished.
 */
class ProtocolTest {
  @TempDir Path dir;

  /** 4×4 images, 10 classes: a class prototype plus uniform noise, so that the learning rate matters. */
  static LabeledImages images(String name, int n, long seed) {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
    java.util.SplittableRandom protoRnd = new java.util.SplittableRandom(99);
    int[][] proto = new int[10][16];
    for (int[] p : proto) for (int k = 0; k < 16; k++) p[k] = protoRnd.nextInt(256);
    byte[] px = new byte[n * 16];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = rnd.nextInt(10);
      labels[i] = (byte) c;
      for (int k = 0; k < 16; k++) px[i * 16 + k] = (byte) Math.max(0, Math.min(255, proto[c][k] + rnd.nextInt(-110, 111)));
    }
    return new LabeledImages(name, 4, 4, px, labels, 10);
  }

  static DatasetSplit toy(boolean garbageTestLabels) {
    LabeledImages test = images("toy/test", 300, 2L);
    if (garbageTestLabels) {
      byte[] wrong = test.labels().clone();
      for (int i = 0; i < wrong.length; i++) wrong[i] = (byte) ((wrong[i] + 1 + i % 7) % 10);
      test = new LabeledImages(test.name(), 4, 4, test.pixels(), wrong, 10);
    }
    return new DatasetSplit("toy", images("toy/train", 500, 1L), test);
  }

  static Reproduction tune(Path out) {
    return new Reproduction("mnist", "16-10", List.of("software", "ambrogio2018"), 2, 2, 1, out, 100,
        new Reproduction.Grid(List.of(0.002, 0.05, 0.5), List.of(1.0)));
  }

  static PrintStream sink(ByteArrayOutputStream b) {
    return new PrintStream(b, true, StandardCharsets.UTF_8);
  }

  /** config → setting → (validation accuracy, test accuracy or null), from every search run's result.json. */
  static Map<String, TrainResult> searchResults(Path out) throws Exception {
    Map<String, TrainResult> m = new TreeMap<>();
    try (var files = Files.walk(out.resolve(Reproduction.TUNE_FOLDER))) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals(RunFolder.RESULT)).toList())
        m.put(out.relativize(p).toString(), Json.MAPPER.readValue(p.toFile(), TrainResult.class));
    }
    return m;
  }

  @Test
  void theSearchNeverReadsTestLabelsAndTestsOnlyTheChosenSetting() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Path good = dir.resolve("good");
    Path garbage = dir.resolve("garbage");
    List<Reproduction.Row> a = tune(good).run(name -> toy(false), sink(log));
    List<Reproduction.Row> b = tune(garbage).run(name -> toy(true), sink(log));
    Map<String, TrainResult> ra = searchResults(good);
    Map<String, TrainResult> rb = searchResults(garbage);
    assertEquals(6, ra.size(), "3 settings × 2 configurations");
    assertEquals(ra.keySet(), rb.keySet());
    for (String k : ra.keySet()) {
      assertEquals(ra.get(k).validationAccuracy(), rb.get(k).validationAccuracy(), 0.0, k);
      assertEquals(ra.get(k).selectedEpoch(), rb.get(k).selectedEpoch(), k);
      assertEquals(ra.get(k).perEpoch().stream().map(m -> m.validationAccuracy()).toList(),
          rb.get(k).perEpoch().stream().map(m -> m.validationAccuracy()).toList(), k);
    }
    boolean testDiffers = false;
    for (int i = 0; i < a.size(); i++) {
      assertEquals(a.get(i).setting(), b.get(i).setting(), "garbage test labels must not change the choice of " + a.get(i).config());
      assertEquals(a.get(i).validationMean(), b.get(i).validationMean(), 0.0);
      testDiffers |= a.get(i).testMean() != b.get(i).testMean();
      assertTrue(a.get(i).testMean() > 0.3, a.get(i).config() + " learns the toy task (chance 0.1): test " + a.get(i).testMean());
    }
    assertTrue(testDiffers, "the final runs do read the test set (the garbage shows there, and only there)");
    // Only the chosen setting's search run was tested; the others never read the test set.
    for (Reproduction.Row row : a)
      for (Map.Entry<String, TrainResult> e : ra.entrySet()) {
        if (!e.getKey().contains("/" + row.config() + "/")) continue;
        boolean chosen = e.getKey().contains(new Reproduction.Setting(row.setting().learningRate(), row.setting().decay()).folderName() + "/");
        assertEquals(chosen, e.getValue().testAccuracy() != null, e.getKey());
      }
    assertTrue(Files.readString(good.resolve(Reproduction.TUNING_MD)).contains("**yes**"));
    String table = Files.readString(good.resolve(Reproduction.TABLE_MD));
    assertTrue(table.contains("| software | " + a.get(0).setting().learningRate()), table);
    // Each row says on which code and kernel it stands: an analog row's figures depend on the kernel's vector width.
    String kernel = org.aimc.crossbar.periphery.MvmKernels.preferred().name();
    for (Reproduction.Row row : a) {
      String expected = row.config().equals("software") ? " on java (software baseline)" : " on " + kernel;
      assertTrue(row.code().endsWith(expected), row.config() + ": " + row.code());
      assertTrue(table.contains(row.code() + " |"), table);
    }
  }

  @Test
  void anInterruptedSearchLosesNoFinishedRun() throws Exception {
    Path out = dir.resolve("tune");
    tune(out).run(name -> toy(false), sink(new ByteArrayOutputStream()));
    Map<String, String> before = new TreeMap<>();
    Map<String, Long> mtimes = new TreeMap<>();
    try (var files = Files.walk(out)) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals(RunFolder.RESULT)).toList()) {
        before.put(out.relativize(p).toString(), Files.readString(p));
        mtimes.put(out.relativize(p).toString(), Files.getLastModifiedTime(p).toMillis());
      }
    }
    // Interrupted in the first epoch of one search run: neither its result nor a checkpoint was written.
    Path lost = out.resolve(Reproduction.TUNE_FOLDER).resolve("ambrogio2018").resolve("lr-0.5_decay-1.0").resolve("seed-1");
    Files.delete(lost.resolve(RunFolder.RESULT));
    Files.delete(lost.resolve(TrainingRun.CHECKPOINT));
    Thread.sleep(20);
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    tune(out).run(name -> toy(false), sink(log));
    String said = log.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("lr-0.5_decay-1.0 seed 1  epoch  1/2"), "the lost run runs again:\n" + said);
    for (String k : before.keySet()) {
      Path p = out.resolve(k);
      if (!p.startsWith(lost)) {
        assertEquals(before.get(k), Files.readString(p), k + " was kept");
        assertEquals(mtimes.get(k), Files.getLastModifiedTime(p).toMillis(), k + " was kept, not rewritten");
      } else {
        TrainResult was = Json.MAPPER.readValue(before.get(k), TrainResult.class);
        TrainResult now = Json.MAPPER.readValue(p.toFile(), TrainResult.class);
        assertEquals(was.perEpoch().stream().map(m -> m.validationAccuracy()).toList(),
            now.perEpoch().stream().map(m -> m.validationAccuracy()).toList(), "the run done again gives the same figures");
      }
    }
    // The 5 other search runs, then all 4 final runs (the seed-1 ones are the chosen search runs).
    assertEquals(5 + 4, said.lines().filter(l -> l.contains("already done")).count(), said);
  }

  @Test
  void aRunsResultRecordsTheSplitAndTheSelectedEpoch() throws Exception {
    TrainSpec spec = new TrainSpec("mnist", "16-10", "software", List.of("learningRate=0.05"), 3, 4, 120);
    TrainResult r = new TrainingRun(spec, dir.resolve("run")).run(name -> toy(false), org.aimc.training.TrainingListener.NONE, true, false);
    assertEquals(380, r.split().trainExamples());
    assertEquals(120, r.split().validationExamples());
    assertEquals(300, r.split().testExamples());
    assertEquals(13L, r.split().seed());
    double best = r.perEpoch().stream().mapToDouble(m -> m.validationAccuracy()).max().orElseThrow();
    assertEquals(best, r.validationAccuracy(), 0.0);
    assertEquals(best, r.perEpoch().get(r.selectedEpoch() - 1).validationAccuracy(), 0.0);
    assertNotNull(r.testAccuracy());
    var json = Json.MAPPER.readTree(dir.resolve("run").resolve(RunFolder.RESULT).toFile());
    assertEquals(120, json.at("/split/validationExamples").asInt());
    assertEquals(120, json.at("/resolvedConfig/spec/validation").asInt());
    assertTrue(Files.readString(dir.resolve("run").resolve(RunFolder.METRICS)).startsWith("epoch,learning_rate,train_loss,train_accuracy,validation_accuracy"));
  }

  /**
   * Issue 31: features are scaled by the minimum and maximum of the training part alone: extreme
   * values placed only in validation rows and in the test set must not move the fit (a fit on
   * train + validation, or on the test features, fails here), and the test set is scaled with it.
   */
  @Test
  void featureScalingIsFitOnTheTrainingPartAlone() throws Exception {
    int n = 60;
    int validation = 12;
    Path f = Files.createDirectories(dir.resolve("features"));
    org.aimc.datasets.HoldOut.Parts parts = new org.aimc.datasets.HoldOut(validation, org.aimc.datasets.HoldOut.SEED).split(n);
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    float[] x = new float[n * 2];
    for (int i = 0; i < x.length; i++) x[i] = (float) rnd.nextDouble(); // training part: within [0, 1)
    int[] val = parts.validation();
    x[val[0] * 2] = 1000; // extremes only in validation rows
    x[val[1] * 2 + 1] = -1000;
    int[] y = new int[n];
    for (int i = 0; i < n; i++) y[i] = i % 2;
    org.aimc.datasets.Npy.writeFloat32(f.resolve("train_x.npy"), x, n, 2);
    org.aimc.datasets.Npy.writeInt32(f.resolve("train_y.npy"), y);
    org.aimc.datasets.Npy.writeFloat32(f.resolve("test_x.npy"), new float[] {5000, -5000, 0.5f, 0.5f}, 2, 2);
    org.aimc.datasets.Npy.writeInt32(f.resolve("test_y.npy"), new int[] {0, 1});
    TrainSpec spec = new TrainSpec("features:" + f, "2-2", "software", List.of(), 1, 1, validation);
    TrainingData.Loaded d = TrainingData.load(spec, name -> null);
    float[] lo = {Float.POSITIVE_INFINITY, Float.POSITIVE_INFINITY};
    float[] hi = {Float.NEGATIVE_INFINITY, Float.NEGATIVE_INFINITY};
    for (int r : parts.train())
      for (int j = 0; j < 2; j++) {
        lo[j] = Math.min(lo[j], x[r * 2 + j]);
        hi[j] = Math.max(hi[j], x[r * 2 + j]);
      }
    assertArrayEquals(lo, d.scaling().min(), "the minimum of the training part alone");
    assertArrayEquals(hi, d.scaling().max(), "the maximum of the training part alone");
    assertEquals((5000 - lo[0]) / (hi[0] - lo[0]), d.test().features()[0], 1e-3, "the test set scaled with the training part's fit");
    assertEquals(n - validation, d.train().count());
  }
}
