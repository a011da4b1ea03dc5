package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.report.RunFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PowerExportCliTest {
  @TempDir Path tmp;

  @Test
  void powerPrintsTheBreakdownThePapersFiguresAndTheConvention() {
    CliRunner r = CliRunner.run("power", "--config", "ambrogio2018");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("1 multiply-accumulate (MAC) = 2 operations"), r.out());
    assertTrue(r.out().contains("| energy efficiency | 28,065 GOP/s/W | 28,065 GOP/s/W |"), r.out());
    assertTrue(r.out().contains("| throughput per area | 3.60 TOP/s/mm² | 3.6 TOP/s/mm² |"), r.out());
    for (String s : new String[] {"| forward |", "| backward |", "| update |", "| transfer |", "| array |", "| dac |", "| adc |",
        "| capacitor |", "| pcm-programming |", "| digital |", "energy per training example", "energy per inference", "average power",
        "NVIDIA Tesla P100"}) {
      assertTrue(r.out().contains(s), s);
    }
  }

  @Test
  void powerJsonAndOutFolder() throws Exception {
    Path out = tmp.resolve("p");
    CliRunner r = CliRunner.run("power", "--config", "ambrogio2018", "--transfer-interval", "2000", "--format", "json", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertEquals(2, j.path("energy").path("convention").path("opsPerMac").asInt());
    assertEquals(2000, j.path("workload").path("transferInterval").asLong());
    assertTrue(Files.isRegularFile(out.resolve("power.md")) && Files.isRegularFile(out.resolve("power.json")));
    // The written technology file is a complete, loadable table.
    CliRunner again = CliRunner.run("power", "--config", "ambrogio2018", "--technology", out.resolve("technology.json").toString());
    assertEquals(0, again.exitCode(), again.err());
  }

  @Test
  void powerFromARunFolderUsesItsMeasuredPulses() {
    Path run = RunFixtures.run(tmp.resolve("run"), "ambrogio2018", 0.97, 0.2, true, true);
    CliRunner r = CliRunner.run("power", "--from", run.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("update pulses per cell per example: 0.200 (measured in"), r.out());
    // Per cell transferred, not per cell read (the carry reads most cells twice).
    assertTrue(r.out().contains("2.00 SET, 1.20 RESET, 3.00 verify reads, 1.84 cell reads, 9.40 capacitor pulses per cell per transfer"), r.out());
    Path bare = RunFixtures.run(tmp.resolve("bare"), "ambrogio2018", 0.97, 0.2, true, false);
    CliRunner refused = CliRunner.run("power", "--from", bare.toString());
    assertEquals(2, refused.exitCode());
    assertTrue(refused.err().contains("no 'phaseCounts'"), refused.err());
  }

  @Test
  void powerRefusesBadInputWithExitCode2() throws Exception {
    CliRunner sw = CliRunner.run("power", "--config", "software");
    assertEquals(2, sw.exitCode());
    assertTrue(sw.err().contains("'software' runs on no analog tiles"), sw.err());
    CliRunner unknown = CliRunner.run("power", "--config", "nope");
    assertEquals(2, unknown.exitCode());
    assertTrue(unknown.err().contains("allowed: ambrogio2018"), unknown.err());
    CliRunner cap = CliRunner.run("power", "--config", "capacitor-only", "--transfer-interval", "100");
    assertEquals(2, cap.exitCode());
    assertTrue(cap.err().contains("no PCM to transfer into"), cap.err());
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"name\": \"bad\", \"entries\": {\"adcEnergyPj\": 1.0}}");
    CliRunner tech = CliRunner.run("power", "--config", "ambrogio2018", "--technology", bad.toString());
    assertEquals(2, tech.exitCode());
    assertTrue(tech.err().contains("missing entry 'pcmReadEnergyPj'"), tech.err());
    CliRunner net = CliRunner.run("power", "--config", "ambrogio2018", "--network", "784x10");
    assertEquals(2, net.exitCode());
    assertTrue(net.err().contains("malformed network"), net.err());
  }

  @Test
  void showTechnologyAloneIsATemplate() throws Exception {
    CliRunner r = CliRunner.run("power", "--show-technology", "--format", "json");
    assertEquals(0, r.exitCode(), r.err());
    JsonNode j = Json.MAPPER.readTree(r.out());
    assertTrue(j.path("entries").path("adcEnergyPj").path("source").asText().contains("ISAAC"));
    CliRunner md = CliRunner.run("power", "--show-technology");
    assertTrue(md.out().contains("| pcmReadEnergyPj |") && md.out().contains("calibrated: ×2.3074"), md.out());
  }

  @Test
  void exportFormatsAndRefusals() throws Exception {
    RunFixtures.run(tmp.resolve("rep/ambrogio2018/seed-1"), "ambrogio2018", 0.97, 0.0625, true, true);
    RunFixtures.run(tmp.resolve("rep/pcm-only/seed-1"), "pcm-only", 0.90, 0.003, true, true);
    CliRunner md = CliRunner.run("export", tmp.resolve("rep").toString());
    assertEquals(0, md.exitCode(), md.err());
    assertTrue(md.out().contains("| mnist | 784-250-125-10 | ambrogio2018 | 97.00 % (one run) | 1 |"), md.out());
    CliRunner csv = CliRunner.run("export", tmp.resolve("rep").toString(), "--format", "csv", "--out", tmp.resolve("t.csv").toString());
    assertEquals(0, csv.exitCode(), csv.err());
    assertTrue(Files.readString(tmp.resolve("t.csv")).contains("ambrogio2018"));
    CliRunner png = CliRunner.run("export", tmp.resolve("rep").toString(), "--format", "png", "--out", tmp.resolve("a.png").toString());
    assertEquals(0, png.exitCode(), png.err());
    assertTrue(Files.size(tmp.resolve("a.png")) > 1000);
    Files.createDirectories(tmp.resolve("nothing"));
    CliRunner none = CliRunner.run("export", tmp.resolve("nothing").toString());
    assertEquals(2, none.exitCode());
    assertTrue(none.err().contains("not a run folder"), none.err());
    CliRunner fmt = CliRunner.run("export", tmp.resolve("rep").toString(), "--format", "xlsx");
    assertEquals(2, fmt.exitCode());
    CliRunner help = CliRunner.run("export", "--help");
    assertTrue(help.out().contains("Examples:") && help.out().contains("aimc export runs/reproduce-mnist --format png"), help.out());
  }
}
