package org.aimc.experiments.requirements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The design generator, the levels and moves of a parameter, the envelope rule on made-up results, the ordering and the budget. */
class RequirementsTest {
  @TempDir Path tmp;

  private static Parameter linear(String name, String low, String high, String base) {
    return new Parameter(name, List.of("k." + name), low, high, false, "assumed: test", base, false);
  }

  @Test
  void levelsAreLowTheConfigurationsValueOrTheMiddleAndHigh() {
    assertEquals(List.of("0", "0.005", "0.02"), linear("a", "0", "0.02", "0.005").levels(), "base inside: it is the middle level");
    assertEquals(List.of("0", "0.025", "0.05"), linear("b", "0", "0.05", "0.0").levels(), "base at an end: the arithmetic middle");
    assertEquals(List.of("1.0E-7", "0.00001", "0.001"),
        new Parameter("c", List.of("k.c"), "1.0E-7", "0.001", true, "s", "0.001", false).levels(), "log scale: the geometric middle");
    assertEquals(List.of("7", "10", "12"), new Parameter("d", List.of("k.d"), "7", "12", false, "s", "12", true).levels(), "whole numbers rounded (9.5 up)");
    assertEquals(List.of("false", "true"), new Parameter("e", List.of("k.e"), "false", "true", false, "s", "false", false).levels(), "a switch has two");
  }

  @Test
  void movesAreMeasuredInUnitsOfTheRange() {
    Parameter a = linear("a", "0", "0.02", "0.005");
    assertEquals(0.25, a.move("0"), 1e-12);
    assertEquals(0.75, a.move("0.02"), 1e-12);
    Parameter log = new Parameter("t", List.of("k.t"), "0.01", "1", true, "s", "0.1", false);
    assertEquals(0.5, log.move("1"), 1e-12, "one decade of two");
    Parameter sw = new Parameter("e", List.of("k.e"), "false", "true", false, "s", "false", false);
    assertEquals(1, sw.move("true"));
    Design.Point p = new Design.Point(List.of(new Design.Move(a, "0"), new Design.Move(log, "1"), new Design.Move(sw, "false")));
    assertEquals(0.75, p.distance(), 1e-12, "a switch at its own value adds nothing");
  }

  @Test
  void screeningMovesEachParameterToBothEndsAndAnEndAtTheConfigurationsValueIsThePreset() {
    Parameter a = linear("a", "0", "0.02", "0.005");
    Parameter sw = new Parameter("sw", List.of("k.x", "k.y"), "false", "true", false, "s", "false", false);
    List<Design.End> ends = Design.screening(List.of(a, sw));
    assertEquals(List.of("a=0", "a=0.02", "preset", "sw=true"), ends.stream().map(e -> e.point().folderName()).toList());
    assertEquals(List.of("k.x=true", "k.y=true"), ends.get(3).point().overrides(), "keys moved together");
    assertEquals(List.of(), ends.get(2).point().overrides());
  }

  @Test
  void factorialIsEveryCombinationFirstSlowestAndReusesTheScreeningsPoints() {
    Parameter a = linear("a", "0", "0.02", "0.005");
    Parameter b = linear("b", "2", "8", "4");
    List<Design.Point> f = Design.factorial(List.of(a, b));
    assertEquals(9, f.size());
    assertEquals(List.of("a=0+b=2", "a=0", "a=0+b=8", "b=2", "preset", "b=8", "a=0.02+b=2", "a=0.02", "a=0.02+b=8"),
        f.stream().map(Design.Point::folderName).toList());
    Set<String> screened = Design.screening(List.of(a, b)).stream().map(e -> e.point().folderName()).collect(Collectors.toSet());
    assertEquals(4, f.stream().filter(p -> screened.contains(p.folderName())).count(), "the four axis points are the screening's ends");
    assertEquals(27, Design.factorial(List.of(a, b, linear("c", "0", "1", "0.5"))).size());
    assertEquals(f, Design.distinct(new ArrayList<>(List.of(f.get(0), f.get(0))) {{ addAll(f); }}), "repeats dropped, first-seen order");
  }

