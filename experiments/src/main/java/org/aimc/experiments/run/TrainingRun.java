package org.aimc.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.energy.EnergyModel;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.HoldOut;
import org.aimc.datasets.LabeledImages;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.provenance.CodeVersion;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.AnalogNetwork;
import org.aimc.training.EpochMetrics;
import org.aimc.training.Examples;
import org.aimc.training.Learner;
import org.aimc.training.NetworkShape;
import org.aimc.training.Trainer;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingListener;

/**
 * One training run from a specification to a results folder: writes {@code spec.json}, loads the
 * data set (fetching on first use), splits off the validation part ({@link TrainSpec#holdOut()}),
 * trains, and after every epoch rewrites {@code metrics.csv} and {@code checkpoint.bin}; at the end
 * restores the epoch of best validation accuracy, reads the test set once for that state (unless told
 * not to: a search run) and writes the result. {@link #resume} continues an interrupted run from its
 * folder and ends with the same figures; {@link #testSelected} reads the test set later for a
 * finished search run that was chosen.
 */
public final class TrainingRun {
  public static final String SPEC = "spec.json";
  public static final String CHECKPOINT = "checkpoint.bin";
  /** The technology every run is priced with (calibrated to the paper's two headline figures). */
  public static final TechnologyTable TECHNOLOGY = TechnologyTable.ambrogio2018();

  private final TrainSpec spec;
  private final RunFolder folder;

  public TrainingRun(TrainSpec spec, Path out) {
    this.spec = spec;
    this.folder = new RunFolder(out);
  }

  /** The run whose folder is {@code dir}, from its {@code spec.json}. */
  public static TrainingRun inFolder(Path dir) {
    Path specFile = dir.resolve(SPEC);
    if (!Files.isRegularFile(specFile))
      throw new IllegalArgumentException("--resume " + dir + ": not a run folder (no " + SPEC + ")");
    try {
      return new TrainingRun(Json.MAPPER.readValue(specFile.toFile(), TrainSpec.class), dir);
    } catch (IOException e) {
      throw new IllegalArgumentException("--resume " + dir + ": cannot read " + SPEC + ": " + e.getMessage(), e);
    }
  }

  public TrainSpec spec() {
    return spec;
  }

  public Path dir() {
    return folder.dir();
  }

  public static Examples examples(LabeledImages images) {
    return new Examples(images.toUnitFloats(), images.labels(), images.pixelsPerImage());
  }

  /** Identifies configuration and code: a checkpoint resumes only a run with the same one. */
  private String fingerprint() {
    return Json.toJson(spec).replaceAll("\\s+", "") + " code " + CodeVersion.current();
  }

  /** Runs it from the start and tests the selected state; {@code display} hears of progress (a progress bar, log lines). */
  public TrainResult run(DataHome home, TrainingListener display) {
    return run(DataLoader.of(home), display, true);
  }

