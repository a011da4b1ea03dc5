package org.aimc.experiments.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.run.ParallelRuns;
import org.aimc.experiments.run.RunFolder;
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.SweepSpec;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine (embedded local[2]) on a feature folder, with search runs, and when a task fails. */
class SparkDataAndErrorsTest {
  @TempDir Path dir;

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  private static SparkEngine spark() {
    return new SparkEngine("local[2]", Map.of());
  }

  /** Issue 27: a {@code features:DIR} data set trains on Spark, with the local engine's rows (it was refused: "unknown data set"). */
  @Test
  void aFeatureFolderTrainsOnSparkAsLocally() throws Exception {
    DataHome home = DataHome.at(dir.resolve("data"));
    String features = TinySweeps.features(Files.createDirectories(dir.resolve("feat")));
    Sweep local = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("local"), features), 2);
    List<Sweep.Row> localRows = local.run(home, quiet(), SweepEngine.local(2));
    Sweep spark = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("spark"), features), 2);
    assertEquals(localRows, spark.run(home, quiet(), spark()));
    var tasks = TinySweeps.tasks(dir.resolve("spark"));
    assertEquals(TinySweeps.RUNS, tasks.size());
    assertTrue(tasks.values().stream().allMatch(java.util.Objects::nonNull), "every run a Spark task: " + tasks.keySet());
    assertTrue(localRows.stream().allMatch(r -> r.testMean() > 0.2), localRows.toString());
  }

  /**
   * Issue 27: a search run ({@code Job.test()} false, as {@code --tune} makes them) does not read the
   * test set on Spark either; when the same run is then wanted with its test figure, it is reused
   * (not trained again) and its test set read once, for its selected epoch, as the local engine does.
   */
  @Test
  void aSearchRunReadsNoTestSetOnSpark() throws Exception {
    DataHome home = TinySweeps.data(dir);
    TrainSpec spec = new TrainSpec(TinySweeps.DATASET, "64-16-10", "ambrogio2018", List.of("analog.transfer.intervalExamples=100"), 1, 1);
    Path folder = dir.resolve("tune/seed-1");
    TrainResult searched = spark().run(List.of(new ParallelRuns.Job("search", spec, folder, false)), home, quiet(), (j, r) -> {}).get(0);
    assertNull(searched.testAccuracy(), "the search run read the test set");
    assertTrue(Json.MAPPER.readTree(folder.resolve(RunFolder.RESULT).toFile()).path("testAccuracy").isNull(), "result.json holds a test figure");
    assertTrue(Files.isRegularFile(folder.resolve(SparkEngine.TASK_FILE)), "trained by a Spark task");

    TrainResult chosen = spark().run(List.of(new ParallelRuns.Job("chosen", spec, folder, true)), home, quiet(), (j, r) -> {}).get(0);
    assertNotNull(chosen.testAccuracy());
    assertEquals(searched.validationAccuracy(), chosen.validationAccuracy(), 0, "reused, not trained again");
    assertEquals(searched.wallSeconds(), chosen.wallSeconds(), 0, "reused, not trained again");
  }

  /**
   * Issue 31: a run that fails on an executor ends with the message and the exception type the
   * local engine gives (so exit 2 for bad input), not with Spark's wrapper ("Execution error", or
   * "Job aborted due to stage failure" and a stack trace).
   */
  @Test
  void aTaskFailureSaysWhatTheLocalEngineSays() throws Exception {
    DataHome home = TinySweeps.data(dir);
    TrainSpec bad = new TrainSpec(TinySweeps.DATASET, "100-16-10", "software", List.of(), 1, 1);
    IllegalArgumentException local = assertThrows(IllegalArgumentException.class,
        () -> SweepEngine.local(1).run(List.of(new ParallelRuns.Job("bad", bad, dir.resolve("local/seed-1"))), home, quiet(), (j, r) -> {}));
    IllegalArgumentException spark = assertThrows(IllegalArgumentException.class,
        () -> spark().run(List.of(new ParallelRuns.Job("bad", bad, dir.resolve("spark/seed-1"))), home, quiet(), (j, r) -> {}));
    assertEquals(local.getMessage(), spark.getMessage());
    assertTrue(spark.getMessage().startsWith("--network 100-16-10 has 100 inputs, but idx:tiny images have 64 pixels"), spark.getMessage());
  }

  /** The same where Spark wraps the cause (the driver's handling of a result) or keeps only the task's text. */
  @Test
  void sparksWrappersAreTakenOff() {
    IllegalArgumentException cause = new IllegalArgumentException("the cause");
    assertSame(cause, SparkEngine.failure(new org.apache.spark.SparkDriverExecutionException(cause)));
    assertSame(cause, SparkEngine.failure(new org.apache.spark.SparkException("Job aborted due to stage failure", cause)));
    RuntimeException text = SparkEngine.failure(new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 "
        + "failed 4 times, most recent failure: Lost task 0.3 in stage 0.0 (TID 3) (10.0.0.7 executor 1): java.lang.IllegalArgumentException: "
        + "--network 100-10 has 100 inputs\n\tat org.aimc.experiments.run.TrainingData.checkFit(TrainingData.java:1)\n"));
    assertEquals(IllegalArgumentException.class, text.getClass());
    assertEquals("--network 100-10 has 100 inputs", text.getMessage());
    RuntimeException other = SparkEngine.failure(new org.apache.spark.SparkException("Job aborted due to stage failure: Task 0 in stage 0.0 "
        + "failed 1 times, most recent failure: Lost task 0.0 in stage 0.0 (TID 0) (h executor 2): org.aimc.training.TrainingDivergedException: "
        + "training diverged in epoch 1\n\tat x"));
    assertEquals(IllegalStateException.class, other.getClass());
    assertTrue(other.getMessage().startsWith("training diverged in epoch 1 (org.aimc.training.TrainingDivergedException on a Spark executor;"),
        other.getMessage());
  }
}
