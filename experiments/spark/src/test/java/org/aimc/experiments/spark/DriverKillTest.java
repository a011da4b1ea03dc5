package org.aimc.experiments.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the driver in the middle of a Spark sweep, then the same command again: the final
 * rows equal an uninterrupted sweep's, none lost, none duplicated, and the runs that had finished
 * before the kill are reused, not trained again.
 */
class DriverKillTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void aKilledDriverLosesAndDuplicatesNothing() throws Exception {
    DataHome home = TinySweeps.data(dir);
    Path reference = dir.resolve("reference");
    SweepSpec.read(TinySweeps.spec(dir, reference), 2).run(home, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        SweepEngine.local(2));
    List<String> expected = TinySweeps.runs(reference);
    assertEquals(TinySweeps.RUNS, expected.size());

    // The driver: the aimc command line in a JVM of its own, one task slot so the runs come one by one.
    Path out = dir.resolve("spark");
    Path spec = TinySweeps.spec(dir, out);
    Process driver = Jvm.start(dir.resolve("driver.log"), Map.of("AIMC_HOME", dir.toString()), "org.aimc.experiments.cli.Aimc",
        "sweep", "--spec", spec.toString(), "--engine", "spark", "--master", "local[1]");
    Path runs = out.resolve("runs.csv");
    int rowsAtKill = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline && driver.isAlive()) {
      if (Files.isRegularFile(runs)) {
        rowsAtKill = Files.readAllLines(runs).size() - 1;
        if (rowsAtKill >= 2) break;
      }
      Thread.sleep(5);
    }
    assertTrue(driver.isAlive(), "the driver ended before it could be killed: " + Files.readString(dir.resolve("driver.log")));
    driver.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, driver.exitValue(), "killed by SIGKILL");
    int finishedAtKill = Files.readAllLines(runs).size() - 1;
    // The runs finished before the kill were Spark tasks in the killed driver's JVM (issue 31: with the local engine in
    // Spark's place this test passed).
    var killed = TinySweeps.tasks(out);
    long byDriver = killed.values().stream().filter(t -> t != null && t.get("pid").asLong() == driver.pid()
        && t.get("executorId").asText().equals("driver")).count();
    assertTrue(byDriver >= finishedAtKill && killed.values().stream().allMatch(java.util.Objects::nonNull),
        "every finished run was a Spark task of the killed driver (pid " + driver.pid() + "): " + killed);
    assertTrue(finishedAtKill >= 2 && finishedAtKill < TinySweeps.RUNS, "killed mid-sweep: " + finishedAtKill + " rows");

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    SweepSpec.read(spec, 2).run(home, new PrintStream(log, true, StandardCharsets.UTF_8), new SparkEngine("local[2]", Map.of()));
    List<String> after = TinySweeps.runs(out);
    assertEquals(TinySweeps.RUNS, new HashSet<>(after).size(), "no duplicates");
    assertEquals(expected, after, "the same rows as the uninterrupted sweep");
    long reused = log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("already done")).count();
    assertTrue(reused >= finishedAtKill, "the " + finishedAtKill + " runs finished before the kill are reused, not retrained: " + reused);
  }
}
