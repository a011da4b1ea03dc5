package org.aimc.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.IoErrors;
import org.aimc.experiments.io.Json;
import org.aimc.training.EpochMetrics;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * A run's results folder: {@code result.json}, {@code metrics.csv} (one row per epoch) and
 * {@code summary.md}. Each file is written atomically; metrics.csv is rewritten after every epoch,
 * so an interrupted run still leaves the epochs it finished.
 */
public final class RunFolder {
  public static final String RESULT = "result.json";
  public static final String METRICS = "metrics.csv";
  public static final String SUMMARY = "summary.md";
  /** How the run ended when it did not finish: {@code status} "failed" and the {@code error}. */
  public static final String STATUS = "status.json";
  /** Held (an OS file lock) by the one process writing into the folder; says who that is. */
  public static final String LOCK = ".lock";

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /**
   * Takes the folder for this process (creating it): an exclusive OS lock on {@value #LOCK}, which
   * the OS releases when the process ends, even on kill -9. A second run into the same folder is
   * refused with the owner's pid and start time, so two runs never mix their files.
   *
   * @throws IllegalArgumentException if another run holds the folder
   * @throws UncheckedIOException naming the folder, if it cannot be created or locked
   */
  public Lock lock() {
    Path file = dir.resolve(LOCK);
    FileChannel channel;
    try {
      Files.createDirectories(dir);
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      String why = IoErrors.reason(e);
      if (why.startsWith(dir + ": ")) why = why.substring(dir.toString().length() + 2);
      throw new UncheckedIOException("cannot create the results folder " + dir + ": " + why, e);
    }
    try {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held by this same process (another run in it)
      }
      if (lock == null) {
        String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        channel.close();
        throw new IllegalArgumentException(dir + " is in use by another aimc run (" + (owner.isEmpty() ? "owner unknown" : owner)
            + "); wait for it to end, or give another --out");
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return new Lock(channel, lock);
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // the lock goes with the channel
      }
      throw new UncheckedIOException("cannot lock the results folder " + dir + ": " + IoErrors.reason(e), e);
    }
  }

  /**
   * Runs {@code work} holding the lock of a batch folder (a sweep's, a comparison's), so that a
   * second {@code aimc sweep} or {@code reproduce} into it is refused up front instead of training
   * the same runs and interleaving its rows. A folder this call created and that the work left
   * empty (it failed before its first run) is removed again.
   */
  public static <T> T holding(Path dir, java.util.function.Supplier<T> work) {
    boolean created = !Files.exists(dir);
    RunFolder folder = new RunFolder(dir);
    boolean ok = false;
    try (Lock lock = folder.lock()) {
      T t = work.get();
      ok = true;
      return t;
    } finally {
      if (!ok && created) {
        try (var s = Files.list(dir)) {
          if (s.allMatch(p -> p.getFileName().toString().equals(LOCK))) {
            Files.deleteIfExists(dir.resolve(LOCK));
            Files.deleteIfExists(dir);
          }
        } catch (IOException | UncheckedIOException e) {
          // the folder stays; the error that stopped the work is what matters
        }
      }
    }
  }

  /** The folder's lock; closing it lets another run in. */
  public static final class Lock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Lock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
        channel.close();
      } catch (IOException e) {
        // closing the channel releases the lock in any case
      }
    }
  }

  /** Removes the temporary files that an atomic write killed half-way left behind ({@code .NAME.*.tmp}). Call with the lock held. */
  public void removeOrphanTemporaries() {
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(dir, ".*.tmp")) {
      for (Path p : tmp) Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear temporary files in " + dir + ": " + IoErrors.reason(e), e);
    }
  }

  /** Records that the run stopped with {@code error}, so the folder says why it holds no result; a resume is proposed. */
  public void writeFailure(String error) {
    writeFailure(error, "aimc train --resume " + dir, "continue from the last checkpoint: aimc train --resume " + dir);
  }

  /**
   * Records that the run stopped with {@code error} and what to do next ({@code advice}, in words);
   * {@code resume} is the resume command where a resume can work, null where it cannot (a damaged
   * checkpoint, none written yet), so the folder never proposes a command that fails again.
   */
  public void writeFailure(String error, String resume, String advice) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("status", "failed");
    status.put("error", error);
    status.put("at", Instant.now().toString());
    if (resume != null) status.put("resume", resume);
    status.put("advice", advice);
    Json.write(dir.resolve(STATUS), status);
  }

  public void writeMetrics(List<EpochMetrics> epochs) {
    Table t = Table.create("metrics",
        IntColumn.create("epoch", epochs.stream().mapToInt(EpochMetrics::epoch).toArray()),
        DoubleColumn.create("learning_rate", epochs.stream().mapToDouble(EpochMetrics::learningRate).toArray()),
        DoubleColumn.create("train_loss", epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray()),
        DoubleColumn.create("train_accuracy", epochs.stream().mapToDouble(EpochMetrics::trainAccuracy).toArray()),
        DoubleColumn.create("validation_accuracy", epochs.stream().mapToDouble(EpochMetrics::validationAccuracy).toArray()),
        DoubleColumn.create("training_seconds", epochs.stream().mapToDouble(EpochMetrics::trainingSeconds).toArray()),
        DoubleColumn.create("seconds", epochs.stream().mapToDouble(EpochMetrics::seconds).toArray()));
    AtomicFiles.writeCsv(dir.resolve(METRICS), t);
  }

  public void writeResult(TrainResult r) {
    writeMetrics(r.perEpoch());
    Json.write(dir.resolve(RESULT), r);
    AtomicFiles.writeString(dir.resolve(SUMMARY), summary(r));
    try {
      Files.deleteIfExists(dir.resolve(STATUS)); // a failure an earlier attempt recorded is over
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + dir.resolve(STATUS) + ": " + IoErrors.reason(e), e);
    }
  }

  static String summary(TrainResult r) {
    StringBuilder b = new StringBuilder();
    b.append("# aimc train: ").append(r.config()).append(" on ").append(r.dataset()).append("\n\n");
    b.append(String.format(Locale.ROOT, "| | |%n|---|---|%n| network | %s |%n| configuration | %s |%n| epochs | %d |%n"
            + "| **test accuracy** (selected epoch, read once) | **%s** |%n| validation accuracy | %.2f %% |%n| train accuracy | %.2f %% |%n"
            + "| selected epoch (best validation) | %d |%n| split train / validation / test | %,d / %,d / %,d |%n"
            + "| wall time | %.1f s |%n| training speed | %.0f examples/s |%n| seed | %d |%n| code | %s (%s) |%n| kernel | %s |%n%n",
        r.network(), r.config(), r.epochs(),
        r.testAccuracy() == null ? "not read (search run)" : String.format(Locale.ROOT, "%.2f %%", 100 * r.testAccuracy()),
        100 * r.validationAccuracy(), 100 * r.trainAccuracy(), r.selectedEpoch(), r.split().trainExamples(),
        r.split().validationExamples(), r.split().testExamples(),
        r.wallSeconds(), r.trainingExamplesPerSecond(), r.provenance().seed(), r.provenance().version(), r.provenance().commit(),
        r.provenance().kernel()));
    b.append("| epoch | learning rate | train loss | train acc. | validation acc. | seconds |\n|---:|---:|---:|---:|---:|---:|\n");
    for (EpochMetrics m : r.perEpoch())
      b.append(String.format(Locale.ROOT, "| %d | %.4g | %.4f | %.2f %% | %.2f %% | %.1f |%n",
          m.epoch(), m.learningRate(), m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.validationAccuracy(), m.seconds()));
    if (r.analog() != null) {
      b.append(String.format(Locale.ROOT,
          "%nEmulated chip: %d transfers, %.4g s of chip time (%.4g µs per training example, %.4g ms per transfer). Events:%n%n| event | count |%n|---|---:|%n",
          r.analog().transfers(), r.analog().chipSeconds(), 1e6 * r.analog().secondsPerExample(), 1e3 * r.analog().secondsPerTransfer()));
      r.analog().eventCounts().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%,d", v)).append(" |\n"));
    }
    if (r.energy() != null) b.append("\n").append(org.aimc.crossbar.energy.EnergyMarkdown.render(r.energy(), "Energy, power and area", false));
    b.append("\nResolved configuration and provenance: `result.json`. Per-epoch figures: `metrics.csv`.\n");
    return b.toString();
  }
}
