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
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark engine, embedded (local[2], loopback, no UI), gives the local engine's rows for the same spec and seeds. */
class SparkSweepTest {
  @TempDir Path dir;

  private static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  @Test
  void sparkGivesTheLocalEnginesRows() throws Exception {
    DataHome home = TinySweeps.data(dir);
    Sweep local = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("local")), 2);
    List<Sweep.Row> localRows = local.run(home, quiet(), SweepEngine.local(2));
    Sweep spark = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("spark")), 2);
    assertEquals(local.jobs().size(), TinySweeps.RUNS);
    List<Sweep.Row> sparkRows = spark.run(home, quiet(), new SparkEngine("local[2]", Map.of()));
    assertEquals(localRows, sparkRows);
    // Spark trained them (issue 31: with the local engine in its place this test passed): every run was a Spark task,
    // on local[2]'s executor, which lives in the driver's JVM.
    var tasks = TinySweeps.tasks(dir.resolve("spark"));
    assertEquals(TinySweeps.RUNS, tasks.size(), tasks.toString());
    for (var e : tasks.entrySet()) {
      assertNotNull(e.getValue(), e.getKey() + " has no " + SparkEngine.TASK_FILE + ": not trained by a Spark task");
      assertEquals("driver", e.getValue().get("executorId").asText(), e.getKey());
      assertEquals(ProcessHandle.current().pid(), e.getValue().get("pid").asLong(), e.getKey());
    }
    assertEquals(TinySweeps.RUNS, tasks.values().stream().map(t -> t.get("taskAttemptId").asLong()).distinct().count(), "one task per run");
    assertTrue(TinySweeps.tasks(dir.resolve("local")).values().stream().allMatch(java.util.Objects::isNull), "the local engine writes none");
    assertEquals(Files.readString(dir.resolve("local/sweep.csv")), Files.readString(dir.resolve("spark/sweep.csv")));
    assertEquals(Files.readString(dir.resolve("local/sweep.md")), Files.readString(dir.resolve("spark/sweep.md")));
    assertEquals(TinySweeps.runs(dir.resolve("local")), TinySweeps.runs(dir.resolve("spark")));
    // One sensitivity plot per swept key (the other key at its base value: 5 mV steps, τ = 9 ms since the transfer cycle of issue 26, both on the grid).
    assertTrue(Files.size(dir.resolve("spark/sensitivity-dischargeStepVolts.png")) > 1000);
    assertTrue(Files.size(dir.resolve("spark/sensitivity-leakTimeConstantSeconds.png")) > 1000);
    // aimc export SWEEPDIR: one row per point (overrides tell them apart), priced from each point's event counts.
    org.aimc.experiments.report.ExportTable export = org.aimc.experiments.report.ExportTable.of(List.of(dir.resolve("spark")), null, false);
    assertEquals(4, export.rows().size(), export.markdown());
    assertTrue(export.rows().stream().allMatch(r -> r.runs() == 2 && r.energyPerExampleJoules() > 0), export.markdown());
        // Training happened (the table is not of untrained networks) and the points differ.
    assertTrue(localRows.stream().allMatch(r -> r.testMean() > 0.2), localRows.toString());
  }
}
