package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.LabeledImages;
import org.aimc.experiments.io.Json;
import org.aimc.training.Trainer;
import org.aimc.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults around a training run's folder (issue #17): one run per folder, nothing half-written,
 * damaged or foreign checkpoints refused, resumes that change the learning rate, warnings for runs
 * that learn nothing. Runs on a small synthetic data set (16 pixels, 3 classes) so that each case
 * takes a fraction of a second.
 */
class TrainingRunFaultsTest {
  static final String NETWORK = "16-8-3";
  @TempDir Path tmp;

  /** 16-pixel images of 3 classes: class c lights pixels 5c..5c+4, with seeded noise. */
  static DatasetSplit data(int trainCount, boolean learnable) {
    return new DatasetSplit("mnist", images("train", trainCount, learnable, 1), images("test", 60, learnable, 2));
  }

  private static LabeledImages images(String name, int count, boolean learnable, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    byte[] pixels = new byte[count * 16];
    byte[] labels = new byte[count];
    for (int k = 0; k < count; k++) {
      int c = k % 3;
      labels[k] = (byte) c;
      if (!learnable) continue; // every image blank: no network can beat chance
      for (int p = 0; p < 16; p++) pixels[k * 16 + p] = (byte) (p / 5 == c ? 200 + rng.nextInt(50) : rng.nextInt(40));
    }
    return new LabeledImages(name, 4, 4, pixels, labels, 3);
  }

  static TrainSpec spec(int epochs, String... overrides) {
    return new TrainSpec("mnist", NETWORK, "software", List.of(overrides), epochs, 7, 60);
  }

  private static Supplier<DatasetSplit> learnable() {
    return () -> data(300, true);
  }