  /** Runs it from the start; reads the test set at the end only if {@code test}. */
  public TrainResult run(DataLoader data, TrainingListener display, boolean test) {
    // A fresh start: what an earlier run left here must not pass for this run's results.
    for (String stale : new String[] {RunFolder.RESULT, RunFolder.METRICS, RunFolder.SUMMARY, CHECKPOINT}) {
      try {
        Files.deleteIfExists(folder.dir().resolve(stale));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + folder.dir().resolve(stale) + ": " + e.getMessage(), e);
      }
    }
    Json.write(folder.dir().resolve(SPEC), spec);
    return execute(data, display, null, test);
  }

  /** Continues from the folder's last checkpoint and tests the selected state. */
  public TrainResult resume(DataHome home, TrainingListener display) {
    return resume(DataLoader.of(home), display, true);
  }

  /** Continues from the folder's last checkpoint; reads the test set at the end only if {@code test}. */
  public TrainResult resume(DataLoader data, TrainingListener display, boolean test) {
    byte[] bytes = checkpointBytes("--resume " + folder.dir() + ": no " + CHECKPOINT
        + " to resume from (the run stopped before its first checkpoint); start it again");
    try {
      return execute(data, display, bytes, test);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("the checkpoint"))
        throw new IllegalArgumentException(folder.dir().resolve(CHECKPOINT) + ": " + e.getMessage() + "; start the run again without --resume", e);
      throw e;
    }
  }

  private byte[] checkpointBytes(String missing) {
    Path file = folder.dir().resolve(CHECKPOINT);
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(missing);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the test set once for the selected state of this finished run (whose result was written
   * without it), from the epoch kept in its last checkpoint, and rewrites the result with it.
   */
  public TrainResult testSelected(DataLoader data, TrainResult finished) {
    byte[] bytes = checkpointBytes(folder.dir() + ": no " + CHECKPOINT + " holds the selected state; delete the folder to run it again");
    TrainingConfig config = spec.config();
    Learner learner = config.learner(spec.shape(), spec.seed());
    int epoch = trainer(config).restoreSelected(learner, bytes);
    if (epoch != finished.selectedEpoch())
      throw new IllegalStateException(folder.dir() + ": the checkpoint selects epoch " + epoch + ", result.json epoch " + finished.selectedEpoch());
    TrainResult r = finished.withTestAccuracy(learner.accuracy(examples(data.load(spec.dataset()).test())));
    folder.writeResult(r);
    return r;
  }

  private Trainer trainer(TrainingConfig config) {
    return new Trainer(new Trainer.Plan(spec.epochs(), config.learningRate(), config.learningRateDecay(), spec.seed(), 0, fingerprint()));
  }

  private TrainResult execute(DataLoader loader, TrainingListener display, byte[] checkpoint, boolean readTest) {
    NetworkShape network = spec.shape();
    DatasetSplit data = loader.load(spec.dataset());
    if (data.train().pixelsPerImage() != network.inputs())
      throw new IllegalArgumentException("--network " + network + " has " + network.inputs() + " inputs, but " + spec.dataset()
          + " images have " + data.train().pixelsPerImage() + " pixels; use e.g. " + data.train().pixelsPerImage() + "-250-125-10");
    HoldOut holdOut = spec.holdOut();
    HoldOut.Images parts = holdOut.apply(data.train());
    Examples train = examples(parts.train());
    Examples validation = examples(parts.validation());
    List<EpochMetrics> done = new ArrayList<>();
    TrainingListener writer = new TrainingListener() {
      @Override
      public void resumed(List<EpochMetrics> history) {
        done.addAll(history);
      }

      @Override
      public void epochFinished(EpochMetrics m) {
        done.add(m);
      }

      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {
        byte[] bytes = state.get();
        AtomicFiles.write(folder.dir().resolve(CHECKPOINT), out -> out.write(bytes));
        if (!done.isEmpty()) folder.writeMetrics(done);
      }
    };
    TrainingListener listener = TrainingListener.both(writer, display);
    TrainingConfig config = spec.config();
    Learner learner = config.learner(network, spec.seed());
    Trainer trainer = trainer(config);
    RunProvenance provenance = RunProvenance.capture(learner.kernel(), Trainer.RNG.name(), spec.seed(), Datasets.checksums(spec.dataset()));
    long start = System.nanoTime();
    Trainer.Outcome outcome = checkpoint == null
        ? trainer.train(learner, train, validation, listener)
        : trainer.resume(learner, train, validation, listener, checkpoint);
    double wall = (System.nanoTime() - start) / 1e9;
    double trainingSeconds = outcome.epochs().stream().mapToDouble(EpochMetrics::trainingSeconds).sum();
    EpochMetrics selected = outcome.selected();
    AnalogNetwork analog = learner instanceof AnalogNetwork a ? a : null;
    // The test set, once, for the selected state only.
    Double test = readTest ? outcome.learner().accuracy(examples(data.test())) : null;
    TrainResult.Split split = new TrainResult.Split(train.count(), validation.count(), data.test().count(), holdOut.seed(), holdOut.describe());
    TrainResult r = new TrainResult(spec.dataset(), spec.network(), spec.configName(), spec.epochs(), test,
        selected.trainAccuracy(), selected.validationAccuracy(), outcome.selectedEpoch(), split, wall, (double) train.count() * outcome.epochs().size() / trainingSeconds, outcome.epochs(),
        Map.of("spec", spec, "config", config),
        analog == null ? null : AnalogSummary.of(analog),
        analog == null ? null : EnergyModel.report(analog.phaseCounts(), config.analog().tile(), TECHNOLOGY, train.count()),
        analog == null ? null : analog.phaseCounts(), provenance);
    folder.writeResult(r);
    return r;
  }
}
