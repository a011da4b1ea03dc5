package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.Datasets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @TempDir Path dir;

  private static int count(String s, String part) {
    return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }

  @Test
  void infoOnAnEmptyFolderListsMissingFilesAndExitsWithTwo() {
    CliRunner r = CliRunner.run("data", "info", "mnist", "--data-dir", dir.toString());
    assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
    assertEquals(4, count(r.out(), "MISSING"), r.out());
    assertTrue(r.out().contains("folder: " + dir.resolve("mnist")), r.out());
    assertTrue(r.err().contains("fetch it with: aimc data fetch mnist"), r.err());
    try (var s = Files.list(dir)) {
      assertEquals(0, s.count(), "info fetches nothing");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void infoSaysMnistBackrandIsARegeneratedVariant() {
    CliRunner r = CliRunner.run("data", "info", "mnist-backrand", "--data-dir", dir.toString());
    assertTrue(r.out().contains("REGENERATED VARIANT, not the original Larochelle et al. (ICML 2007) mnist-back-rand files"), r.out());
    assertTrue(r.out().contains("seed " + org.aimc.datasets.MnistBackrand.SEED), r.out());
  }

  @Test
  void infoReportsAFileOfTheWrongSize() throws Exception {
    Files.createDirectories(dir.resolve("mnist"));
    Files.write(dir.resolve("mnist").resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 1});
    CliRunner r = CliRunner.run("data", "info", "mnist", "--data-dir", dir.toString());
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.out().contains("WRONG SIZE (expected 60,008 bytes)"), r.out());
    assertEquals(3, count(r.out(), "MISSING"), r.out());
  }

  @Test
  void anUnknownNameListsTheAllowedOnes() {
    CliRunner r = CliRunner.run("data", "fetch", "imagenet", "--data-dir", dir.toString());
    assertEquals(ExitCodes.USAGE, r.exitCode());
    assertTrue(r.err().contains("unknown data set 'imagenet'; allowed: mnist, mnist-backrand"), r.err());
  }

  @Test
  void helpShowsTheNamesAndExamples() {
    CliRunner r = CliRunner.run("data", "--help");
    assertEquals(ExitCodes.OK, r.exitCode());
    assertTrue(r.out().contains("aimc data fetch mnist-backrand"), r.out());
    assertTrue(r.out().contains("fetch") && r.out().contains("info"), r.out());
    CliRunner f = CliRunner.run("data", "fetch", "--help");
    assertTrue(f.out().contains("Data set: mnist, mnist-backrand, cifar10."), f.out());
    assertEquals(ExitCodes.USAGE, CliRunner.run("data").exitCode(), "no subcommand: usage");
    assertEquals(ExitCodes.USAGE, CliRunner.run("data", "fetch").exitCode(), "missing NAME");
  }

  /** Runs only where the real MNIST is in the default data folder. */
  @Test
  void infoOnTheRealMnistVerifiesAndCountsClasses() {
    DataHome home = DataHome.fromEnvironment();
    Assumptions.assumeTrue(Datasets.info("mnist", home).verified(), "real MNIST not in " + home);
    CliRunner r = CliRunner.run("data", "info", "mnist");
    assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    assertEquals(4, count(r.out(), "  verified"), r.out());
    assertTrue(r.out().contains("train: 60,000 images of 28×28; per class: 0:5923 1:6742"), r.out());
    assertTrue(r.out().contains("test: 10,000 images of 28×28; per class: 0:980 1:1135"), r.out());
  }
}
