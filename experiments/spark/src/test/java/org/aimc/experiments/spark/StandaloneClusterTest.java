package org.aimc.experiments.spark;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.run.Sweep;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.SweepSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real standalone Spark cluster on 127.0.0.1, started from the Maven jars alone: a Master and a
 * Worker, each a process of its own; the test is the driver (client mode), its executors are
 * processes the Worker starts. The tiny sweep's rows equal the local engine's. Both are stopped by
 * their process ids.
 */
class StandaloneClusterTest {
  @TempDir Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aStandaloneClusterGivesTheLocalEnginesRows() throws Exception {
    DataHome home = TinySweeps.data(dir);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    List<Sweep.Row> local = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("local")), 2).run(home, quiet, SweepEngine.local(2));

    // A Spark "installation" for the Worker's executor launcher: an empty jars/ (the class path comes from the driver's settings).
    Path sparkHome = Files.createDirectories(dir.resolve("spark-home/jars")).getParent();
    Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13", "SPARK_LOCAL_IP", "127.0.0.1");
    int port = Jvm.freePort();
    Process master = Jvm.start(dir.resolve("master.log"), env, "org.apache.spark.deploy.master.Master",
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--webui-port", Integer.toString(Jvm.freePort()));
    Process worker = null;
    try {
      awaitPort(port, master, dir.resolve("master.log"));
      Files.createDirectories(dir.resolve("work"));
      worker = Jvm.start(dir.resolve("worker.log"), env, "org.apache.spark.deploy.worker.Worker",
          "--host", "127.0.0.1", "--cores", "2", "--memory", "1g", "--webui-port", Integer.toString(Jvm.freePort()),
          "--work-dir", dir.resolve("work").toString(), "spark://127.0.0.1:" + port);
      SparkEngine cluster = new SparkEngine("spark://127.0.0.1:" + port, Map.of(
          "spark.driver.host", "127.0.0.1",
          "spark.driver.bindAddress", "127.0.0.1",
          "spark.executor.memory", "512m",
          "spark.executor.extraClassPath", System.getProperty("java.class.path"),
          "spark.executor.extraJavaOptions", String.join(" ", Jvm.options())));
      List<Sweep.Row> onCluster = SweepSpec.read(TinySweeps.spec(dir, dir.resolve("cluster")), 2).run(home, quiet, cluster);
      assertEquals(local, onCluster);
      assertEquals(TinySweeps.runs(dir.resolve("local")), TinySweeps.runs(dir.resolve("cluster")));
      assertEquals(Files.readString(dir.resolve("local/sweep.csv")), Files.readString(dir.resolve("cluster/sweep.csv")));
      // The runs really ran in executor processes the Worker started (issue 31: not the driver's JVM, not the driver's executor).
      var tasks = TinySweeps.tasks(dir.resolve("cluster"));
      assertEquals(TinySweeps.RUNS, tasks.size(), tasks.toString());
      for (var e : tasks.entrySet()) {
        assertNotNull(e.getValue(), e.getKey() + " was not trained by a Spark task");
        assertNotEquals("driver", e.getValue().get("executorId").asText(), e.getKey());
        assertNotEquals(ProcessHandle.current().pid(), e.getValue().get("pid").asLong(), e.getKey() + " trained in the driver's JVM");
        assertNotEquals(worker.pid(), e.getValue().get("pid").asLong(), e.getKey() + " trained in the Worker itself");
      }
      try (var apps = Files.list(dir.resolve("work"))) {
        assertTrue(apps.anyMatch(a -> a.getFileName().toString().startsWith("app-")), "an application folder in the Worker's work dir");
      }
    } finally {
      stop(worker);
      stop(master);
    }
  }

  private static void awaitPort(int port, Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      assertTrue(p.isAlive(), () -> "the Master ended: " + read(log));
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(200);
      }
    }
    fail("the Master did not listen on " + port + ": " + read(log));
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }

  /** Stops a process by its id: SIGTERM, then SIGKILL if it has not ended after 20 s. */
  private static void stop(Process p) throws InterruptedException {
    if (p == null) return;
    ProcessHandle h = ProcessHandle.of(p.pid()).orElse(null);
    if (h == null) return;
    h.destroy();
    if (!p.waitFor(20, TimeUnit.SECONDS)) h.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }
}
