package org.aimc.experiments.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.aimc.datasets.DataHome;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Json;
import org.aimc.datasets.FeatureFolder;
import org.aimc.experiments.run.DataLoader;
import org.aimc.experiments.run.ParallelRuns;
import org.aimc.experiments.run.RunFolder;
import org.aimc.experiments.run.SweepEngine;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;
import org.aimc.experiments.run.TrainingData;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.TrainingListener;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkFiles;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.collection.Iterator;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * The Spark sweep engine: each run (point × seed) of a sweep not yet finished is one Spark task of
 * one job. An executor gets the data set through Spark ({@code SparkContext.addFile}, never the
 * network), trains the run into a temporary folder and returns the folder's files; the driver
 * writes them into the run's folder under the sweep folder (result.json last, each file atomically)
 * and reports the result as each task ends, so {@code runs.csv} grows exactly as with the local
 * engine. A task is deterministic (its spec fixes every seed) and idempotent (a fresh folder per
 * attempt, nothing shared), so Spark's task retry is safe; speculation stays off. The driver skips
 * runs whose folder already holds their result, so a sweep whose driver was killed resumes.
 *
 * <p>Master: {@code local[*]} by default (embedded, no install, driver bound to 127.0.0.1), or the
 * one given ({@code spark://host:port}, {@code k8s://...}), or, without one, the
 * {@code spark.master} that {@code spark-submit} sets.
 */
public final class SparkEngine implements SweepEngine {
  /** Written into each run folder the engine trained: the executor id, pid and host of the JVM that trained it, and the Spark task. */
  public static final String TASK_FILE = "spark-task.json";

  /** The master used when none is given and spark-submit set none. */
  public static final String DEFAULT_MASTER = "local[*]";

  private final String master;
  private final Map<String, String> settings;

  /** {@code aimc sweep --engine spark}, found through {@link java.util.ServiceLoader}. */
  public static final class Provider implements SweepEngine.Provider {
    @Override
    public String name() {
      return "spark";
    }

    @Override
    public SweepEngine create(String master, Integer threads) {
      if (threads != null && master != null)
        throw new IllegalArgumentException("--threads with --master " + master + ": the cluster decides the task slots (or use local[N])");
      return new SparkEngine(master != null ? master : threads != null ? "local[" + threads + "]" : null, Map.of());
    }
  }

  /**
   * @param master the master URL, or null for spark-submit's or else {@link #DEFAULT_MASTER}
   * @param settings further Spark settings ({@code spark.executor.memory}, ...), applied last
   */
  public SparkEngine(String master, Map<String, String> settings) {
    if (master != null && master.isBlank()) throw new IllegalArgumentException("--master is empty; e.g. local[*] or spark://host:7077");
    this.master = master;
    this.settings = Map.copyOf(settings);
  }

  @Override
  public String name() {
    return "spark";
  }

  /** How long {@link #checkReachable} waits for a standalone master to accept a connection. */
  static final int CONNECT_MILLIS = 5_000;

  /**
   * A standalone master ({@code spark://HOST:PORT[,HOST:PORT]}) that accepts no connection is said
   * so at once, with the address and the reason, before Spark retries for a minute and ends with
   * "Cannot call methods on a stopped SparkContext".
   */
  static void checkReachable(String master) {
    if (!master.startsWith("spark://")) return;
    List<String> failures = new ArrayList<>();
    for (String hostPort : master.substring("spark://".length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      String host = hostPort.substring(0, colon);
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress(host, port), CONNECT_MILLIS);
        return; // one master that answers is enough (the others are standbys)
      } catch (IOException e) {
        failures.add(hostPort + " (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
      }
    }
    throw new IllegalArgumentException("--master " + master + ": the Spark master cannot be reached: nothing accepts connections at "
        + String.join(", ", failures) + "; start it (sbin/start-master.sh on that host), or check the host, the port (7077 by default)"
        + " and the firewall");
  }

  /** The Spark configuration a sweep runs with. */
  SparkConf conf() {
    SparkConf conf = new SparkConf(true); // spark.* system properties, as spark-submit sets them
    String m = master != null ? master : conf.get("spark.master", DEFAULT_MASTER);
    conf.setMaster(m).setAppName("aimc sweep")
        .set("spark.ui.enabled", "false")
        .set("spark.speculation", "false") // a task trains for minutes; a second copy only wastes a slot
        .set("spark.executor.extraJavaOptions", "--add-modules=jdk.incubator.vector " + conf.get("spark.executor.extraJavaOptions", ""))
        // One thread per task for native linear algebra (ND4J/OpenBLAS): task slots already use the cores.
        .set("spark.executorEnv.OMP_NUM_THREADS", "1");
    if (m.startsWith("local")) conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
    settings.forEach(conf::set);
    return conf;
  }

  @Override
  public List<TrainResult> run(List<ParallelRuns.Job> jobs, DataHome home, PrintStream log, BiConsumer<ParallelRuns.Job, TrainResult> finished) {
    TrainResult[] results = new TrainResult[jobs.size()];
    List<Integer> todo = new ArrayList<>();
    DataLoader here = DataLoader.of(home);
    for (int i = 0; i < jobs.size(); i++) {
      ParallelRuns.Job job = jobs.get(i);
      TrainResult done = ParallelRuns.reuse(job, here, log); // as the local engine reuses: data compared, a test read if now wanted
      if (done == null) {
        todo.add(i);
        continue;
      }
      results[i] = done;
      finished.accept(job, done);
    }
    if (todo.isEmpty()) return Arrays.asList(results);

    String dataset = jobs.get(todo.get(0)).spec().dataset();
    // Fetched and verified here, once; executors get these bytes (a feature folder's files too).
    TrainingData.DataFiles data = TrainingData.dataFiles(dataset, home);
    SparkConf conf = conf();
    checkReachable(conf.get("spark.master"));
    log.printf(Locale.ROOT, "spark: %d runs on %s%n", todo.size(), conf.get("spark.master"));
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      for (String f : data.names()) sc.addFile(data.folder().resolve(f).toString());
      // The spec and whether the run reads the test set (a search run does not: the protocol's selection happens on validation).
      List<String> tasks = todo.stream().map(i -> Json.toJson(Map.of(TASK_SPEC, jobs.get(i).spec(), TASK_TEST, jobs.get(i).test()))).toList();
      // One partition per run, so one task per run: Spark schedules, retries and reports each alone.
      JavaRDD<String> rdd = sc.parallelize(tasks, tasks.size());
      ResultHandler handler = new ResultHandler((index, packed) -> {
        int i = todo.get(index);
        ParallelRuns.Job job = jobs.get(i);
        results[i] = store(job.folder(), packed);
        Double test = results[i].testAccuracy();
        log.printf(Locale.ROOT, "%-26s seed %d  done on spark  train %.2f %%  %s%n", job.label(), job.spec().seed(),
            100 * results[i].trainAccuracy(), test == null ? "test set not read" : String.format(Locale.ROOT, "test %.2f %%", 100 * test));
        finished.accept(job, results[i]);
      });
      sc.sc().runJob(rdd.rdd(), new TrainTask(data.folder().getFileName().toString(), data.names(), dataset), handler,
          ClassTag$.MODULE$.apply(byte[].class));
    } catch (Exception e) { // Scala throws SparkException, a checked exception, without declaring it
      throw failure(e);
    }
    return Arrays.asList(results);
  }

  private static final String TASK_SPEC = "spec";
  private static final String TASK_TEST = "test";

  /** "… most recent failure: Lost task 0.0 in stage 0.0 (TID 0) (host executor 1): java.lang.IllegalArgumentException: the message". */
  private static final java.util.regex.Pattern TASK_FAILURE =
      java.util.regex.Pattern.compile("most recent failure: Lost task [^\\n]*?\\): ([\\w.$]+)(?:: ([^\\n]*))?");

  /**
   * What a failed Spark job means for the user, as the local engine would say it: the exception a
   * task (or the driver's handling of its result) threw, found under Spark's wrappers
   * ({@code SparkException} "Job aborted due to stage failure: …", {@code SparkDriverExecutionException}
   * "Execution error") and thrown as it is, so that its message and exit code (2 for bad input) are
   * the local engine's. Where Spark kept only the task's text (its exception could not be read back
   * on the driver), the exception's class and first line from that text; Spark's own failures
   * (lost executors, a stopped context) keep Spark's message.
   */
  static RuntimeException failure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof org.apache.spark.SparkException) continue;
      if (c instanceof RuntimeException re) return re;
      if (c instanceof Error err) throw err;
      return new IllegalStateException(org.aimc.experiments.cli.ExitCodes.message(c), c);
    }
    String text = e.getMessage() == null ? "" : e.getMessage();
    java.util.regex.Matcher m = TASK_FAILURE.matcher(text);
    if (m.find()) {
      String type = m.group(1);
      String message = m.group(2) == null ? type : m.group(2);
      if (type.equals(IllegalArgumentException.class.getName()) || type.equals(org.aimc.datasets.DataFileException.class.getName()))
        return new IllegalArgumentException(message, e);
      return new IllegalStateException(message + " (" + type + " on a Spark executor; finished runs are kept: run the sweep again to resume)", e);
    }
    return new IllegalStateException("the Spark job failed (finished runs are kept; run the sweep again to resume): " + text.lines().findFirst().orElse(""), e);
  }

  /** Writes a finished task's files into the run's folder and returns its result. */
  private static TrainResult store(Path folder, byte[] packed) {
    Map<String, byte[]> content = unpack(packed);
    byte[] result = content.remove(RunFolder.RESULT);
    if (result == null) throw new IllegalStateException("a task returned no " + RunFolder.RESULT + " for " + folder);
    // Every other file first, result.json last: a folder with a result is a finished run.
    for (Map.Entry<String, byte[]> e : content.entrySet()) AtomicFiles.write(folder.resolve(e.getKey()), out -> out.write(e.getValue()));
    AtomicFiles.write(folder.resolve(RunFolder.RESULT), out -> out.write(result));
    try {
      return Json.MAPPER.readValue(result, TrainResult.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the result of " + folder + ": " + e.getMessage(), e);
    }
  }

  /** Called on the driver, on the scheduler's thread (one at a time), with (partition index, the task's packed folder) as each task ends. */
  private static final class ResultHandler extends AbstractFunction2<Object, byte[], BoxedUnit> {
    private final BiConsumer<Integer, byte[]> onResult;

    ResultHandler(BiConsumer<Integer, byte[]> onResult) {
      this.onResult = onResult;
    }

    @Override
    public BoxedUnit apply(Object index, byte[] packed) {
      onResult.accept((Integer) index, packed);
      return BoxedUnit.UNIT;
    }
  }

  /**
   * What an executor does for one task: trains the run its spec describes into a fresh temporary
   * folder, with the data set from the files Spark shipped, and returns the folder's files.
   */
  static final class TrainTask extends AbstractFunction2<TaskContext, Iterator<String>, byte[]> implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String dataFolder;
    private final List<String> files;
    private final String dataset;

    TrainTask(String dataFolder, List<String> files, String dataset) {
      this.dataFolder = dataFolder;
      this.files = new ArrayList<>(files);
      this.dataset = dataset;
    }

    @Override
    public byte[] apply(TaskContext context, Iterator<String> tasks) {
      String json = tasks.next();
      Path root = null;
      try {
        root = Files.createTempDirectory("aimc-task-");
        if (dataset.startsWith(FeatureFolder.PREFIX)) {
          // A feature folder is named by its path on the driver; where that path is not on this machine, read Spark's copy.
          Path named = Path.of(dataset.substring(FeatureFolder.PREFIX.length()));
          if (!Files.isDirectory(named)) TrainingData.shipped(named, Path.of(SparkFiles.get(files.get(0))).toAbsolutePath().getParent());
        }
        // The data set as Spark shipped it: links to the task's copies, under the name training expects.
        Path data = Files.createDirectories(root.resolve("data").resolve(dataFolder));
        for (String f : files) Files.createSymbolicLink(data.resolve(f), Path.of(SparkFiles.get(f)).toAbsolutePath());
        var task = Json.MAPPER.readTree(json);
        TrainSpec spec = Json.MAPPER.treeToValue(task.get(TASK_SPEC), TrainSpec.class);
        Path run = root.resolve("run");
        new TrainingRun(spec, run).run(DataLoader.of(DataHome.at(root.resolve("data"))), TrainingListener.NONE, task.get(TASK_TEST).asBoolean(), false);
        Map<String, byte[]> content = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(run)) {
          // Hidden files (the run folder's .lock, #17) belong to the task's machine, not to the run's results.
          for (Path p : s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList())
            content.put(p.getFileName().toString(), Files.readAllBytes(p));
        }
        // Where the run trained: the executor and its JVM (tests check that a cluster's runs left the driver's).
        Map<String, Object> where = new LinkedHashMap<>();
        where.put("executorId", org.apache.spark.SparkEnv.get().executorId());
        where.put("pid", ProcessHandle.current().pid());
        where.put("host", hostName());
        where.put("stageId", context.stageId());
        where.put("partitionId", context.partitionId());
        where.put("attemptNumber", context.attemptNumber());
        where.put("taskAttemptId", context.taskAttemptId());
        content.put(TASK_FILE, Json.toJson(where).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return pack(content);
      } catch (IOException e) {
        throw new UncheckedIOException("task for " + json + ": " + e.getMessage(), e);
      } finally {
        if (root != null) deleteTree(root);
      }
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  static byte[] pack(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(files.size());
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeInt(e.getValue().length);
        out.write(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> unpack(byte[] packed) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        String name = in.readUTF();
        if (name.contains("/") || name.startsWith(".")) throw new IOException("unexpected file name " + name);
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        files.put(name, b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a task's result is damaged: " + e.getMessage(), e);
    }
    return files;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      // A temporary folder left behind is harmless; the run's files already left it.
    }
  }
}
