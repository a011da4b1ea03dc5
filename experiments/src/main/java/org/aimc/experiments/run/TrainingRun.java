package org.aimc.experiments.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.aimc.crossbar.energy.EnergyModel;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.HoldOut;
import org.aimc.datasets.LabeledImages;
import org.aimc.experiments.io.AtomicFiles;
import org.aimc.experiments.io.IoErrors;
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
 * data set (fetching on first use), splits off the validation part ({@link TrainSpec#holdOut(int)}),
 * trains, and after every epoch rewrites {@code metrics.csv} and {@code checkpoint.bin}; at the end
 * restores the epoch of best validation accuracy, reads the test set once for that state (unless told
 * not to: a search run) and writes the result. {@link #resume} continues an interrupted run from its
 * folder and ends with the same figures; {@link #testSelected} reads the test set later for a
 * finished search run that was chosen.
 */
public final class TrainingRun {
  public static final String SPEC = "spec.json";
  public static final String CHECKPOINT = "checkpoint.bin";
  /** The SHA-256 of every data file, written when the run starts: a resume on other data is refused. */
  public static final String DATA_SUMS = "data-sha256.json";

  /** The keys {@code --resume DIR --set} may change: they steer the rest of the run, not the state a checkpoint holds. */
  public static final List<String> RESUMABLE_KEYS = List.of("learningRate", "learningRateDecay");
  /** Amendments made at resumes ({@code --resume DIR --set}), in order; their record in the folder. */
  public static final String AMENDMENTS = "amendments.json";
  /** Default: a checkpoint after this much training wall time (besides every epoch end), s. */
  public static final double DEFAULT_CHECKPOINT_SECONDS = 300;
  /** How often the time-based default looks at the clock, examples. */
  private static final long CHECKPOINT_POLL_EXAMPLES = 1_000;
  /**
   * Train accuracy below chance + this share of the distance from chance to 100 % counts as "at
   * chance" (10 classes: below 14.5 %), and is warned of after every epoch.
   */
  static final double AT_CHANCE_MARGIN = 0.05;

  private final TrainSpec spec;
  private final RunFolder folder;
  private final long checkpointEveryExamples;

  public TrainingRun(TrainSpec spec, Path out) {
    this(spec, out, 0);
  }

  /**
   * @param checkpointEveryExamples a checkpoint every this many examples (besides every epoch end);
   *     0: every {@value #DEFAULT_CHECKPOINT_SECONDS} s of training
   */
  public TrainingRun(TrainSpec spec, Path out, long checkpointEveryExamples) {
    if (out.toString().isBlank()) throw new IllegalArgumentException("--out '' is empty: give a folder name, e.g. --out runs/my-run");
    if (checkpointEveryExamples < 0)
      throw new IllegalArgumentException("--checkpoint-every " + checkpointEveryExamples + " must be ≥ 0 examples (0: every " + (int) DEFAULT_CHECKPOINT_SECONDS + " s)");
    this.spec = spec;
    this.folder = new RunFolder(out);
    this.checkpointEveryExamples = checkpointEveryExamples;
  }

  /** The run whose folder is {@code dir}, from its {@code spec.json}. */
  public static TrainingRun inFolder(Path dir) {
    return inFolder(dir, 0);
  }

  /** As {@link #inFolder(Path)}, checkpointing every {@code checkpointEveryExamples} (0: by time). */
  public static TrainingRun inFolder(Path dir, long checkpointEveryExamples) {
    Path specFile = dir.resolve(SPEC);
    if (!Files.isRegularFile(specFile))
      throw new IllegalArgumentException("--resume " + dir + ": not a run folder (no " + SPEC + ")");
    try {
      return new TrainingRun(Json.MAPPER.readValue(specFile.toFile(), TrainSpec.class), dir, checkpointEveryExamples);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      String field = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
          ? ", field '" + m.getPath().get(m.getPath().size() - 1).getFieldName() + "'" : "";
      throw new IllegalArgumentException("--resume " + dir + ": cannot read " + SPEC + (at == null ? "" : " (line " + at.getLineNr() + field + ")")
          + ": " + e.getOriginalMessage().replaceAll("\\s*\\((but could if|set DeserializationConfig)[^)]*\\)", "")
          + " (spec.json is written by aimc train; restore the value it wrote)", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("--resume " + dir + ": cannot read " + SPEC + ": " + IoErrors.reason(e), e);
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

  /**
   * Identifies configuration, code and kernel: a checkpoint resumes only a run with the same one.
   * The keys a resume may change ({@link #RESUMABLE_KEYS}) are left out, so that lowering the
   * learning rate keeps the checkpoint. The kernel is in it because vector widths round sums
   * differently: a resume on another kernel would not give the uninterrupted run's numbers.
   */
  String fingerprint(String kernel) {
    List<String> kept = spec.overrides().stream().filter(o -> !RESUMABLE_KEYS.contains(key(o))).toList();
    TrainSpec base = new TrainSpec(spec.dataset(), spec.network(), spec.configName(), kept, spec.epochs(), spec.seed(), spec.validation());
    return Json.toJson(base).replaceAll("\\s+", "") + " code " + CodeVersion.current() + KERNEL + kernel;
  }

  private static final String KERNEL = " kernel ";

  private static String key(String override) {
    int eq = override.indexOf('=');
    return (eq < 0 ? override : override.substring(0, eq)).strip();
  }

  /** Runs it from the start and tests the selected state, refusing a folder that already holds a run. */
  public TrainResult run(DataHome home, TrainingListener display) {
    return run(home, display, false);
  }

  /**
   * Runs it from the start; {@code display} hears of progress (a progress bar, log lines). The data
   * are loaded and checked against the network before the folder is touched, so a mismatch leaves
   * nothing behind.
   *
   * @param overwrite replace a run (finished or interrupted) already in the folder; without it, such a folder is refused
   */
  public TrainResult run(DataHome home, TrainingListener display, boolean overwrite) {
    return run(DataLoader.of(home), display, true, overwrite);
  }

  /** As {@link #run(DataHome, TrainingListener, boolean)} on data from {@code load} (tests pass small ones). */
  TrainResult run(Supplier<DatasetSplit> load, TrainingListener display, boolean overwrite) {
    return run(name -> load.get(), display, true, overwrite);
  }

  /**
   * Runs it from the start on data from {@code loader}; reads the test set at the end only if
   * {@code test} (a search run that may not be chosen does not).
   */
  public TrainResult run(DataLoader loader, TrainingListener display, boolean test, boolean overwrite) {
    TrainingData.Loaded data = TrainingData.load(spec, loader);
    try (RunFolder.Lock lock = folder.lock()) {
      Path existing = Files.isRegularFile(folder.dir().resolve(RunFolder.RESULT)) ? folder.dir().resolve(RunFolder.RESULT)
          : Files.isRegularFile(folder.dir().resolve(SPEC)) ? folder.dir().resolve(SPEC) : null;
      if (existing != null && !overwrite)
        throw new IllegalArgumentException(folder.dir() + " already holds " + (existing.endsWith(RunFolder.RESULT) ? "a finished run" : "an interrupted run")
            + " (" + existing.getFileName() + "); give another --out, continue it with --resume " + folder.dir() + ", or pass --overwrite to replace it");
      // A fresh start: what an earlier run left here must not pass for this run's results.
      for (String stale : new String[] {RunFolder.RESULT, RunFolder.METRICS, RunFolder.SUMMARY, RunFolder.STATUS, CHECKPOINT, AMENDMENTS, DATA_SUMS}) {
        try {
          Files.deleteIfExists(folder.dir().resolve(stale));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot clear " + folder.dir().resolve(stale) + ": " + IoErrors.reason(e), e);
        }
      }
      folder.removeOrphanTemporaries();
      Json.write(folder.dir().resolve(DATA_SUMS), data.checksums());
      Json.write(folder.dir().resolve(SPEC), spec);
      return execute(data, display, null, List.of(), test);
    }
  }

  /** Continues from the folder's last checkpoint, as its spec.json says, and tests the selected state. */
  public TrainResult resume(DataHome home, TrainingListener display) {
    return resume(home, display, List.of());
  }

  /**
   * Continues from the folder's last checkpoint, with {@code changes} ({@code key=value} of
   * {@link #RESUMABLE_KEYS}, e.g. a lower learning rate after a divergence) applied from here on:
   * they join spec.json's overrides and are recorded, with when they were made, in
   * {@value #AMENDMENTS} and in result.json. A finished run is returned as it is, untouched.
   */
  public TrainResult resume(DataHome home, TrainingListener display, List<String> changes) {
    return resume(DataLoader.of(home), display, changes, true);
  }

  /** As {@link #resume(DataHome, TrainingListener, List)} on data from {@code load}. */
  TrainResult resume(Supplier<DatasetSplit> load, TrainingListener display, List<String> changes) {
    return resume(name -> load.get(), display, changes, true);
  }

  /** Continues from the folder's last checkpoint; reads the test set at the end only if {@code test}. */
  public TrainResult resume(DataLoader loader, TrainingListener display, List<String> changes, boolean test) {
    for (String c : changes)
      if (!RESUMABLE_KEYS.contains(key(c)))
        throw new IllegalArgumentException("--resume --set " + c + ": a resume may change only " + String.join(", ", RESUMABLE_KEYS)
            + "; the checkpoint holds the state every other key made (start a new run to change it)");
    Path resultFile = folder.dir().resolve(RunFolder.RESULT);
    if (Files.isRegularFile(resultFile)) {
      if (!changes.isEmpty())
        throw new IllegalArgumentException("--resume " + folder.dir() + ": the run has finished (" + RunFolder.RESULT + "); there is nothing left to change");
      TrainResult r;
      try {
        r = Json.MAPPER.readValue(resultFile.toFile(), TrainResult.class);
      } catch (IOException e) {
        throw new IllegalArgumentException(resultFile + " cannot be read (" + e.getMessage() + "); start the run again with --overwrite", e);
      }
      // A finished run is handed back only if its figures are possible and it is this run's (spec, seed, data).
      String problem = ReusedResult.problem(resultFile, r, spec, TrainingData.checksums(spec.dataset(), loader));
      if (problem != null)
        throw new IllegalArgumentException(resultFile + " cannot stand for this run: " + problem + "; the file is damaged or not this run's."
            + " Start the run again with --overwrite (or give another --out)");
      return r;
    }
    Path file = folder.dir().resolve(CHECKPOINT);
    if (!Files.isRegularFile(file))
      throw new IllegalArgumentException("--resume " + folder.dir() + ": no " + CHECKPOINT + " to resume from (the run stopped before its first checkpoint); start it again with --overwrite");
    TrainSpec amended = changes.isEmpty() ? spec : amend(changes);
    TrainingData.Loaded data = TrainingData.load(amended, loader);
    checkSameData(data.checksums());
    try (RunFolder.Lock lock = folder.lock()) {
      folder.removeOrphanTemporaries();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
      }
      List<Map<String, Object>> amendments = readAmendments();
      TrainingRun run = this;
      if (!changes.isEmpty()) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("at", java.time.Instant.now().toString());
        a.put("set", List.copyOf(changes));
        a.put("before", spec.overrides());
        a.put("checkpointBytes", bytes.length);
        amendments.add(a);
        run = new TrainingRun(amended, folder.dir(), checkpointEveryExamples);
      }
      try {
        return run.execute(data, display, bytes, amendments, test);
      } catch (IllegalArgumentException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("the checkpoint"))
          throw new IllegalArgumentException(file + ": " + e.getMessage() + "; start the run again with --overwrite", e);
        throw e;
      }
    }
  }

  /**
   * Refuses a resume on data files other than those the run started on ({@value #DATA_SUMS}; a
   * folder from before that file is not checked): the run would go on, silently, on other data.
   */
  private void checkSameData(Map<String, String> now) {
    Path f = folder.dir().resolve(DATA_SUMS);
    if (!Files.isRegularFile(f)) return;
    Map<String, String> before;
    try {
      before = Json.MAPPER.readValue(f.toFile(), new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, String>>() {});
    } catch (IOException e) {
      throw new IllegalArgumentException(f + " cannot be read (" + e.getMessage() + "); it records the data the run started on."
          + " Start the run again with --overwrite", e);
    }
    if (!before.equals(now))
      throw new IllegalArgumentException("--resume " + folder.dir() + ": the data changed since the run started: "
          + ReusedResult.dataDifference(before, now) + " (" + f.getFileName() + "). Put back the files the run started on and resume,"
          + " or start the run again on the new data with --overwrite");
  }

  /** The spec with {@code changes} in place of any earlier override of the same keys. */
  private TrainSpec amend(List<String> changes) {
    List<String> keys = changes.stream().map(TrainingRun::key).toList();
    List<String> overrides = new ArrayList<>(spec.overrides().stream().filter(o -> !keys.contains(key(o))).toList());
    overrides.addAll(changes);
    return new TrainSpec(spec.dataset(), spec.network(), spec.configName(), overrides, spec.epochs(), spec.seed(), spec.validation());
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> readAmendments() {
    Path f = folder.dir().resolve(AMENDMENTS);
    if (!Files.isRegularFile(f)) return new ArrayList<>();
    try {
      return new ArrayList<>(Json.MAPPER.readValue(f.toFile(), List.class));
    } catch (IOException e) {
      throw new IllegalArgumentException(f + " cannot be read (" + e.getMessage() + "); delete it only if no resume changed the run", e);
    }
  }


  /** Trains with the folder locked; on a failure the folder's status.json says why, and the error goes on up. */
  private TrainResult execute(TrainingData.Loaded data, TrainingListener display, byte[] checkpoint, List<Map<String, Object>> amendments,
                              boolean readTest) {
    try {
      return train(data, display, checkpoint, amendments, readTest);
    } catch (RuntimeException | Error e) {
      try {
        String error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String dir = folder.dir().toString();
        String resume = "aimc train --resume " + dir;
        if (e instanceof IllegalArgumentException && error.startsWith("the checkpoint")) {
          folder.writeFailure(error, null, "the checkpoint cannot be used: start the run again (your aimc train command with --overwrite)");
        } else if (!Files.isRegularFile(folder.dir().resolve(CHECKPOINT))) {
          folder.writeFailure(error, null, "the run stopped before its first checkpoint, so there is nothing to resume: start it again"
              + " (your aimc train command with --overwrite)");
        } else if (e instanceof org.aimc.training.TrainingDivergedException) {
          folder.writeFailure(error, resume + " --set learningRate=…", "lower the learning rate and continue from the last checkpoint: "
              + resume + " --set learningRate=… (below the one that diverged)");
        } else if (e instanceof IllegalArgumentException) {
          folder.writeFailure(error, resume, "fix what the error names, then continue from the last checkpoint: " + resume
              + " (or start again with --overwrite)");
        } else {
          folder.writeFailure(error);
        }
      } catch (RuntimeException second) {
        e.addSuppressed(second);
      }
      throw e;
    }
  }

  private byte[] checkpointBytes(String missing) {
    Path file = folder.dir().resolve(CHECKPOINT);
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(missing);
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + IoErrors.reason(e), e);
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
    int epoch = trainer(config, fingerprint(learner.kernel()), 0).restoreSelected(learner, bytes);
    if (epoch != finished.selectedEpoch())
      throw new IllegalStateException(folder.dir() + ": the checkpoint selects epoch " + epoch + ", result.json epoch " + finished.selectedEpoch());
    TrainResult r = finished.withTestAccuracy(learner.accuracy(TrainingData.load(spec, data).test()));
    folder.writeResult(r);
    return r;
  }

  private Trainer trainer(TrainingConfig config, String fingerprint, long checkpointEvery) {
    return new Trainer(new Trainer.Plan(spec.epochs(), config.learningRate(), config.learningRateDecay(), spec.seed(), checkpointEvery, fingerprint,
        config.evaluateBeforeTransfer(), config.trainAccuracyExamples()));
  }

  private TrainResult train(TrainingData.Loaded data, TrainingListener display, byte[] checkpoint, List<Map<String, Object>> amendments, boolean readTest) {
    NetworkShape network = spec.shape();
    HoldOut holdOut = data.holdOut();
    Examples train = data.train();
    Examples validation = data.validation();
    TrainingConfig config = spec.config();
    Learner learner = config.learner(network, spec.seed());
    String fingerprint = fingerprint(learner.kernel());
    if (checkpoint != null) checkKernel(checkpoint, learner.kernel());
    List<EpochMetrics> done = new ArrayList<>();
    double[] earlierSeconds = {0}; // wall time of the epochs earlier sessions finished (a resume's history)
    List<String> warnings = new ArrayList<>();
    double chance = 1.0 / network.outputs();
    long[] lastCheckpointNanos = {System.nanoTime()};
    TrainingListener writer = new TrainingListener() {
      @Override
      public void resumed(List<EpochMetrics> history) {
        done.addAll(history);
        earlierSeconds[0] = history.stream().mapToDouble(EpochMetrics::seconds).sum();
      }

      @Override
      public void epochFinished(EpochMetrics m) {
        done.add(m);
        // A finite loss can hide a collapse: the network answers one class (or noise) for every input.
        if (m.trainAccuracy() < chance + AT_CHANCE_MARGIN * (1 - chance)) {
          String w = String.format(Locale.ROOT, "epoch %d: train accuracy %.2f %% is at chance (%.2f %% for %d classes): the run learns"
              + " nothing; lower the learning rate (resume with --set learningRate=…) or check the configuration",
              m.epoch(), 100 * m.trainAccuracy(), 100 * chance, network.outputs());
          warnings.add(w);
          display.warning(w);
        }
      }

      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {
        boolean epochEnd = done.size() > 0 && examplesSeen == (long) done.get(done.size() - 1).epoch() * train.count();
        if (!epochEnd && checkpointEveryExamples == 0 && System.nanoTime() - lastCheckpointNanos[0] < DEFAULT_CHECKPOINT_SECONDS * 1e9) return;
        byte[] bytes = state.get();
        AtomicFiles.write(folder.dir().resolve(CHECKPOINT), out -> out.write(bytes));
        if (!done.isEmpty()) folder.writeMetrics(done);
        lastCheckpointNanos[0] = System.nanoTime();
      }
    };
    for (String w : data.warnings()) {
      warnings.add(w);
      display.warning(w);
    }
    if (!amendments.isEmpty()) { // the checkpoint is known good (checkKernel verified it): record the change, then make it
      Json.write(folder.dir().resolve(AMENDMENTS), amendments);
      Json.write(folder.dir().resolve(SPEC), spec);
    }
    TrainingListener listener = TrainingListener.both(writer, display);
    long every = checkpointEveryExamples > 0 ? checkpointEveryExamples : CHECKPOINT_POLL_EXAMPLES;
    Trainer trainer = trainer(config, fingerprint, every);
    RunProvenance provenance = RunProvenance.capture(learner.kernel(), Trainer.RNG.name(), spec.seed(), data.checksums());
    long start = System.nanoTime();
    Trainer.Outcome outcome = checkpoint == null
        ? trainer.train(learner, train, validation, listener)
        : trainer.resume(learner, train, validation, listener, checkpoint);
    // A resumed run's wall time counts the epochs earlier sessions finished too, not only this session's.
    double wall = (System.nanoTime() - start) / 1e9 + earlierSeconds[0];
    double trainingSeconds = outcome.epochs().stream().mapToDouble(EpochMetrics::trainingSeconds).sum();
    EpochMetrics selected = outcome.selected();
    AnalogNetwork analog = learner instanceof AnalogNetwork a ? a : null;
    // The test set, once, for the selected state only.
    Double test = readTest ? outcome.learner().accuracy(data.test()) : null;
    // The epochs measured a sample of the training split; the run's figure is the whole split's, on the selected state.
    double trainAccuracy = Examples.isSample(config.trainAccuracyExamples(), train.count()) ? outcome.learner().accuracy(train) : selected.trainAccuracy();
    TrainResult.Split split = new TrainResult.Split(train.count(), validation.count(), data.test().count(), holdOut.seed(), holdOut.describe());
    Map<String, Object> resolved = new LinkedHashMap<>();
    resolved.put("spec", spec);
    resolved.put("config", config);
    if (data.scaling().min() != null) resolved.put("inputScaling", data.scaling());
    if (data.featureProvenance() != null) resolved.put("features", data.featureProvenance());
    if (!amendments.isEmpty()) resolved.put("amendments", amendments);
    TrainResult r = new TrainResult(spec.dataset(), spec.network(), spec.configName(), spec.epochs(), test,
        trainAccuracy, selected.validationAccuracy(), outcome.selectedEpoch(), split, wall,
        (double) train.count() * outcome.epochs().size() / trainingSeconds, outcome.epochs(),
        resolved,
        analog == null ? null : AnalogSummary.of(analog),
        analog == null ? null : EnergyModel.report(analog.phaseCounts(), config.analog().tile(), config.analog().clock().technologyTable(), train.count()),
        analog == null ? null : analog.phaseCounts(), provenance, List.copyOf(warnings));
    folder.writeResult(r);
    return r;
  }

  /**
   * Refuses a resume on another matrix-vector kernel than the one that wrote the checkpoint: the
   * vector width changes the order of each sum's additions, so the numbers would not be the
   * uninterrupted run's.
   */
  private void checkKernel(byte[] checkpoint, String kernel) {
    String written = Trainer.fingerprintOf(checkpoint);
    int at = written.lastIndexOf(KERNEL);
    String theirs = at < 0 ? "(not recorded)" : written.substring(at + KERNEL.length());
    if (!theirs.equals(kernel))
      throw new IllegalArgumentException("the checkpoint was written with the " + theirs + " matrix-vector kernel, this machine runs " + kernel
          + ": vector widths round sums differently, so the resumed run would not give the uninterrupted run's figures."
          + " Resume on a machine with the " + theirs + " kernel (AIMC_JAVA_OPTS=-D" + org.aimc.crossbar.periphery.MvmKernels.PROPERTY
          + "=scalar forces the scalar one)");
  }
}