  @Test
  void theEnvelopeRuleUsesTheUpperEndOfAOneSidedIntervalOverSeeds() {
    Design.Point p = Design.Point.PRESET;
    // Gaps 0.1, 0.2, 0.3 points: mean 0.2, std 0.1, t(0.9, 2) = 1.885618: upper 0.2 + 1.885618·0.1/√3 = 0.308866.
    Envelope.Gap g = Envelope.gap(p, new double[] {0.969, 0.968, 0.967}, new double[] {0.970, 0.970, 0.970}, 0.9, 0.5);
    assertEquals(0.2, g.gapMean(), 1e-9);
    assertEquals(0.1, g.gapStd(), 1e-9);
    assertEquals(0.308866, g.gapUpper(), 1e-5);
    assertTrue(g.inside());
    // The same mean with a wide spread is outside: 0.2 ± 0.5 → upper 0.2 + 1.8856·0.5/√3 = 0.744.
    Envelope.Gap wide = Envelope.gap(p, new double[] {0.973, 0.968, 0.963}, new double[] {0.970, 0.970, 0.970}, 0.9, 0.5);
    assertFalse(wide.inside(), "upper " + wide.gapUpper());
    // One seed: no interval, never inside.
    Envelope.Gap one = Envelope.gap(p, new double[] {0.970}, new double[] {0.970}, 0.9, 0.5);
    assertTrue(Double.isNaN(one.gapUpper()));
    assertFalse(one.inside());
    assertThrows(IllegalArgumentException.class, () -> Envelope.gap(p, new double[] {0.9, 0.9}, new double[] {0.9}, 0.9, 0.5));
  }

  @Test
  void theLeastDemandingIsTheInsidePointClosestToThePreset() {
    Parameter a = linear("a", "0", "1", "0.5");
    Parameter b = linear("b", "0", "1", "0.5");
    double[] sw = {0.97, 0.97, 0.97};
    Envelope.Gap far = Envelope.gap(new Design.Point(List.of(new Design.Move(a, "0"), new Design.Move(b, "0"))), new double[] {0.97, 0.971, 0.969}, sw, 0.9, 0.5);
    Envelope.Gap near = Envelope.gap(new Design.Point(List.of(new Design.Move(a, "0"))), new double[] {0.968, 0.969, 0.967}, sw, 0.9, 0.5);
    Envelope.Gap preset = Envelope.gap(Design.Point.PRESET, new double[] {0.95, 0.95, 0.95}, sw, 0.9, 0.5);
    List<Envelope.Gap> gaps = List.of(far, near, preset);
    assertEquals(List.of(near, far), Envelope.inside(gaps));
    assertEquals(near, Envelope.leastDemanding(gaps));
    assertNull(Envelope.leastDemanding(List.of(preset)));
    assertEquals(far, Envelope.best(gaps));
  }

