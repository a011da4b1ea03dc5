package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A batch of runs reuses a finished run only when it is exactly the same run. */
class ParallelRunsTest {
  @TempDir Path dir;

  private static TrainResult resultOf(TrainSpec spec) {
    List<EpochMetrics> epochs = List.of(new EpochMetrics(1, 0.01, 0.3, 0.95, 0.94, 2.0, 3.0));
    return new TrainResult(spec.dataset(), spec.network(), spec.configName(), spec.epochs(), 0.94, 0.95, 0.94, 1,
        new TrainResult.Split(50_000, 10_000, 10_000, 13, "rule"), 3, 1000, epochs,
        Map.of("spec", spec, "config", spec.config()), null, null, null, RunProvenance.capture("k", "rng", spec.seed(), Map.of()), List.of());
  }

  @Test
  void reusesOnlyAFinishedRunOfTheSameSpec() throws Exception {
    TrainSpec oneEpoch = new TrainSpec("mnist", "784-10", "software", List.of(), 1, 1);
    TrainSpec threeEpochs = new TrainSpec("mnist", "784-10", "software", List.of(), 3, 1);
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertNull(ParallelRuns.finished(dir, oneEpoch, log), "nothing there yet");
    new RunFolder(dir).writeResult(resultOf(oneEpoch));
    // An interrupted newer run rewrote spec.json; result.json still describes the old one.
    org.aimc.experiments.io.Json.write(dir.resolve(TrainingRun.SPEC), threeEpochs);
    assertNotNull(ParallelRuns.finished(dir, oneEpoch, log));
    assertNull(ParallelRuns.finished(dir, threeEpochs, log), "a 1-epoch result must not pass for a 3-epoch run");
  }

  @Test
  void aPresetWhoseValuesChangedRunsAgain() throws Exception {
    TrainSpec spec = new TrainSpec("mnist", "784-10", "ambrogio2018", List.of(), 1, 1);
    TrainSpec other = new TrainSpec("mnist", "784-10", "ambrogio2018", List.of("analog.weightScalingOmega=0.5"), 1, 1);
    TrainResult old = resultOf(spec);
    // Same spec, but recorded with the configuration of another (older) preset.
    TrainResult stale = new TrainResult(old.dataset(), old.network(), old.config(), old.epochs(), old.testAccuracy(), old.trainAccuracy(),
        old.validationAccuracy(), old.selectedEpoch(), old.split(), old.wallSeconds(), old.trainingExamplesPerSecond(), old.perEpoch(),
        Map.of("spec", spec, "config", other.config()), null, null, null, old.provenance(), List.of());
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    new RunFolder(dir).writeResult(stale);
    assertNull(ParallelRuns.finished(dir, spec, log));
    new RunFolder(dir).writeResult(old);
    assertNotNull(ParallelRuns.finished(dir, spec, log));
  }

