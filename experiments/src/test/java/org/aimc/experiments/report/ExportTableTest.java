package org.aimc.experiments.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aimc.crossbar.energy.TechParameter;
import org.aimc.crossbar.energy.TechnologyTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTableTest {
  @TempDir Path tmp;

  /** A reproduce-style folder: three configurations, two seeds of the hybrid one. */
  private Path reproduceFolder() {
    RunFixtures.run(tmp.resolve("rep/ambrogio2018/seed-1"), "ambrogio2018", 0.97, 0.0625, true, true);
    RunFixtures.run(tmp.resolve("rep/ambrogio2018/seed-2"), "ambrogio2018", 0.98, 0.0725, true, true);
    RunFixtures.run(tmp.resolve("rep/pcm-only/seed-1"), "pcm-only", 0.90, 0.003, true, true);
    RunFixtures.run(tmp.resolve("rep/capacitor-only/seed-1"), "capacitor-only", 0.85, 0.0625, true, true);
    return tmp.resolve("rep");
  }

  @Test
  void oneRowPerConfigurationWithMeansOverSeedsAndTheParetoFront() {
    ExportTable t = ExportTable.of(List.of(reproduceFolder()), null, false);
    assertEquals(3, t.rows().size());
    ExportTable.Row hybrid = t.rows().stream().filter(r -> r.config().equals("ambrogio2018")).findFirst().orElseThrow();
    assertEquals(2, hybrid.runs());
    assertEquals(0.975, hybrid.testMean(), 1e-12);
    assertEquals(Math.sqrt(0.00005), hybrid.testStd(), 1e-12);
    ExportTable.Row pcm = t.rows().stream().filter(r -> r.config().equals("pcm-only")).findFirst().orElseThrow();
    ExportTable.Row cap = t.rows().stream().filter(r -> r.config().equals("capacitor-only")).findFirst().orElseThrow();
    // pcm-only: no capacitor in the cell, no transfers → cheapest per example; hybrid: most accurate.
    assertTrue(pcm.energyPerExampleJoules() < hybrid.energyPerExampleJoules());
    assertTrue(pcm.pareto());
    assertTrue(hybrid.pareto());
    // capacitor-only: less accurate than hybrid; it is on the front only if it is cheaper than pcm-only.
    assertEquals(cap.energyPerExampleJoules() < pcm.energyPerExampleJoules(), cap.pareto());
    assertEquals(2, t.convention().opsPerMac());

    String md = t.markdown();
    assertTrue(md.contains("1 multiply-accumulate (MAC) = 2 operations"), md);
    assertTrue(md.contains("| mnist | 784-250-125-10 | ambrogio2018 | 97.50 ± 0.71 % | 2 |"), md);
    String csv = t.csv();
    assertTrue(csv.startsWith("dataset,network,config,runs,test_accuracy_mean,test_accuracy_std,energy_per_example_j"), csv);
    assertEquals(4, csv.strip().split("\n").length);
    String tex = t.latex();
    assertTrue(tex.contains("\\begin{tabular}") && tex.contains("ambrogio2018 & $97.50 \\pm 0.71$"), tex);
    assertTrue(tex.contains("$\\times$"), "the convention's × is escaped for LaTeX");
  }

  @Test
  void paretoMarking() {
    List<ExportTable.Row> rows = ExportTable.markPareto(List.of(row("a", 0.9, 10), row("b", 0.95, 20), row("c", 0.9, 15), row("d", 0.95, 20)));
    assertEquals(List.of(true, true, false, true), rows.stream().map(ExportTable.Row::pareto).toList());
  }

  private static ExportTable.Row row(String c, double acc, double e) {
    return new ExportTable.Row("mnist", "n", c, 1, acc, 0, e, 1, 1, 1, 1, "t", false);
  }

  @Test
  void thePngIsWritten() throws Exception {
    ExportTable t = ExportTable.of(List.of(reproduceFolder()), null, false);
    Path png = tmp.resolve("out/plot.png");
    t.write("png", png);
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, head);
  }

  @Test
  void runsWithoutEnergyAreRefusedOrSkipped() {
    Path rep = reproduceFolder();
    RunFixtures.run(rep.resolve("software/seed-1"), "ambrogio2018", 0.98, 0.06, false, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(rep), null, false));
    assertTrue(e.getMessage().contains("no energy figures in 1 run") && e.getMessage().contains("--skip-missing"), e.getMessage());
    ExportTable t = ExportTable.of(List.of(rep), null, true);
    assertEquals(3, t.rows().size());
    assertTrue(t.warnings().get(0).contains("software/seed-1"), t.warnings().toString());
    assertTrue(t.warnings().get(0).contains("left out"), t.warnings().toString());
  }

  /** Issue #17: −5 used to show as "−500.00 %", and one corrupt folder aborted the export even with --skip-missing. */
  @Test
  void impossibleAccuraciesAndCorruptFoldersAreRefusedOrSkippedWithAWarning() throws Exception {
    Path rep = reproduceFolder();
    Path negative = RunFixtures.run(rep.resolve("bad/seed-1"), "ambrogio2018", 0.97, 0.0625, true, true);
    Path file = negative.resolve("result.json");
    Files.writeString(file, Files.readString(file).replaceFirst("\"testAccuracy\" : 0\\.97", "\"testAccuracy\" : -5"));
    Path broken = Files.createDirectories(rep.resolve("broken/seed-1"));
    Files.writeString(broken.resolve("result.json"), "{\"config\": \"ambrogio2018\", \"testAcc");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(rep), null, false));
    assertTrue(e.getMessage().contains("testAccuracy = -5.0 is not a fraction in [0, 1]") || e.getMessage().contains("is not valid JSON"), e.getMessage());
    assertTrue(e.getMessage().contains("--skip-missing"), e.getMessage());

    ExportTable t = ExportTable.of(List.of(rep), null, true);
    assertEquals(3, t.rows().size(), "the good runs are exported");
    String w = String.join("\n", t.warnings());
    assertTrue(w.contains("testAccuracy = -5.0 is not a fraction in [0, 1]") && w.contains("broken"), w);
    assertFalse(t.text("md").contains("-500"), t.text("md"));

    Files.writeString(file, Files.readString(file).replace("\"testAccuracy\" : -5", "\"testAccuracy\" : 1e308"));
    IllegalArgumentException inf = assertThrows(IllegalArgumentException.class, () -> RunRecord.read(negative));
    assertTrue(inf.getMessage().contains("is not a fraction in [0, 1]"), inf.getMessage());
  }

  @Test
  void totalCountsAloneAreNamedAsTheReason() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("old"));
    Files.writeString(dir.resolve("result.json"),
        "{\"config\": \"ambrogio2018\", \"testAccuracy\": 0.97, \"analog\": {\"eventCounts\": {\"ADC_CONVERSIONS\": 5}}}");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(dir), null, false));
    assertTrue(e.getMessage().contains("only total event counts, not split by phase"), e.getMessage());
  }

  @Test
  void countsAloneArePricedAndTechnologyReprices() {
    Path only = RunFixtures.run(tmp.resolve("counts-only"), "ambrogio2018", 0.97, 0.0625, false, true);
    Path full = RunFixtures.run(tmp.resolve("full"), "ambrogio2018", 0.97, 0.0625, true, true);
    double fromCounts = ExportTable.of(List.of(only), null, false).rows().get(0).energyPerExampleJoules();
    double recorded = ExportTable.of(List.of(full), null, false).rows().get(0).energyPerExampleJoules();
    assertEquals(recorded, fromCounts, 1e-12 * recorded);
    TechnologyTable dearAdc = TechnologyTable.ambrogio2018().with(TechParameter.ADC_ENERGY, 15.6, "MNSIM convention");
    double repriced = ExportTable.of(List.of(full), dearAdc, false).rows().get(0).energyPerExampleJoules();
    assertTrue(repriced > recorded);
    Path energyOnly = RunFixtures.run(tmp.resolve("energy-only"), "ambrogio2018", 0.97, 0.0625, true, false);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(energyOnly), dearAdc, false));
    assertTrue(e.getMessage().contains("cannot re-price") && e.getMessage().contains("phaseCounts"), e.getMessage());
  }

  @Test
  void differentConventionsAreRefused() throws Exception {
    Path a = RunFixtures.run(tmp.resolve("a"), "ambrogio2018", 0.97, 0.0625, true, false);
    Path b = RunFixtures.run(tmp.resolve("b"), "pcm-only", 0.9, 0.003, true, false);
    Path rb = b.resolve("result.json");
    String s = Files.readString(rb);
    assertTrue(s.contains("\"opsPerMac\" : 2"));
    Files.writeString(rb, s.replace("\"opsPerMac\" : 2", "\"opsPerMac\" : 1"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(a, b), null, false));
    assertTrue(e.getMessage().contains("runs count operations differently") && e.getMessage().contains("1 operations per MAC")
        || e.getMessage().contains("has 1"), e.getMessage());
  }

  @Test
  void foldersThatAreNotRunFoldersAreRefused() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(tmp.resolve("empty")), null, false));
    assertTrue(e.getMessage().contains("not a run folder") && e.getMessage().contains("empty"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(tmp.resolve("nope")), null, false))
        .getMessage().contains("no such directory"));
    Files.writeString(empty.resolve("result.json"), "{\"hello\": 1}");
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(empty), null, false))
        .getMessage().contains("is not an aimc result"));
  }

  /**
   * A reproduce --tune folder: the chosen setting's seed 1 lives in tune/CONFIG/SETTING/seed-1, the
   * other seeds in CONFIG/seed-K; the settings not chosen have no test accuracy and are no row.
   */
  @Test
  void aTunedComparisonIsExportedWithTheChosenSeedOneAndWithoutTheUntestedSettings() throws Exception {
    Path rep = tmp.resolve("rep-tune");
    RunFixtures.run(rep.resolve("tune/ambrogio2018/lr-0.01_decay-0.9/seed-1"), "ambrogio2018", 0.96, 0.0625, true, true);
    Path other = RunFixtures.run(rep.resolve("tune/ambrogio2018/lr-0.02_decay-0.9/seed-1"), "ambrogio2018", 0.5, 0.0625, true, true);
    Files.writeString(other.resolve("result.json"),
        Files.readString(other.resolve("result.json")).replace("\"testAccuracy\" : 0.5", "\"testAccuracy\" : null, \"selectedEpoch\" : 4"));
    RunFixtures.run(rep.resolve("ambrogio2018/seed-2"), "ambrogio2018", 0.98, 0.0625, true, true);
    ExportTable t = ExportTable.of(List.of(rep), null, false);
    assertEquals(1, t.rows().size(), t.markdown());
    assertEquals(2, t.rows().get(0).runs());
    assertEquals(0.97, t.rows().get(0).testMean(), 1e-12);
    assertTrue(t.warnings().stream().anyMatch(w -> w.contains("1 run of --tune searches left out")), t.warnings().toString());
  }

  /** Issue 31: overlapping arguments (A A A/run-1, as shell globs give) count each run once. */
  @Test
  void overlappingArgumentsCountEachRunOnce() {
    Path rep = reproduceFolder();
    ExportTable t = ExportTable.of(List.of(rep, rep, rep.resolve("ambrogio2018/seed-1"), rep.resolve("ambrogio2018/../ambrogio2018")), null, false);
    ExportTable.Row hybrid = t.rows().stream().filter(r -> r.config().equals("ambrogio2018")).findFirst().orElseThrow();
    assertEquals(2, hybrid.runs());
    assertEquals(0.975, hybrid.testMean(), 1e-12);
  }

  /** Issue 31: energy and power are range-checked as accuracy is: negative or beyond any chip is refused, naming the field. */
  @Test
  void impossibleEnergyFiguresAreRefused() throws Exception {
    Path rep = reproduceFolder();
    Path file = rep.resolve("pcm-only/seed-1/result.json");
    String good = Files.readString(file);
    Files.writeString(file, good.replaceFirst("\"energyPerExampleJoules\" : [^,]+,", "\"energyPerExampleJoules\" : -1e-3,"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(rep), null, false));
    assertTrue(e.getMessage().contains("energy.energyPerExampleJoules = -0.001 is negative"), e.getMessage());
    Files.writeString(file, good.replaceFirst("\"averagePowerWatts\" : [^,]+,", "\"averagePowerWatts\" : 1e308,"));
    e = assertThrows(IllegalArgumentException.class, () -> ExportTable.of(List.of(rep), null, false));
    assertTrue(e.getMessage().contains("energy.averagePowerWatts = 1.0E308 is beyond any chip"), e.getMessage());
    ExportTable t = ExportTable.of(List.of(rep), null, true);
    assertEquals(2, t.rows().size());
    assertTrue(String.join("\n", t.warnings()).contains("averagePowerWatts"), t.warnings().toString());
  }

  /** Issue 31: a seed without result.json (unfinished), or with a folder of that name, is warned of, not dropped silently. */
  @Test
  void unfinishedRunsAreWarnedOf() throws Exception {
    Path rep = reproduceFolder();
    Files.createDirectories(rep.resolve("ambrogio2018/seed-3"));
    Files.writeString(rep.resolve("ambrogio2018/seed-3/spec.json"), "{}");
    Files.createDirectories(rep.resolve("pcm-only/seed-2/result.json"));
    ExportTable t = ExportTable.of(List.of(rep), null, false);
    String w = String.join("\n", t.warnings());
    assertTrue(w.contains("seed-3 (spec.json but no result.json: an unfinished run)"), w);
    assertTrue(w.contains("seed-2" + java.io.File.separator + "result.json is not a file"), w);
  }

  /** Issue 31: one run has no spread to show: "(one run)", not "± 0.00 %". */
  @Test
  void oneRunShowsNoSpread() {
    ExportTable t = ExportTable.of(List.of(reproduceFolder()), null, false);
    assertTrue(t.markdown().contains("| 90.00 % (one run) | 1 |"), t.markdown());
    assertFalse(t.markdown().contains("± 0.00"), t.markdown());
    assertTrue(t.latex().contains("$90.00$ (one run)"), t.latex());
  }
}
