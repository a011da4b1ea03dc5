package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep is the grid of its axes, refuses bad points before any work, and tabulates finished runs. */
class SweepTest {
  private static final String NOISE = "analog.tile.backward.outputNoise";
  private static final String INTERVAL = "analog.transfer.intervalExamples";
  @TempDir Path dir;

  private Sweep sweep(List<String> fixed, String baseline, String... vary) {
    return new Sweep("mnist", "784-10", "ambrogio2018", fixed, List.of(vary).stream().map(Sweep.Axis::parse).toList(), baseline, 2, 1, 2,
        dir.resolve("sweep"));
  }

  @Test
  void theGridIsEveryCombinationFirstAxisSlowest() {
    Sweep s = sweep(List.of(), null, NOISE + "=0,0.1", INTERVAL + "=2000,4000,8000");
    List<Sweep.Point> points = s.points();
    assertEquals(6, points.size());
    assertEquals(List.of("0", "2000"), points.get(0).values());
    assertEquals(List.of("0.1", "8000"), points.get(5).values());
    assertEquals("outputNoise=0, intervalExamples=4000", s.label(points.get(1)));
    assertEquals(dir.resolve("sweep").resolve(NOISE + "=0.1+" + INTERVAL + "=2000"), s.pointFolder(points.get(3)));
    assertEquals(List.of(NOISE + "=0.1", INTERVAL + "=2000"), s.spec(points.get(3), 1).overrides());
    assertEquals(0.1, s.spec(points.get(3), 2).config().analog().tile().backward().outputNoise(), 0.0);
    // Keys that end alike keep as much of their path as tells them apart.
    Sweep both = sweep(List.of(), null, "analog.tile.forward.outputNoise=0,0.1", NOISE + "=0,0.1");
    assertEquals("forward.outputNoise=0, backward.outputNoise=0.1", both.label(both.points().get(1)));
  }