  @Test
  void screeningRowsAreOrderedByTheLargerValidationEffectOfTheirEnds() {
    Parameter a = linear("a", "0", "1", "0.5");
    Parameter b = linear("b", "0", "1", "0.5");
    Parameter c = linear("c", "0", "1", "0.5");
    double[] z = {0, 0};
    List<Requirements.ScreenRow> rows = List.of(
        new Requirements.ScreenRow(a, "low", "0", 2, 90, z, new double[] {0.1, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(a, "high", "1", 2, 90, z, new double[] {-0.2, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(b, "low", "0", 2, 90, z, new double[] {0.9, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(b, "high", "1", 2, 90, z, new double[] {0.0, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(c, "low", "0", 2, 90, z, new double[] {-0.5, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(c, "high", "1", 2, 90, z, new double[] {0.05, 0}, z, z, Double.NaN));
    List<Requirements.ScreenRow> o = Requirements.ordered(rows);
    assertEquals(List.of("b", "b", "c", "c", "a", "a"), o.stream().map(r -> r.parameter().name()).toList());
    assertEquals(List.of("low", "high"), o.subList(0, 2).stream().map(Requirements.ScreenRow::end).toList());
    assertEquals(0.9, o.get(0).effect(), 1e-12);
    assertEquals(List.of(b, c), Requirements.topParameters(o, 2));
  }

  @Test
  void theRunCountReusesTheScreeningAndTheBudgetShrinksSeedsThenEpochsThenTop() throws Exception {
    RequirementsSpec spec = RequirementsSpec.load(TestSpecs.write(tmp.resolve("s.yaml"), TestSpecs.THREE, TestSpecs.THREE_KEYS, List.of()).toString());
    Requirements r = new Requirements("mnist", "784-32-10", spec, 4, 3, 2, 0.5, 0.9, null, 3, null, tmp.resolve("out"));
    // Screening: software 3 + preset 3 + 6 ends, one of which (openLoopResidual false) is the preset: 5 × 3.
    assertEquals(3 + 3 + 15, r.count().screening());
    // Joint search over stuckFraction × gAtInit: 9 points, 5 already screened (preset and four ends): 4 × 3.
    assertEquals(12, r.count().search());
    assertEquals(0, r.count().tuning());
    double full = r.hours(2);
    assertTrue(full > 0, "MNIST's size is known");
    List<String> steps = new ArrayList<>();
    Requirements small = r.within(full * 0.3, 2, steps);
    assertEquals("--seeds 2", steps.get(0));
    assertTrue(steps.contains("--epochs 2"), steps.toString());
    assertTrue(small.hours(2) <= full * 0.3);
    assertThrows(IllegalArgumentException.class, () -> r.within(1e-9, 2, new ArrayList<>()));
    assertTrue(r.dryRun(2, 16).contains("on 16 executors"), r.dryRun(2, 16));
  }

  /**
   * A dry run on CIFAR-10 before its features are extracted names the folder the extraction will
   * write and estimates from its sizes; nothing is read or written (it used to extract first, 13
   * minutes).
   */
  @Test
  void aDryRunEstimatesAFeatureFolderBeforeItIsExtracted() throws Exception {
    RequirementsSpec spec = RequirementsSpec.load(TestSpecs.write(tmp.resolve("s.yaml"), TestSpecs.THREE, TestSpecs.THREE_KEYS, List.of()).toString());
    java.nio.file.Path future = tmp.resolve("features").resolve("not-yet");
    String name = org.aimc.experiments.run.TrainingData.planned(future, new org.aimc.experiments.run.TrainingData.Planned(50_000, 10_000, 576, 10));
    assertEquals("576-10", org.aimc.experiments.run.TrainingData.defaultNetwork(name, "784-10"));
    Requirements r = new Requirements(name, "576-10", spec, 5, 2, 2, 0.5, 0.9, null, 3, null, tmp.resolve("out"));
    double seconds = r.secondsPerRun();
    // 45,000 training and 5,000 validation examples (a sixth held out unless told) per epoch, 10,000 test once.
    double expected = org.aimc.experiments.run.RunTimeEstimate.seconds(org.aimc.training.NetworkShape.parse("576-10"), true, 5, 50_000 - 50_000 / 6,
        50_000 / 6, 10_000, org.aimc.training.TrainingConfig.DEFAULT_TRAIN_ACCURACY_EXAMPLES);
    assertEquals(expected, seconds, 1e-9 * expected);
    assertTrue(r.dryRun(2, 16).contains("on 16 executors"));
    assertFalse(java.nio.file.Files.exists(future), "a dry run writes nothing");
    assertFalse(java.nio.file.Files.exists(tmp.resolve("out")));
  }

  @Test
  void theBuiltInSpecCoversEveryAssumedValue() {
    RequirementsSpec s = RequirementsSpec.load("ambrogio2018");
    assertTrue(s.parameters().size() >= 20, "about twenty screened: " + s.parameters().size());
    for (var e : org.aimc.training.TrainingPreset.byId("ambrogio2018").sources().entrySet()) {
      if (!e.getValue().startsWith("assumed")) continue;
      boolean screened = s.parameters().stream().anyMatch(p -> p.keys().contains(e.getKey()));
      assertTrue(screened || s.excluded().containsKey(e.getKey()), e.getKey());
    }
    for (Parameter p : s.parameters()) assertFalse(p.source().isBlank(), p.name());
  }
  private Requirements study(int epochs, int confirmEpochs, boolean beforeTransferRow) throws Exception {
    RequirementsSpec spec = RequirementsSpec.load(TestSpecs.write(tmp.resolve("s.yaml"), TestSpecs.THREE, TestSpecs.THREE_KEYS, List.of()).toString());
    return new Requirements("mnist", "784-32-10", spec, epochs, 2, 2, 0.5, 0.9, null, 3, confirmEpochs, beforeTransferRow, null, tmp.resolve("out"));
  }

  @Test
  void theConfirmationRunsSoftwareThePresetAndEachPointOnceAtTheConfirmEpochsOnTheSameSeeds() throws Exception {
    Requirements r = study(3, 20, false);
    Parameter stuck = r.spec().parameter("stuckFraction");
    Design.Point point = new Design.Point(List.of(new Design.Move(stuck, "0.02")));
    List<org.aimc.experiments.run.ParallelRuns.Job> jobs = r.confirmationJobs(List.of(Design.Point.PRESET, point), null, null);
    assertEquals(List.of("runs-e20/software/seed-1", "runs-e20/software/seed-2", "runs-e20/preset/seed-1", "runs-e20/preset/seed-2",
        "runs-e20/stuckFraction=0.02/seed-1", "runs-e20/stuckFraction=0.02/seed-2"),
        jobs.stream().map(j -> tmp.resolve("out").relativize(j.folder()).toString()).toList(), "the preset once, in its own folder of 20-epoch runs");
    assertTrue(jobs.stream().allMatch(j -> j.spec().epochs() == 20));
    assertEquals(List.of(1L, 2L, 1L, 2L, 1L, 2L), jobs.stream().map(j -> j.spec().seed()).toList());
    assertEquals(List.of("analog.tile.devices.pcm.stuckFraction=0.02"), jobs.get(4).spec().overrides());
    assertEquals("software", jobs.get(0).spec().configName());
    // The screening's own runs keep their folders and epochs.
    List<org.aimc.experiments.run.ParallelRuns.Job> screening = r.jobs(List.of(Design.Point.PRESET), null);
    assertEquals("runs/preset/seed-1", tmp.resolve("out").relativize(screening.get(0).folder()).toString());
    assertEquals(3, screening.get(0).spec().epochs());
  }

  @Test
  void theConfirmationIsCountedEstimatedAndBudgeted() throws Exception {
    Requirements without = study(3, 0, false);
    Requirements with = study(3, 20, false);
    assertEquals(0, without.count().confirmation());
    assertEquals(2 * (2 + 3), with.count().confirmation(), "software, the preset and --confirm 3 points, 2 seeds each");
    assertEquals(without.count().total() + 10, with.count().total());
    assertEquals(without.hours(2) + Math.ceil(10 / 2.0) * with.perRun(20).seconds() / 3600, with.hours(2), 1e-9);
    // Later epochs cost 0.37 of the first (RunTimeEstimate): 20 epochs about 4 times 3.
    assertTrue(with.perRun(20).seconds() > 3 * with.perRun(3).seconds(), "20 epochs cost more than 3");
    String dry = with.dryRun(2, 16);
    assertTrue(dry.contains("+ confirmation at 20 epochs up to 10 (software, the preset and up to 3 envelope points × 2 seeds)"), dry);
    assertTrue(dry.contains("s per run at 20 epochs"), dry);
    List<String> steps = new ArrayList<>();
    double budget = with.hours(2) - without.hours(2) / 3;
    Requirements fits = with.within(budget, 2, steps);
    assertEquals(List.of("--epochs 1"), steps, "the confirmation's runs count: the study must shrink to fit");
    assertTrue(fits.hours(2) <= budget);
    assertEquals(20, fits.confirmEpochs(), "the confirmation keeps its length");
    IllegalArgumentException tiny = assertThrows(IllegalArgumentException.class, () -> with.within(1e-9, 2, new ArrayList<>()));
    assertTrue(tiny.getMessage().contains("--confirm-epochs"), tiny.getMessage());
    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class, () -> study(3, 3, false));
    assertTrue(shorter.getMessage().contains("--confirm-epochs 3 must be more than --epochs 3"), shorter.getMessage());
  }

  @Test
  void theConfirmedPointsAreTheEnvelopesLeastDemandingFirstOrTheBestPoint() throws Exception {
    Requirements r = study(3, 20, false);
    Parameter a = linear("a", "0", "1", "0.5");
    double[] sw = {0.97, 0.97, 0.97};
    Envelope.Gap far = Envelope.gap(new Design.Point(List.of(new Design.Move(a, "0"))), new double[] {0.97, 0.971, 0.969}, sw, 0.9, 0.5);
    Envelope.Gap near = Envelope.gap(new Design.Point(List.of(new Design.Move(a, "0.4"))), new double[] {0.968, 0.969, 0.967}, sw, 0.9, 0.5);
    Envelope.Gap out = Envelope.gap(new Design.Point(List.of(new Design.Move(a, "1"))), new double[] {0.95, 0.951, 0.95}, sw, 0.9, 0.5);
    Envelope.Gap worse = Envelope.gap(Design.Point.PRESET, new double[] {0.94, 0.94, 0.94}, sw, 0.9, 0.5);
    assertEquals(List.of(near, far), r.toConfirm(List.of(out, far, near, worse)));
    assertEquals(List.of(out), r.toConfirm(List.of(out, worse)), "none inside: the best point");
  }

  @Test
  void theBeforeTransferRowIsAScreeningSwitchThatTheJointSearchNeverTakes() throws Exception {
    Requirements plain = study(3, 0, false);
    Requirements r = study(3, 0, true);
    Parameter row = r.screened().get(r.screened().size() - 1);
    assertEquals(Requirements.BEFORE_TRANSFER, row.name());
    assertEquals("false", row.base(), "ambrogio2018 measures at each epoch's end");
    List<String> folders = r.screeningPoints().stream().map(Design.Point::folderName).toList();
    assertTrue(folders.contains("evaluateBeforeTransfer=true"), folders.toString());
    Design.Point p = r.screeningPoints().get(folders.indexOf("evaluateBeforeTransfer=true"));
    assertEquals(List.of("evaluateBeforeTransfer=true"), p.overrides());
    assertEquals(plain.count().screening() + 2, r.count().screening(), "one more point, 2 seeds");
    assertEquals(plain.count().search(), r.count().search());
    double[] z = {0, 0};
    List<Requirements.ScreenRow> rows = Requirements.ordered(List.of(
        new Requirements.ScreenRow(row, "high", "true", 2, 90, z, new double[] {2.0, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(r.spec().parameter("gAtInit"), "low", "2", 2, 90, z, new double[] {0.5, 0}, z, z, Double.NaN),
        new Requirements.ScreenRow(r.spec().parameter("stuckFraction"), "high", "0.02", 2, 90, z, new double[] {0.1, 0}, z, z, Double.NaN)));
    assertEquals(Requirements.BEFORE_TRANSFER, rows.get(0).parameter().name(), "ranked by its effect like any row");
    assertEquals(List.of("gAtInit", "stuckFraction"), r.searched(rows).stream().map(Parameter::name).toList());
    Path own = TestSpecs.write(tmp.resolve("own.yaml"), TestSpecs.THREE + """
        - name: phase
          key: evaluateBeforeTransfer
          low: false
          high: true
          source: "protocol"
      """, TestSpecs.THREE_KEYS, List.of());
    RequirementsSpec spec = RequirementsSpec.load(own.toString());
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> new Requirements("mnist", "784-32-10", spec, 3, 2, 2, 0.5, 0.9, null, 3, 0, true, null, tmp.resolve("out")));
    assertTrue(twice.getMessage().contains("already screens evaluateBeforeTransfer (parameter phase)"), twice.getMessage());
  }

  /** The reports of the confirmation and of the evaluation-phase row, on made-up results. */
  @Test
  void theReportsGiveTheGapAtBothLengthsAndWhetherEachPointHolds() throws Exception {
    Requirements r = study(3, 20, true);
    java.nio.file.Files.createDirectories(r.out());
    Parameter a = r.spec().parameter("stuckFraction");
    Parameter row = r.screened().get(r.screened().size() - 1);
    Design.Point pa = new Design.Point(List.of(new Design.Move(a, "0")));
    Design.Point pb = new Design.Point(List.of(new Design.Move(a, "0.02")));
    double[] sw = {0.970, 0.972};
    double[] swLong = {0.980, 0.982};
    // The preset: gap 0.6 ± 0 at 3 epochs; at 20: 0.9 ± 0. pa: inside at 3 (0.1, 0.2), at 20 (0.2, 0.3): holds.
    // pb: inside at 3 (0.2, 0.3), not at 20 (0.8, 1.0): does not hold.
    Envelope.Gap preset3 = Envelope.gap(Design.Point.PRESET, new double[] {0.964, 0.966}, sw, 0.9, 0.5);
    Envelope.Gap a3 = Envelope.gap(pa, new double[] {0.969, 0.970}, sw, 0.9, 0.5);
    Envelope.Gap b3 = Envelope.gap(pb, new double[] {0.968, 0.969}, sw, 0.9, 0.5);
    List<Requirements.Confirmation> cs = List.of(
        new Requirements.Confirmation(preset3, Envelope.gap(Design.Point.PRESET, new double[] {0.971, 0.973}, swLong, 0.9, 0.5)),
        new Requirements.Confirmation(a3, Envelope.gap(pa, new double[] {0.978, 0.979}, swLong, 0.9, 0.5)),
        new Requirements.Confirmation(b3, Envelope.gap(pb, new double[] {0.972, 0.972}, swLong, 0.9, 0.5)));
    assertFalse(cs.get(0).holds());
    assertTrue(cs.get(1).holds(), "upper " + cs.get(1).confirmed().gapUpper());
    assertFalse(cs.get(2).holds());
    double[] z = {0, 0};
    List<Requirements.ScreenRow> rows = Requirements.ordered(List.of(
        new Requirements.ScreenRow(a, "low", "0", 2, 96.9, z, new double[] {0.3, 0.1}, z, z, Double.NaN),
        new Requirements.ScreenRow(row, "high", "true", 2, 96.8, new double[] {0.25, 0.05}, new double[] {0.2, 0.1}, new double[] {-0.35, 0.07}, z,
            Double.NaN)));
    Requirements.Outcome o = new Requirements.Outcome(rows, List.of(a), List.of(preset3, a3, b3), List.of(), cs);
    RequirementsReport.write(r, o, new double[][] {sw, sw}, new double[][] {{0.964, 0.966}, {0.964, 0.966}});
    String envelope = java.nio.file.Files.readString(r.out().resolve(Requirements.ENVELOPE_MD));
    assertTrue(envelope.contains("## Confirmed at 20 epochs"), envelope);
    assertTrue(envelope.contains("| gap at 3 epochs | upper bound | test accuracy at 20 epochs | gap at 20 epochs | upper bound | holds |"), envelope);
    assertTrue(envelope.contains("| stuckFraction=0 | 0.25 | +0.15 ± 0.07 | +0.30 | 97.85 % | +0.25 ± 0.07 | +0.40 | **yes** |"), envelope);
    assertTrue(envelope.contains("| preset | 0.00 | +0.60 ± 0.00 | +0.60 | 97.20 % | +0.90 ± 0.00 | +0.90 | no |"), envelope);
    List<String> csv = java.nio.file.Files.readAllLines(r.out().resolve(Requirements.CONFIRMED_EPOCHS_CSV));
    assertEquals(1 + 3, csv.size());
    assertEquals("stuckFraction=0,0.2500,3,0.1500,0.0707,0.3039,yes,20,97.8500,0.2500,0.0707,0.4039,yes,0.5", csv.get(2));
    String summary = java.nio.file.Files.readString(r.out().resolve(Requirements.SUMMARY_MD));
    assertTrue(summary.contains("Confirmed at 20 epochs (envelope.md, confirmed-epochs.csv), on the same seeds: software 98.10 %, ambrogio2018 97.20 %."),
        summary);
    assertTrue(summary.contains("The preset: gap +0.90 (upper bound +0.90) at 20 epochs, +0.60 (upper bound +0.60) at 3 epochs: not inside at either length."),
        summary);
    assertTrue(summary.contains("stuckFraction=0: gap +0.25 (upper bound +0.40) at 20 epochs, +0.15 (upper bound +0.30) at 3 epochs: holds."), summary);
    assertTrue(summary.contains("stuckFraction=0.02: gap +0.90 (upper bound +1.21) at 20 epochs, +0.25 (upper bound +0.40) at 3 epochs: "
        + "does not hold (inside at 3 epochs only)."), summary);
    assertTrue(summary.contains("Evaluation phase (the screening's row evaluateBeforeTransfer = true): ambrogio2018 measured just before each epoch's "
        + "last transfer instead of at each epoch's end moves test accuracy by +0.25 ± 0.05 points and validation accuracy by +0.20 ± 0.10 points;"
        + " Δ test vs software -0.35 ± 0.07 points."), summary);
    assertTrue(summary.contains("parameters of largest effect: stuckFraction."), "the row is not a device parameter: " + summary);
  }
}
