package org.aimc.experiments.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.aimc.experiments.io.AtomicFiles;
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

  private final Path dir;

  public RunFolder(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
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
      b.append(String.format(Locale.ROOT, "%nEmulated chip: %d transfers, %.3f s of chip time. Events:%n%n| event | count |%n|---|---:|%n",
          r.analog().transfers(), r.analog().chipSeconds()));
      r.analog().eventCounts().forEach((k, v) -> b.append("| ").append(k).append(" | ").append(String.format(Locale.ROOT, "%,d", v)).append(" |\n"));
    }
    if (r.energy() != null) b.append("\n").append(org.aimc.crossbar.energy.EnergyMarkdown.render(r.energy(), "Energy, power and area", false));
    b.append("\nResolved configuration and provenance: `result.json`. Per-epoch figures: `metrics.csv`.\n");
    return b.toString();
  }
}