  @Test
  void aBadKeyOrValueFailsBeforeAnyRun() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> sweep(List.of(), null, "analog.tile.backward.outputNoize=0,0.1"));
    assertTrue(unknown.getMessage().contains("outputNoize") && unknown.getMessage().contains("outputNoise"), unknown.getMessage());
    // Only the last value is out of range: still refused up front.
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> sweep(List.of(), null, "analog.tile.devices.capacitor.stepCtoc=0,0.3,7"));
    assertTrue(range.getMessage().contains("stepCtoc"), range.getMessage());
    assertThrows(IllegalArgumentException.class, () -> sweep(List.of(NOISE + "=0"), null, NOISE + "=0,0.1"), "a key both set and swept");
    assertThrows(IllegalArgumentException.class, () -> sweep(List.of(), null, NOISE + "=0,0.1", NOISE + "=0.2"), "a key swept twice");
    assertThrows(IllegalArgumentException.class, () -> sweep(List.of(), null, NOISE + "=0,,0.1"), "an empty value");
    assertThrows(IllegalArgumentException.class, () -> sweep(List.of(), null, NOISE), "no values");
    assertThrows(IllegalArgumentException.class, () -> sweep(List.of(), "sofware", NOISE + "=0"), "unknown baseline");
  }

  private static TrainResult result(TrainSpec spec, double test) {
    List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 0.01, 0.3, test + 0.01, test, 2.0, 3.0));
    return new TrainResult(spec.dataset(), spec.network(), spec.configName(), spec.epochs(), test, test + 0.01, test, 1,
        new TrainResult.Split(50_000, 10_000, 10_000, 13, "rule"), 3, 1000, epochs,
        Map.of("spec", spec, "config", spec.config()), null, null, null, RunProvenance.capture("k", "rng", spec.seed(), Map.of()), List.of());
  }

  @Test
  void finishedRunsAreReusedAndTabulatedAgainstTheBaseline() throws Exception {
    Sweep s = sweep(List.of(), "software", NOISE + "=0,0.1");
    // Every run already finished: the sweep must not train (no data set is present) and must tabulate them.
    for (int seed = 1; seed <= 2; seed++) {
      new RunFolder(dir.resolve("sweep/baseline-software/seed-" + seed))
          .writeResult(result(new TrainSpec("mnist", "784-10", "software", List.of(), 1, seed), 0.90 + 0.02 * seed));
      for (Sweep.Point p : s.points()) {
        double test = p.values().get(0).equals("0") ? 0.88 : 0.80;
        new RunFolder(s.pointFolder(p).resolve("seed-" + seed)).writeResult(result(s.spec(p, seed), test + 0.01 * seed));
      }
    }
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<Sweep.Row> rows = s.run(DataHome.at(dir.resolve("no-data")), new PrintStream(log, true, StandardCharsets.UTF_8));
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("already done"));
    assertEquals(List.of("software", "outputNoise=0", "outputNoise=0.1"), rows.stream().map(Sweep.Row::label).toList());
    assertEquals(0.93, rows.get(0).testMean(), 1e-12);
    assertEquals(Math.sqrt(2) * 0.01, rows.get(0).testStd(), 1e-12, "sample std of 0.92 and 0.94");
    assertEquals(0.895 - 0.93, rows.get(1).testMinusBaseline(), 1e-12);
    assertEquals(0.815 - 0.93, rows.get(2).testMinusBaseline(), 1e-12);
    Path out = dir.resolve("sweep");
    assertEquals(1 + 6, Files.readAllLines(out.resolve(Sweep.RUNS_CSV)).size(), "a header and one row per run");
    String md = Files.readString(out.resolve(Sweep.TABLE_MD));
    assertTrue(md.contains("test − software") && md.contains("| outputNoise=0.1 | 81.50 ± 0.71 %") && md.contains("-11.50 pp"), md);
    assertTrue(Files.size(out.resolve("test-accuracy-vs-outputNoise.png")) > 1000);
    assertTrue(Files.size(out.resolve("sensitivity-outputNoise.png")) > 1000);
    assertTrue(Files.readString(out.resolve(Sweep.TABLE_CSV)).startsWith("point," + NOISE + ",runs,test_accuracy_mean"));
  }

  /** Issue 31: a second sweep into a folder a sweep is running in is refused before it trains anything. */
  @Test
  void aSecondSweepIntoTheSameFolderIsRefusedUpFront() {
    Sweep s = sweep(List.of(), null, NOISE + "=0,0.1");
    try (RunFolder.Lock first = new RunFolder(dir.resolve("sweep")).lock()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> s.run(DataHome.at(dir.resolve("no-data")), ParallelRuns.QUIET));
      assertTrue(e.getMessage().contains("sweep is in use by another aimc run (pid " + ProcessHandle.current().pid()), e.getMessage());
    }
    assertFalse(Files.exists(dir.resolve("sweep/" + Sweep.RUNS_CSV)));
    assertFalse(Files.exists(s.pointFolder(s.points().get(0))), "no run folder was made");
  }

  /** Issue 31: values that differ only by surrounding spaces are one value (one point, trained once). */
  @Test
  void valuesThatDifferOnlyBySpacesAreOneValue() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Sweep.Axis(NOISE, List.of("0.05", "0.05 ")));
    assertTrue(e.getMessage().contains("the value '0.05' is repeated"), e.getMessage());
    assertEquals(List.of("0", "0.1"), new Sweep.Axis(" " + NOISE + " ", List.of(" 0", "0.1\t")).values());
  }

  /** Issue 31: a field with a line break is quoted, so one run stays one row of runs.csv. */
  @Test
  void aLineBreakInAFieldStaysInOneCsvRow() {
    assertEquals("\"a\nb\"", Sweep.csv("a\nb"));
    assertEquals("\"a\rb\"", Sweep.csv("a\rb"));
    assertEquals("\"x, \"\"y\"\"\"", Sweep.csv("x, \"y\""));
    assertEquals("plain", Sweep.csv("plain"));
  }

  /** Issue 31: runs are counted from the grid's shape first: 10^9 points, or 10^9 seeds, are refused at once. */
  @Test
  void aGridTooLargeIsRefusedBeforeAnyPointIsResolved() {
    List<String> thousand = java.util.stream.IntStream.range(0, 1000).mapToObj(k -> "0." + k).toList();
    List<Sweep.Axis> axes = List.of(new Sweep.Axis(NOISE, thousand), new Sweep.Axis("analog.tile.forward.outputNoise", thousand),
        new Sweep.Axis("analog.tile.devices.capacitor.stepCtoc", thousand));
    long start = System.nanoTime();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Sweep("mnist", "784-10", "ambrogio2018", List.of(), axes, null, 3, 1, 2, dir.resolve("sweep")));
    assertTrue(e.getMessage().contains("the sweep has 1000 × 1000 × 1000 = 1,000,000,000 points × 3 seeds = 3,000,000,000 runs, more than the 10,000"),
        e.getMessage());
    assertTrue(System.nanoTime() - start < 2e9, "refused without resolving the points");
    e = assertThrows(IllegalArgumentException.class, () -> new Sweep("mnist", "784-10", "ambrogio2018", List.of(),
        List.of(Sweep.Axis.parse(NOISE + "=0,0.1")), "software", 1_000_000_000, 1, 2, dir.resolve("sweep")));
    assertTrue(e.getMessage().contains("2 = 2 points × 1,000,000,000 seeds + baseline 1000000000 = 3,000,000,000 runs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Sweep.Axis.linear(NOISE, 0, 1, 1_000_000_000));
    assertTrue(e.getMessage().contains("1,000,000,000 points on one axis"), e.getMessage());
  }

  /** Issue 31: --dry-run of a large grid lists the first points and counts the rest. */
  @Test
  void aDryRunOfManyPointsListsTheFirstAndCountsTheRest() {
    Sweep s = new Sweep("mnist", "784-10", "software", List.of(), List.of(Sweep.Axis.linear("learningRate", 0.001, 0.5, 500)), null, 1, 1, 2,
        dir.resolve("sweep"));
    String d = s.dryRun(2);
    assertTrue(d.contains("  point 100  learningRate=") && !d.contains("point 101 ") && d.contains("… and 400 more points"), d);
    assertTrue(d.contains("500 points × 1 seeds = 500 runs"), d);
  }
}
