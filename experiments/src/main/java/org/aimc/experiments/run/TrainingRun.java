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
 * data set (fetching on first use), trains, and after every epoch rewrites {@code metrics.csv} and
 * {@code checkpoint.bin}; at the end writes the result. {@link #resume} continues an interrupted
 * run from its folder and ends with the same figures.
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

  /** Runs it from the start; {@code display} hears of progress (a progress bar, log lines). */
  public TrainResult run(DataHome home, TrainingListener display) {
    // A fresh start: what an earlier run left here must not pass for this run's results.
    for (String stale : new String[] {RunFolder.RESULT, RunFolder.METRICS, RunFolder.SUMMARY, CHECKPOINT}) {
      try {
        Files.deleteIfExists(folder.dir().resolve(stale));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + folder.dir().resolve(stale) + ": " + e.getMessage(), e);
      }
    }
    Json.write(folder.dir().resolve(SPEC), spec);
    return execute(home, display, null);
  }

  /** Continues from the folder's last checkpoint. */
  public TrainResult resume(DataHome home, TrainingListener display) {
    Path file = folder.dir().resolve(CHECKPOINT);
    if (!Files.isRegularFile(file))
      throw new IllegalArgumentException("--resume " + folder.dir() + ": no " + CHECKPOINT + " to resume from (the run stopped before its first checkpoint); start it again");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return execute(home, display, bytes);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("the checkpoint"))
        throw new IllegalArgumentException(file + ": " + e.getMessage() + "; start the run again without --resume", e);
      throw e;
    }
  }

  /** The resolved configuration recorded in result.json; for features also how inputs were scaled and where the features came from. */
  private static Map<String, Object> resolved(TrainSpec spec, TrainingConfig config, TrainingData.Loaded data) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("spec", spec);
    m.put("config", config);
    if (data.scaling().min() != null) m.put("inputScaling", data.scaling());
    if (data.featureProvenance() != null) m.put("features", data.featureProvenance());
    return m;
  }

  private TrainResult execute(DataHome home, TrainingListener display, byte[] checkpoint) {
    NetworkShape network = spec.shape();
    TrainingData.Loaded data = TrainingData.load(spec.dataset(), home);
    if (data.train().inputs() != network.inputs())
      throw new IllegalArgumentException("--network " + network + " has " + network.inputs() + " inputs, but " + spec.dataset()
          + " examples have " + data.train().inputs() + " values; use e.g. " + data.train().inputs() + "-" + network.outputs());
    if (data.classes() > network.outputs())
      throw new IllegalArgumentException("--network " + network + " has " + network.outputs() + " outputs, but " + spec.dataset()
          + " has " + data.classes() + " classes; use e.g. " + network.inputs() + "-" + data.classes());
    Examples train = data.train();
    Examples test = data.test();
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
    Trainer trainer = new Trainer(new Trainer.Plan(spec.epochs(), config.learningRate(), config.learningRateDecay(),
        spec.seed(), 0, fingerprint()));
    RunProvenance provenance = RunProvenance.capture(learner.kernel(), Trainer.RNG.name(), spec.seed(), data.checksums());
    long start = System.nanoTime();
    Trainer.Outcome outcome = checkpoint == null
        ? trainer.train(learner, train, test, listener)
        : trainer.resume(learner, train, test, listener, checkpoint);
    double wall = (System.nanoTime() - start) / 1e9;
    double trainingSeconds = outcome.epochs().stream().mapToDouble(EpochMetrics::trainingSeconds).sum();
    EpochMetrics last = outcome.last();
    AnalogNetwork analog = learner instanceof AnalogNetwork a ? a : null;
    double best = outcome.epochs().stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
    TrainResult r = new TrainResult(spec.dataset(), spec.network(), spec.configName(), spec.epochs(), last.testAccuracy(),
        last.trainAccuracy(), best, wall, (double) train.count() * outcome.epochs().size() / trainingSeconds, outcome.epochs(),
        resolved(spec, config, data),
        analog == null ? null : AnalogSummary.of(analog),
        analog == null ? null : EnergyModel.report(analog.phaseCounts(), config.analog().tile(), TECHNOLOGY, train.count()),
        analog == null ? null : analog.phaseCounts(), provenance);
    folder.writeResult(r);
    return r;
  }
}