  @Test
  void aSecondRunIntoALockedFolderIsRefusedWithTheOwnersPid() {
    Path out = tmp.resolve("run");
    RunFolder folder = new RunFolder(out);
    try (RunFolder.Lock held = folder.lock()) {
      assertNotNull(held);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false));
      assertTrue(e.getMessage().contains("in use by another aimc run (pid " + ProcessHandle.current().pid() + ", started "), e.getMessage());
      assertFalse(Files.exists(out.resolve(TrainingRun.SPEC)), "the refused run wrote nothing");
    }
    // Once the owner ends, the folder is free again.
    assertDoesNotThrow(() -> new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false));
  }

  @Test
  void aFinishedRunIsNeitherDeletedNorMixedWithoutOverwrite() throws Exception {
    Path out = tmp.resolve("run");
    TrainResult first = new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false);
    String before = Files.readString(out.resolve(RunFolder.RESULT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingRun(spec(2), out).run(learnable(), TrainingListener.NONE, false));
    assertTrue(e.getMessage().contains("already holds a finished run") && e.getMessage().contains("--overwrite"), e.getMessage());
    assertEquals(before, Files.readString(out.resolve(RunFolder.RESULT)), "the finished run is kept as it was");
    assertEquals(1, Json.MAPPER.readTree(out.resolve(TrainingRun.SPEC).toFile()).get("epochs").asInt());

    TrainResult second = new TrainingRun(spec(2), out).run(learnable(), TrainingListener.NONE, true);
    assertEquals(2, second.epochs());
    assertEquals(2, Json.MAPPER.readTree(out.resolve(TrainingRun.SPEC).toFile()).get("epochs").asInt());
    assertEquals(2, Json.MAPPER.readTree(out.resolve(RunFolder.RESULT).toFile()).get("epochs").asInt());
    assertNotEquals(first.perEpoch().size(), second.perEpoch().size());
  }

  @Test
  void anEmptyOutIsRefusedRatherThanTheCurrentFolder() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(spec(1), Path.of("")));
    assertTrue(e.getMessage().contains("--out '' is empty"), e.getMessage());
  }

  @Test
  void aNetworkThatDoesNotFitTheDataLeavesNoFolder() {
    Path out = tmp.resolve("run");
    TrainSpec wrongInputs = new TrainSpec("mnist", "100-10", "software", List.of(), 1, 7);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingRun(wrongInputs, out).run(learnable(), TrainingListener.NONE, false));
    assertTrue(e.getMessage().contains("has 100 inputs") && e.getMessage().contains("16 pixels"), e.getMessage());
    TrainSpec wrongOutputs = new TrainSpec("mnist", "16-8-10", "software", List.of(), 1, 7);
    e = assertThrows(IllegalArgumentException.class, () -> new TrainingRun(wrongOutputs, out).run(learnable(), TrainingListener.NONE, false));
    assertTrue(e.getMessage().contains("has 10 outputs, but mnist has 3 classes"), e.getMessage());
    assertFalse(Files.exists(out), "nothing was created");
  }

  @Test
  void aFailureAfterTheStartLeavesAFolderThatSaysWhy() throws Exception {
    Path out = tmp.resolve("run");
    TrainingListener failing = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int epochs, int examples) {
        if (epoch == 2) throw new IllegalStateException("simulated failure after epoch 1");
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(3), out).run(learnable(), failing, false));
    JsonNode status = Json.MAPPER.readTree(out.resolve(RunFolder.STATUS).toFile());
    assertEquals("failed", status.get("status").asText());
    assertEquals("simulated failure after epoch 1", status.get("error").asText());
    assertFalse(Files.exists(out.resolve(RunFolder.RESULT)));
    TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of());
    assertFalse(Files.exists(out.resolve(RunFolder.STATUS)), "a resume that finishes clears the failure");
  }

  @Test
  void aDamagedCheckpointIsRefusedNamingTheFileAndTheOriginalKept() throws Exception {
    Path out = tmp.resolve("run");
    interruptAfterEpochs(out, spec(3), 1);
    Path cp = out.resolve(TrainingRun.CHECKPOINT);
    byte[] bytes = Files.readAllBytes(cp);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(cp, bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of()));
    assertTrue(e.getMessage().startsWith(cp + ": the checkpoint is damaged (truncated or altered after it was written): its CRC-32C checksum"),
        e.getMessage());
    assertArrayEquals(bytes, Files.readAllBytes(cp), "the refused checkpoint is left as it was");
  }

  @Test
  void aResumeOnAnotherKernelIsRefused() throws Exception {
    Path out = tmp.resolve("run");
    interruptAfterEpochs(out, spec(2), 1);
    // The checkpoint a machine with 9999-bit vectors would have written at the same point.
    TrainingRun run = TrainingRun.inFolder(out);
    byte[][] foreign = new byte[1][];
    DatasetSplit d = data(300, true);
    new Trainer(new Trainer.Plan(1, 0.1, 1, 7, 0, run.fingerprint("vector-9999"))).train(
        run.spec().config().learner(run.spec().shape(), 7), TrainingRun.examples(d.train()), TrainingRun.examples(d.test()),
        new TrainingListener() {
          @Override
          public void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {
            foreign[0] = state.get();
          }
        });
    Files.write(out.resolve(TrainingRun.CHECKPOINT), foreign[0]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.resume(learnable(), TrainingListener.NONE, List.of()));
    assertTrue(e.getMessage().contains("written with the vector-9999 matrix-vector kernel, this machine runs"), e.getMessage());
  }

  @Test
  void aResumeMayLowerTheLearningRateAndRecordsIt() throws Exception {
    Path out = tmp.resolve("run");
    interruptAfterEpochs(out, spec(3, "learningRate=0.5"), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of("activation=tanh")));
    assertTrue(e.getMessage().contains("a resume may change only learningRate, learningRateDecay"), e.getMessage());

    TrainResult r = TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of("learningRate=0.05"));
    assertEquals(0.5, r.perEpoch().get(0).learningRate(), 0.0, "epoch 1 ran before the change");
    double decay = spec(1).config().learningRateDecay();
    assertNotEquals(0.5 * decay, r.perEpoch().get(1).learningRate(), 1e-12, "not the schedule of the interrupted run");
    assertEquals(0.05 * decay, r.perEpoch().get(1).learningRate(), 1e-12, "epoch 2 ran after the change, on the new schedule");
    JsonNode amendments = Json.MAPPER.readTree(out.resolve(TrainingRun.AMENDMENTS).toFile());
    assertEquals("learningRate=0.05", amendments.get(0).get("set").get(0).asText());
    JsonNode result = Json.MAPPER.readTree(out.resolve(RunFolder.RESULT).toFile());
    assertEquals("learningRate=0.05", result.at("/resolvedConfig/amendments/0/set/0").asText());
    assertEquals(List.of("learningRate=0.05"), TrainingRun.inFolder(out).spec().overrides());
    assertEquals("learningRate=0.5", amendments.get(0).get("before").get(0).asText(), "what it replaced is on record");
  }

  @Test
  void resumingAFinishedRunKeepsItsResultAndWallTime() throws Exception {
    Path out = tmp.resolve("run");
    TrainResult done = new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false);
    String before = Files.readString(out.resolve(RunFolder.RESULT));
    TrainResult again = TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of());
    assertEquals(done.wallSeconds(), again.wallSeconds(), 0.0);
    assertEquals(before, Files.readString(out.resolve(RunFolder.RESULT)));
  }

  @Test
  void orphanTemporaryFilesAreRemovedOnResume() throws Exception {
    Path out = tmp.resolve("run");
    interruptAfterEpochs(out, spec(2), 1);
    Path orphan = out.resolve(".checkpoint.bin.123456.tmp");
    Files.write(orphan, new byte[10]);
    TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of());
    assertFalse(Files.exists(orphan));
  }

  @Test
  void checkpointEveryNExamplesLosesAtMostNExamplesAndResumesExactly() throws Exception {
    Path full = tmp.resolve("full");
    TrainResult uninterrupted = new TrainingRun(spec(2), full).run(() -> data(1200, true), TrainingListener.NONE, false);

    Path out = tmp.resolve("killed");
    TrainingListener killAt1000 = new TrainingListener() {
      @Override
      public void examplesDone(int doneInEpoch) {
        if (doneInEpoch == 1000) throw new IllegalStateException("killed");
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(2), out, 500).run(() -> data(1200, true), killAt1000, false));
    assertTrue(Files.isRegularFile(out.resolve(TrainingRun.CHECKPOINT)), "a checkpoint after 500 examples, mid-epoch");
    TrainResult resumed = TrainingRun.inFolder(out).resume(() -> data(1200, true), TrainingListener.NONE, List.of());
    for (int e = 0; e < 2; e++) {
      assertEquals(uninterrupted.perEpoch().get(e).trainLoss(), resumed.perEpoch().get(e).trainLoss(), 0.0);
      assertEquals(uninterrupted.perEpoch().get(e).validationAccuracy(), resumed.perEpoch().get(e).validationAccuracy(), 0.0);
    }

    Path byTime = tmp.resolve("default");
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(2), byTime).run(() -> data(1200, true), killAt1000, false));
    assertFalse(Files.exists(byTime.resolve(TrainingRun.CHECKPOINT)), "by default the first mid-epoch checkpoint waits 5 minutes");
  }

  @Test
  void aRunStuckAtChanceIsWarnedOfInTheResultAndOnTheDisplay() throws Exception {
    List<String> shown = new java.util.ArrayList<>();
    TrainingListener display = new TrainingListener() {
      @Override
      public void warning(String message) {
        shown.add(message);
      }
    };
    TrainResult r = new TrainingRun(spec(1), tmp.resolve("blank")).run(() -> data(300, false), display, false);
    assertEquals(1, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().get(0).contains("at chance (33.33 % for 3 classes)"), r.warnings().get(0));
    assertEquals(r.warnings(), shown);
    JsonNode result = Json.MAPPER.readTree(tmp.resolve("blank").resolve(RunFolder.RESULT).toFile());
    assertTrue(result.get("warnings").get(0).asText().contains("at chance"));

    TrainResult fine = new TrainingRun(spec(1), tmp.resolve("ok")).run(learnable(), TrainingListener.NONE, false);
    assertTrue(fine.trainAccuracy() > 0.6, "the learnable set is learned: " + fine.trainAccuracy());
    assertEquals(List.of(), fine.warnings());
  }

  @Test
  void specJsonWithAFractionalEpochCountOrNullSeedIsRefused() throws Exception {
    Path out = tmp.resolve("run");
    new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false);
    String good = Files.readString(out.resolve(TrainingRun.SPEC));
    Files.writeString(out.resolve(TrainingRun.SPEC), good.replace("\"epochs\" : 1", "\"epochs\" : 2.9"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.inFolder(out));
    assertTrue(e.getMessage().contains("cannot read spec.json") && e.getMessage().contains("epochs"), e.getMessage());
    Files.writeString(out.resolve(TrainingRun.SPEC), good.replace("\"seed\" : 7", "\"seed\" : null"));
    e = assertThrows(IllegalArgumentException.class, () -> TrainingRun.inFolder(out));
    assertTrue(e.getMessage().contains("seed"), e.getMessage());
  }

  /** Runs {@code spec} in {@code out} and stops it (as a kill would) after {@code epochs} epochs. */
  static void interruptAfterEpochs(Path out, TrainSpec spec, int epochs) {
    TrainingListener stop = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int total, int examples) {
        if (epoch == epochs + 1) throw new IllegalStateException("interrupted");
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec, out).run(learnable(), stop, false));
    assertTrue(Files.isRegularFile(out.resolve(TrainingRun.CHECKPOINT)));
  }

  /** Learnable data whose files "hash" to {@code sha} (a regenerated feature file, in effect). */
  private static DataLoader hashing(String sha) {
    return new DataLoader() {
      @Override
      public DatasetSplit load(String dataset) {
        return data(300, true);
      }

      @Override
      public java.util.Map<String, String> checksums(String dataset) {
        return java.util.Map.of("train_x.npy", sha);
      }
    };
  }

  /** Issue 31: a finished run whose result.json says testAccuracy 1.5 is not handed back by --resume as its figures. */
  @Test
  void resumingAFinishedRunChecksItsResultAsExportDoes() throws Exception {
    Path out = tmp.resolve("run");
    new TrainingRun(spec(1), out).run(learnable(), TrainingListener.NONE, false);
    Path file = out.resolve(RunFolder.RESULT);
    String good = Files.readString(file);
    Files.writeString(file, good.replaceFirst("\"testAccuracy\" : [0-9.eE-]+", "\"testAccuracy\" : 1.5"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of()));
    assertTrue(e.getMessage().contains("testAccuracy = 1.5 is not a fraction in [0, 1]") && e.getMessage().contains("--overwrite"), e.getMessage());
    assertTrue(Files.readString(file).contains("1.5"), "the file is left as it was");
  }

  /** Issue 31: a result.json copied from another run (another seed) is not handed back as this run's. */
  @Test
  void aResultCopiedFromAnotherRunIsNotThisRunsResult() throws Exception {
    Path mine = tmp.resolve("mine");
    Path other = tmp.resolve("other");
    interruptAfterEpochs(mine, spec(2), 1);
    new TrainingRun(new TrainSpec("mnist", NETWORK, "software", List.of(), 2, 8, 60), other).run(learnable(), TrainingListener.NONE, false);
    Files.copy(other.resolve(RunFolder.RESULT), mine.resolve(RunFolder.RESULT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.inFolder(mine).resume(learnable(), TrainingListener.NONE, List.of()));
    assertTrue(e.getMessage().contains("it is the result of another run"), e.getMessage());
  }

  /** Issue 31: a resume on data files other than those the run started on is refused, naming the file. */
  @Test
  void aResumeOnChangedDataIsRefused() {
    Path out = tmp.resolve("run");
    TrainingListener stop = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int total, int examples) {
        if (epoch == 2) throw new IllegalStateException("interrupted");
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(2), out).run(hashing("aaaaaaaaaaaaaaaa"), stop, true, false));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TrainingRun.inFolder(out).resume(hashing("bbbbbbbbbbbbbbbb"), TrainingListener.NONE, List.of(), true));
    assertTrue(e.getMessage().contains("the data changed since the run started: train_x.npy had SHA-256 aaaaaaaaaaaa…, now bbbbbbbbbbbb…"),
        e.getMessage());
    assertDoesNotThrow(() -> TrainingRun.inFolder(out).resume(hashing("aaaaaaaaaaaaaaaa"), TrainingListener.NONE, List.of(), true));
  }

  /** Issue 31: training labels that miss a class of the test set are warned of, on the display and in result.json. */
  @Test
  void trainingLabelsThatMissATestClassAreWarnedOf() {
    DatasetSplit d = data(300, true);
    byte[] labels = d.train().labels().clone();
    for (int k = 0; k < labels.length; k++) if (labels[k] == 2) labels[k] = 0;
    LabeledImages train = new LabeledImages("train", 4, 4, d.train().pixels(), labels, 3);
    List<String> shown = new java.util.ArrayList<>();
    TrainingListener display = new TrainingListener() {
      @Override
      public void warning(String message) {
        shown.add(message);
      }
    };
    TrainResult r = new TrainingRun(spec(1), tmp.resolve("run")).run(() -> new DatasetSplit("mnist", train, d.test()), display, false);
    String w = String.join("\n", r.warnings());
    assertTrue(w.contains("the training part has no example of class [2], which 20 of the 60 test examples (33.3 %) have")
        && w.contains("at most 66.7 %") && w.contains("they cover 0–1"), w);
    assertEquals(r.warnings(), shown);
  }

  /** Issue 31: status.json gives each error its own fix: no resume after a damaged checkpoint or before the first one. */
  @Test
  void statusJsonProposesOnlyAFixThatCanWork() throws Exception {
    Path out = tmp.resolve("run");
    interruptAfterEpochs(out, spec(3), 1);
    JsonNode status = Json.MAPPER.readTree(out.resolve(RunFolder.STATUS).toFile());
    assertEquals("aimc train --resume " + out, status.get("resume").asText(), "a checkpoint exists: resume");
    Path cp = out.resolve(TrainingRun.CHECKPOINT);
    byte[] bytes = Files.readAllBytes(cp);
    bytes[bytes.length / 2] ^= 0x10;
    Files.write(cp, bytes);
    assertThrows(IllegalArgumentException.class, () -> TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of()));
    status = Json.MAPPER.readTree(out.resolve(RunFolder.STATUS).toFile());
    assertFalse(status.has("resume"), status.toString());
    assertTrue(status.get("advice").asText().startsWith("the checkpoint cannot be used: start the run again"), status.toString());

    Path early = tmp.resolve("early");
    TrainingListener failing = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int epochs, int examples) {
        throw new IllegalStateException("failure in epoch 1");
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(2), early).run(learnable(), failing, false));
    status = Json.MAPPER.readTree(early.resolve(RunFolder.STATUS).toFile());
    assertFalse(status.has("resume"), status.toString());
    assertTrue(status.get("advice").asText().contains("before its first checkpoint"), status.toString());
  }

  /** Issue 31: a resumed run's wallSeconds counts the epochs of the sessions before the resume, not only the last session. */
  @Test
  void aResumedRunsWallTimeCountsEarlierSessions() {
    Path out = tmp.resolve("run");
    TrainingListener slowFirstEpoch = new TrainingListener() {
      @Override
      public void epochStarted(int epoch, int total, int examples) {
        if (epoch == 2) throw new IllegalStateException("interrupted");
        try {
          Thread.sleep(600); // inside epoch 1's measured time
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new TrainingRun(spec(2), out).run(learnable(), slowFirstEpoch, false));
    TrainResult r = TrainingRun.inFolder(out).resume(learnable(), TrainingListener.NONE, List.of());
    assertTrue(r.perEpoch().get(0).seconds() >= 0.6, r.perEpoch().toString());
    assertTrue(r.wallSeconds() >= r.perEpoch().get(0).seconds() + r.perEpoch().get(1).seconds(), r.wallSeconds() + " s for " + r.perEpoch());
  }

  /**
   * trainAccuracyExamples changes only the per-epoch curve: each epoch is measured on the sample
   * (accuracies in sevenths for 7 examples), and the run's figure is the whole split's on the
   * selected state, as a run that measures every epoch on the whole split reports it (the software
   * network's evaluation draws no random numbers, so the two runs train alike).
   */
  @Test
  void eachEpochMeasuresTheSampleAndTheRunReportsTheWholeSplit() throws Exception {
    // Blank images: the network answers one class and errs on the others, so a sample can differ from the whole.
    TrainResult whole = new TrainingRun(spec(3, "trainAccuracyExamples=0"), tmp.resolve("whole"))
        .run(() -> data(300, false), TrainingListener.NONE, false);
    TrainResult sampled = new TrainingRun(spec(3, "trainAccuracyExamples=7"), tmp.resolve("sampled"))
        .run(() -> data(300, false), TrainingListener.NONE, false);
    assertTrue(whole.trainAccuracy() < 1, "the check needs a network that still errs: " + whole.trainAccuracy());
    assertEquals(whole.trainAccuracy(), sampled.trainAccuracy(), 0.0, "the run's training accuracy is the whole split's");
    assertEquals(whole.validationAccuracy(), sampled.validationAccuracy(), 0.0);
    assertEquals(whole.testAccuracy(), sampled.testAccuracy(), 0.0);
    assertEquals(whole.selectedEpoch(), sampled.selectedEpoch());
    boolean differs = false;
    for (int e = 0; e < 3; e++) {
      double curve = sampled.perEpoch().get(e).trainAccuracy();
      assertEquals(Math.rint(curve * 7), curve * 7, 1e-9, "epoch " + (e + 1) + " measured on 7 examples: " + curve);
      assertEquals(whole.perEpoch().get(e).validationAccuracy(), sampled.perEpoch().get(e).validationAccuracy(), 0.0);
      differs |= curve != whole.perEpoch().get(e).trainAccuracy();
    }
    assertTrue(differs, "a 7-example sample must not give the whole split's figure in every epoch");
  }
}