  /**
   * A run recorded before a key existed (evaluateBeforeTransfer, analog.tile.update.bitLengthManagement,
   * analog.tile.devices.fast and .slow)
   * was trained with the key's old value: it is reused for a run of that value, not for another.
   */
  @Test
  void aRunFromBeforeAKeyExistedIsReusedForTheKeysOldValue() throws Exception {
    TrainSpec spec = new TrainSpec("mnist", "784-10", "ambrogio2018", List.of(), 1, 1);
    new RunFolder(dir).writeResult(resultOf(spec));
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) org.aimc.experiments.io.Json.MAPPER.readTree(dir.resolve(RunFolder.RESULT).toFile());
    var config = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("resolvedConfig").get("config");
    assertNotNull(config.remove("evaluateBeforeTransfer"));
    assertNotNull(((com.fasterxml.jackson.databind.node.ObjectNode) config.get("analog").get("tile").get("update")).remove("bitLengthManagement"));
    var devices = (com.fasterxml.jackson.databind.node.ObjectNode) config.get("analog").get("tile").get("devices");
    assertNotNull(devices.remove("fast"));
    assertNotNull(devices.remove("slow"));
    Files.writeString(dir.resolve(RunFolder.RESULT), json.toString());
    PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertNotNull(ParallelRuns.finished(dir, spec, log), "recorded before the keys: trained with their old values");
    TrainSpec managed = new TrainSpec("mnist", "784-10", "ambrogio2018", List.of("analog.tile.update.bitLengthManagement=true"), 1, 1);
    assertNull(ParallelRuns.finished(dir, managed, log), "not a run with the key's new value");
    // Before trainAccuracyExamples every epoch measured the whole training split, which changed the
    // analog runs' noise draws: such a run is not reused for the sampled default (nor for
    // --set trainAccuracyExamples=0, whose spec differs), it runs again.
    assertNotNull(config.remove("trainAccuracyExamples"));
    Files.writeString(dir.resolve(RunFolder.RESULT), json.toString());
    assertNull(ParallelRuns.finished(dir, spec, log), "recorded before the training-accuracy sample: another run's numbers");
  }

  @Test
  void anUnreadableResultIsReportedAndRunAgain() throws Exception {
    TrainSpec spec = new TrainSpec("mnist", "784-10", "software", List.of(), 1, 1);
    Files.writeString(dir.resolve(RunFolder.RESULT), "{\"testAccuracy\": 0.9");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertNull(ParallelRuns.finished(dir, spec, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    String said = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(said.contains("result.json is unreadable") && said.contains("running it again"), said);
  }

  @Test
  void aResultFromBeforeTheProtocolIsRunAgain() throws Exception {
    TrainSpec spec = new TrainSpec("mnist", "784-10", "software", List.of(), 1, 1);
    new RunFolder(dir).writeResult(resultOf(spec));
    var json = (com.fasterxml.jackson.databind.node.ObjectNode) org.aimc.experiments.io.Json.MAPPER.readTree(dir.resolve(RunFolder.RESULT).toFile());
    json.remove(List.of("split", "selectedEpoch", "validationAccuracy"));
    json.put("bestTestAccuracy", 0.95);
    Files.writeString(dir.resolve(RunFolder.RESULT), json.toString());
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    assertNull(ParallelRuns.finished(dir, spec, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
    assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("predates the evaluation protocol"), bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void longestRunsStartFirstAndEqualOnesSeedBySeed() {
    TrainSpec software = new TrainSpec("mnist", "784-250-125-10", "software", List.of(), 3, 1);
    TrainSpec analogA = new TrainSpec("mnist", "784-250-125-10", "ambrogio2018", List.of(), 3, 1);
    TrainSpec analogB = new TrainSpec("mnist", "784-250-125-10", "ambrogio2018", List.of(), 3, 2);
    TrainSpec small = new TrainSpec("mnist", "784-10", "ambrogio2018", List.of(), 3, 1);
    TrainSpec longer = new TrainSpec("mnist", "784-250-125-10", "ambrogio2018", List.of(), 6, 1);
    List<ParallelRuns.Job> jobs = java.util.stream.Stream.of(software, small, analogA, analogB, longer)
        .map(s -> new ParallelRuns.Job("j", s, dir)).toList();
    assertArrayEquals(new int[] {4, 2, 3, 0, 1}, ParallelRuns.longestFirst(jobs));
    // A batch as reproduce lists it, configuration by configuration: the seeds interleave, so that no
    // two runs of one configuration start side by side.
    List<ParallelRuns.Job> batch = new java.util.ArrayList<>();
    for (String c : List.of("ambrogio2018", "pcm-only")) {
      for (long seed = 1; seed <= 3; seed++) batch.add(new ParallelRuns.Job(c, new TrainSpec("mnist", "784-250-125-10", c, List.of(), 3, seed), dir));
    }
    assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, ParallelRuns.longestFirst(batch));
  }

  @Test
  void aBatchReadsItsDataSetOnce() {
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    org.aimc.datasets.DatasetSplit split = new org.aimc.datasets.DatasetSplit("t",
        new org.aimc.datasets.LabeledImages("t", 1, 1, new byte[] {1, 2}, new byte[] {0, 1}, 2),
        new org.aimc.datasets.LabeledImages("s", 1, 1, new byte[] {3}, new byte[] {1}, 2));
    DataLoader once = ParallelRuns.readOnce(name -> {
      reads.incrementAndGet();
      return split;
    });
    assertSame(split, once.load("mnist"));
    assertSame(split, once.load("mnist"));
    assertEquals(1, reads.get());
  }

  @Test
  void meanAndSampleStd() {
    assertEquals(2.0, ParallelRuns.mean(new double[] {1, 2, 3}), 1e-12);
    assertEquals(1.0, ParallelRuns.std(new double[] {1, 2, 3}), 1e-12, "n − 1 in the denominator");
    assertEquals(0.0, ParallelRuns.std(new double[] {5}), 0.0);
  }

  /**
   * Issue 31: a batch (sweep, reproduce) reuses a finished run only if its figures are possible and
   * it is this job's: 1.5 is trained again, and so is another job's result copied in beside a
   * checkpoint of this job (the resume fallback used to hand it back).
   */
  @Test
  void aBatchTrainsAgainAnImpossibleOrForeignResult() throws Exception {
    TrainSpec a = new TrainSpec("mnist", TrainingRunFaultsTest.NETWORK, "software", List.of(), 1, 1, 60);
    TrainSpec b = new TrainSpec("mnist", TrainingRunFaultsTest.NETWORK, "software", List.of("learningRate=0.02"), 1, 1, 60);
    DataLoader data = name -> TrainingRunFaultsTest.data(300, true);
    List<ParallelRuns.Job> jobs = List.of(new ParallelRuns.Job("a", a, dir.resolve("a")), new ParallelRuns.Job("b", b, dir.resolve("b")));
    List<TrainResult> first = ParallelRuns.run(jobs, 1, data, ParallelRuns.QUIET, (j, r) -> { });
    Path file = dir.resolve("a").resolve(RunFolder.RESULT);
    Files.writeString(file, Files.readString(file).replaceFirst("\"testAccuracy\" : [0-9.eE-]+", "\"testAccuracy\" : 1.5"));
    // b's folder: its own checkpoint and spec.json, with a's result copied in.
    Files.copy(dir.resolve("a").resolve(RunFolder.RESULT), dir.resolve("b").resolve(RunFolder.RESULT), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(dir.resolve("b").resolve(RunFolder.RESULT), Files.readString(file).replace("\"testAccuracy\" : 1.5", "\"testAccuracy\" : 0.5"));
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<TrainResult> again = ParallelRuns.run(jobs, 1, data, new PrintStream(log, true, StandardCharsets.UTF_8), (j, r) -> { });
    String said = log.toString(StandardCharsets.UTF_8);
    assertEquals(first.get(0).testAccuracy(), again.get(0).testAccuracy(), "a trained again, with its own figure");
    assertEquals(first.get(1).testAccuracy(), again.get(1).testAccuracy(), "b trained again, not a's result");
    assertTrue(said.contains("testAccuracy = 1.5 is not a fraction in [0, 1]; running it again"), said);
    assertTrue(said.contains("it is the result of another run"), said);
  }
}
