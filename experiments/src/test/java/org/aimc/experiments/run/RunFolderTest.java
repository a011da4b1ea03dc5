package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.provenance.RunProvenance;
import org.aimc.training.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
  @TempDir Path dir;

  @Test
  void writesResultMetricsAndSummaryThatReadBack() throws Exception {
    List<EpochMetrics> epochs = List.of(
        new EpochMetrics(1, 0.01, 0.3, 0.95, 0.94, 2.0, 3.0),
        new EpochMetrics(2, 0.009, 0.1, 0.98, 0.97, 2.1, 3.1));
    RunProvenance p = RunProvenance.capture("k", "XO_RO_SHI_RO_128_PP", 42, Map.of("f", "abc"));
    TrainResult r = new TrainResult("mnist", "784-10", "software", 2, 0.97, 0.98, 0.97, 2,
        new TrainResult.Split(50_000, 10_000, 10_000, 13, "rule"), 6.2, 1000, epochs, Map.of("x", 1), null, null, null, p, List.of());
    RunFolder folder = new RunFolder(dir.resolve("run"));
    folder.writeResult(r);

    List<String> csv = Files.readAllLines(dir.resolve("run/metrics.csv"));
    assertEquals(3, csv.size(), "header and one row per epoch");
    assertTrue(csv.get(0).startsWith("epoch,learning_rate,train_loss,train_accuracy,validation_accuracy"), csv.get(0));
    assertTrue(csv.get(2).startsWith("2,0.009,0.1,0.98,0.97"), csv.get(2));

    JsonNode json = Json.MAPPER.readTree(dir.resolve("run/result.json").toFile());
    assertEquals(0.97, json.get("testAccuracy").asDouble());
    assertEquals(42, json.get("provenance").get("seed").asLong());
    assertEquals("abc", json.get("provenance").get("datasetSha256").get("f").asText());
    assertEquals(2, json.get("perEpoch").size());

    String md = Files.readString(dir.resolve("run/summary.md"));
    assertTrue(md.contains("**97.00 %**"), md);
    try (var files = Files.list(dir.resolve("run"))) {
      assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
    }
  }
}
