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
}
