package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.Datasets;
import org.aimc.datasets.IdxWriter;
import org.aimc.datasets.LabeledImages;
import org.aimc.datasets.Npy;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.run.DataLoader;
import org.aimc.experiments.run.TrainResult;
import org.aimc.experiments.run.TrainSpec;
import org.aimc.experiments.run.TrainingRun;
import org.aimc.training.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bring-your-own data on the command line: feature folders and IDX folders; bad shapes and labels exit 2 before any results folder. */
class FeatureDataCliTest {
  @TempDir Path tmp;

  private Path features(int train, int test) {
    return BlobFeatures.write(tmp.resolve("feat"), train, test);
  }

  @Test
  void trainsOnAFeatureFolderWithTheDefaultOneLayerHeadAndRecordsTheScaling() throws Exception {
    Path dir = features(600, 150);
    Path out = tmp.resolve("run");
    CliRunner r = CliRunner.run("train", "--dataset", "features:" + dir, "--epochs", "2", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    JsonNode result = Json.MAPPER.readTree(out.resolve("result.json").toFile());
    assertEquals("6-3", result.path("network").asText());
    assertTrue(result.path("testAccuracy").asDouble() > 0.9, "separable blobs: " + result.path("testAccuracy"));
    JsonNode scaling = result.at("/resolvedConfig/inputScaling");
    assertEquals(6, scaling.path("min").size());
    assertTrue(scaling.path("min").get(0).asDouble() > 10, "min of the training split, in feature units: " + scaling);
    assertTrue(result.at("/provenance/datasetSha256").has("train_x.npy"));
  }

  @Test
  void reproducesOnAFeatureFolderSoftwareBesideTheHybridScheme() throws Exception {
    Path dir = features(300, 90);
    Path out = tmp.resolve("repro");
    CliRunner r = CliRunner.run("reproduce", "features:" + dir, "--configs", "software,ambrogio2018", "--seeds", "1", "--epochs", "1",
        "--threads", "1", "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("network 6-3"), r.out());
    assertTrue(r.out().contains("| software |") && r.out().contains("| ambrogio2018 |"), r.out());
    assertTrue(Files.isRegularFile(out.resolve("comparison.csv")));
    JsonNode hybrid = Json.MAPPER.readTree(out.resolve("ambrogio2018/seed-1/result.json").toFile());
    assertTrue(hybrid.at("/energy").size() > 0, "analog runs are priced");
    assertEquals(6, hybrid.at("/resolvedConfig/inputScaling/max").size(), "the same scaling as software");
  }

  @Test
  void badLabelsAndShapesExit2BeforeAnyResultsFolder() throws Exception {
    Path dir = features(30, 9);
    Npy.writeInt32(dir.resolve("train_y.npy"), new int[29]);
    Path out = tmp.resolve("never");
    CliRunner r = CliRunner.run("train", "--dataset", "features:" + dir, "--network", "6-3", "--epochs", "1", "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("holds 29 labels but") && r.err().contains("train_x.npy holds 30"), r.err());
    assertFalse(Files.exists(out), "nothing written");
    Npy.writeInt32(dir.resolve("train_y.npy"), new int[30]);
    Npy.writeFloat32(dir.resolve("test_x.npy"), new float[9 * 5], 9, 5);
    r = CliRunner.run("reproduce", "features:" + dir, "--quick", "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("same D"), r.err());
    r = CliRunner.run("train", "--dataset", "features:" + tmp.resolve("nowhere"), "--out", out.toString());
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("no such folder"), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  /** {@code idx:FOLDER} is a folder of the data folder ({@code aimc train} finds it under AIMC_HOME; here the run is handed the data folder). */
  @Test
  void trainsOnAnIdxFolderAndDescribesIt() throws Exception {
    DataHome home = DataHome.at(tmp.resolve("data"));
    Path dir = Datasets.folder("idx:toy", home);
    byte[] px = new byte[40 * 16];
    byte[] y = new byte[40];
    for (int i = 0; i < 40; i++) {
      y[i] = (byte) (i % 2);
      for (int p = 0; p < 16; p++) px[i * 16 + p] = (byte) (y[i] == 0 ? (p < 8 ? 200 : 0) : (p < 8 ? 0 : 200));
    }
    LabeledImages images = new LabeledImages("toy", 4, 4, px, y, 2);
    IdxWriter.write(images, dir.resolve(Datasets.IDX_FILES.get(0)), dir.resolve(Datasets.IDX_FILES.get(1)));
    IdxWriter.write(images, dir.resolve(Datasets.IDX_FILES.get(2)), dir.resolve(Datasets.IDX_FILES.get(3)));
    TrainResult r = new TrainingRun(new TrainSpec("idx:toy", "16-10", "software", List.of(), 2, 1), tmp.resolve("run"))
        .run(DataLoader.of(home), new TrainingListener() {}, true, false);
    assertEquals(34, r.split().trainExamples(), "a sixth of a user's own set held out");
    assertTrue(r.testAccuracy() > 0.9, "separable halves: " + r.testAccuracy());
    CliRunner info = CliRunner.run("data", "info", "idx:toy", "--data-dir", home.dir().toString());
    assertEquals(0, info.exitCode(), info.err());
    assertTrue(info.out().contains("40 examples of 4×4 grey, 10 classes"), info.out());
  }
}
