package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.aimc.experiments.requirements.Requirements;
import org.aimc.experiments.requirements.TestSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aimc requirements}: --quick end to end on a tiny feature set, reuse of finished runs, and bad specs exiting 2 before any folder. */
class RequirementsCliTest {
  @TempDir Path tmp;

  private Path features(int train, int test) {
    return BlobFeatures.write(tmp.resolve("feat"), train, test);
  }

  @Test
  void quickWritesTheTornadoAndTheEnvelopeAndReusesFinishedRuns() throws Exception {
    Path data = features(240, 60);
    Path spec = TestSpecs.write(tmp.resolve("three.yaml"), TestSpecs.THREE, TestSpecs.THREE_KEYS, List.of());
    Path out = tmp.resolve("req");
    CliRunner r = CliRunner.run("requirements", "features:" + data, "--spec", spec.toString(), "--quick", "--threads", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    for (String f : List.of(Requirements.SCREENING_CSV, Requirements.SCREENING_MD, Requirements.TORNADO, Requirements.ENVELOPE_CSV,
        Requirements.ENVELOPE_MD, Requirements.ENVELOPE_PNG, Requirements.SUMMARY_MD, Requirements.RUNS_CSV))
      assertTrue(Files.isRegularFile(out.resolve(f)), f);
    List<String> screening = Files.readAllLines(out.resolve(Requirements.SCREENING_CSV));
    assertEquals(1 + 6, screening.size(), "a header and two ends per parameter");
    assertTrue(screening.get(1).startsWith("1,"), screening.get(1));
    List<String> envelope = Files.readAllLines(out.resolve(Requirements.ENVELOPE_CSV));
    assertEquals(1 + 9, envelope.size(), "the top 2 of --quick at 3 levels");
    assertTrue(r.out().contains("Joint search over"), r.out());
    // The notebook's figures, drawn again from the finished folder.
    var tornado = org.aimc.experiments.requirements.RequirementsFigures.tornado(out).getSeriesMap();
    assertTrue(tornado.containsKey("bar 5") && !tornado.containsKey("bar 6"), "a bar per end: " + tornado.keySet());
    assertTrue(org.aimc.experiments.requirements.RequirementsFigures.envelope(out).getSeriesMap().containsKey("0.50 points"));
    // software 2 + preset 2 + 5 distinct ends × 2 + 4 new joint points × 2 (one end of the switch is the preset).
    int runs = Files.readAllLines(out.resolve(Requirements.RUNS_CSV)).size() - 1;
    assertEquals(2 + 2 + 10 + (envelope.get(0).contains("openLoopResidual") ? 2 : 8), runs, "each distinct run once");

    // Again: every run is found finished, none trains again.
    FileTime before = Files.getLastModifiedTime(out.resolve("runs/preset/seed-1/result.json"));
    CliRunner again = CliRunner.run("requirements", "features:" + data, "--spec", spec.toString(), "--quick", "--threads", "2", "--out", out.toString());
    assertEquals(0, again.exitCode(), again.err());
    assertEquals(before, Files.getLastModifiedTime(out.resolve("runs/preset/seed-1/result.json")));
    assertEquals(runs, Files.readAllLines(out.resolve(Requirements.RUNS_CSV)).size() - 1);

    // The dry run of the same study estimates from the finished runs' own wall time.
    CliRunner dry = CliRunner.run("requirements", "features:" + data, "--spec", spec.toString(), "--quick", "--dry-run", "--out", out.toString());
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("measured: the median wall time per epoch of the " + (runs - 2) + " finished runs"), dry.out());
  }

