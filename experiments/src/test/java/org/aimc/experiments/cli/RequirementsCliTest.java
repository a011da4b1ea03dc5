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