  /**
   * --confirm-epochs and --before-transfer-row end to end on a tiny feature set: the screening has the
   * evaluation phase's row, software, the preset and the envelope points run again at 2 epochs in
   * runs-e2/, and the reports give the gap at both lengths. (ambrogio2018 transfers every 8,000
   * examples, more than this set's epoch: the row's runs are measured at each epoch's end.)
   */
  @Test
  void confirmEpochsAndTheBeforeTransferRowEndToEnd() throws Exception {
    Path data = features(240, 60);
    Path spec = TestSpecs.write(tmp.resolve("three.yaml"), TestSpecs.THREE, TestSpecs.THREE_KEYS, List.of());
    Path out = tmp.resolve("req");
    String[] args = {"requirements", "features:" + data, "--spec", spec.toString(), "--quick", "--top", "1", "--confirm", "1", "--confirm-epochs", "2",
        "--before-transfer-row", "--threads", "2", "--out", out.toString()};
    CliRunner dry = CliRunner.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--dry-run")).toArray(String[]::new));
    assertEquals(0, dry.exitCode(), dry.err());
    assertTrue(dry.out().contains("evaluateBeforeTransfer") && dry.out().contains("+ confirmation at 2 epochs up to 6"), dry.out());
    CliRunner r = CliRunner.run(args);
    assertEquals(0, r.exitCode(), r.err());
    List<String> screening = Files.readAllLines(out.resolve(Requirements.SCREENING_CSV));
    assertEquals(1 + 8, screening.size(), "two ends per parameter, the evaluation phase's among them");
    assertTrue(screening.stream().anyMatch(l -> l.contains(",evaluateBeforeTransfer,high,true,false,")), screening.toString());
    assertTrue(Files.isRegularFile(out.resolve("runs/evaluateBeforeTransfer=true/seed-2/result.json")));
    for (String f : List.of("software", "preset")) assertTrue(Files.isRegularFile(out.resolve("runs-e2/" + f + "/seed-2/result.json")), f);
    assertTrue(Files.readString(out.resolve("runs-e2/preset/seed-1/result.json")).contains("\"epochs\" : 2"));
    assertTrue(Files.readString(out.resolve(Requirements.ENVELOPE_MD)).contains("## Confirmed at 2 epochs"));
    List<String> confirmed = Files.readAllLines(out.resolve(Requirements.CONFIRMED_EPOCHS_CSV));
    assertEquals(1 + 2, confirmed.size(), "the preset and one envelope point: " + confirmed);
    assertTrue(r.out().contains("Confirmed at 2 epochs") && r.out().contains("Evaluation phase"), r.out());
  }

  @Test
  void badConfirmEpochsExit2BeforeAnyFolder() {
    CliRunner r = CliRunner.run("requirements", "mnist", "--epochs", "3", "--confirm-epochs", "3", "--out", tmp.resolve("never").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--confirm-epochs 3 must be more than --epochs 3"), r.err());
    CliRunner zero = CliRunner.run("requirements", "mnist", "--confirm-epochs", "0", "--out", tmp.resolve("never").toString());
    assertEquals(2, zero.exitCode(), zero.err());
    assertTrue(zero.err().contains("--confirm-epochs 0 must be a positive number of epochs"), zero.err());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  @Test
  void dryRunPrintsTheRunsAndTheTimeHereAndOnExecutors() {
    CliRunner r = CliRunner.run("requirements", "mnist", "--dry-run", "--out", tmp.resolve("never").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("stuckFraction") && r.out().contains("on 16 executors") && r.out().contains("excluded:"), r.out());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  @Test
  void aMasterWithoutTheSparkEngineExits2BeforeAnyRun() {
    CliRunner r = CliRunner.run("requirements", "mnist", "--master", "local[2]", "--dry-run", "--out", tmp.resolve("never").toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("is for --engine spark"), r.err());
    assertFalse(java.nio.file.Files.exists(tmp.resolve("never")));
  }

  private void bad(String parameters, List<String> notExcluded, int line, String message) throws Exception {
    Path spec = TestSpecs.write(tmp.resolve("bad.yaml"), parameters, TestSpecs.THREE_KEYS, notExcluded);
    Path out = tmp.resolve("never");
    CliRunner r = CliRunner.run("requirements", "mnist", "--spec", spec.toString(), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains(spec + ":" + line + ":") && r.err().contains(message), r.err());
    assertFalse(Files.exists(out), "nothing written before the spec is right");
  }

  private static String one(String key, String low, String high) {
    return "  - key: " + key + "\n    low: " + low + "\n    high: " + high + "\n    source: \"assumed: test\"\n";
  }

  @Test
  void aBadSpecExits2NamingFileAndLineBeforeAnyRun() throws Exception {
    // Line 4 is the first parameter's key, 5 its low, 6 its high.
    bad(one("analog.tile.devices.pcm.noSuchKey", "0", "1") + TestSpecs.THREE, List.of(), 4, "noSuchKey");
    bad(one("analog.tile.devices.pcm.stuckHighFraction", "0.5", "0.5"), List.of(), 6, "empty range");
    bad(one("analog.tile.devices.pcm.stuckHighFraction", "0.8", "0.2"), List.of(), 5, "low 0.8 is above high 0.2");
    bad(one("analog.tile.devices.pcm.setNonlinearity", "0.5", "2"), List.of(), 6, "outside the allowed range");
    bad("  - key: analog.tile.devices.pcm.stuckHighFraction\n    low: 0\n    hgh: 1\n    source: x\n", List.of(), 6, "unknown key 'hgh'");
    // An assumed value neither screened nor excluded.
    bad(TestSpecs.THREE, List.of("analog.tile.devices.pcm.tuneMaxPulses"), 19, "analog.tile.devices.pcm.tuneMaxPulses");
  }
}
