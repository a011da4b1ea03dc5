package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  @TempDir Path dir;

  @Test
  void namesAreCheckedAndTheErrorListsTheAllowedOnes() {
    assertEquals("mnist", Datasets.canonicalName(" MNIST "));
    assertEquals("mnist-backrand", Datasets.canonicalName("mnist-backrand"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("cifar10", DataHome.at(dir)));
    assertEquals("unknown data set 'cifar10'; allowed: mnist, mnist-backrand, or idx:FOLDER for MNIST-format IDX files of your own in the data folder",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Datasets.info(null, DataHome.at(dir)));
    assertEquals("aimc data fetch mnist-backrand", Datasets.fetchCommand("Mnist-Backrand"));
  }

  @Test
  void anIdxFolderOfTheUsersOwnLoadsAndIsHashedNotPinned() throws Exception {
    DataHome home = DataHome.at(dir);
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Datasets.load("idx:mine", home));
    assertTrue(missing.getMessage().contains(dir.resolve("mine").resolve("train-images-idx3-ubyte").toString()), missing.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Datasets.canonicalName("idx:../up"), "a folder outside the data folder");
    assertThrows(IllegalArgumentException.class, () -> Datasets.fetch("idx:mine", home, m -> {}), "nothing to fetch");
    Path f = Datasets.folder("idx:mine", home);
    IdxWriter.writeImages(f.resolve(Datasets.IDX_FILES.get(0)), 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(1)), new byte[] {3, 9});
    IdxWriter.writeImages(f.resolve(Datasets.IDX_FILES.get(2)), 2, 2, new byte[] {9, 9, 9, 9});
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(3)), new byte[] {0});
    DatasetSplit s = Datasets.load(" idx:mine", home);
    assertEquals(2, s.train().count());
    assertEquals(9, s.train().label(1));
    assertEquals(1, s.test().count());
    Map<String, String> sums = Datasets.checksums("idx:mine", home);
    assertEquals(Datasets.IDX_FILES, List.copyOf(sums.keySet()));
    assertEquals(FileOps.sha256(f.resolve(Datasets.IDX_FILES.get(2))), sums.get(Datasets.IDX_FILES.get(2)));
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(3)), new byte[] {10});
    assertThrows(DataFileException.class, () -> Datasets.load("idx:mine", home), "labels are digits 0..9");
  }

  @Test
  void checksumsAreThePins() {
    Map<String, String> m = Datasets.checksums("mnist");
    assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
        List.copyOf(m.keySet()));
    assertEquals("ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", m.get("train-images-idx3-ubyte"));
    assertEquals(4, Datasets.checksums("mnist-backrand").size());
  }

  @Test
  void infoOnAnEmptyFolderShowsMissingFilesAndFetchesNothing() {
    DataHome home = DataHome.at(dir.resolve("data"));
    DatasetInfo info = Datasets.info("mnist-backrand", home);
    assertFalse(info.verified());
    assertEquals(4, info.files().size());
    assertTrue(info.files().stream().noneMatch(DatasetInfo.FileStatus::present));
    assertNull(info.train());
    assertNull(info.test());
    assertEquals("aimc data fetch mnist-backrand", info.fetchCommand());
    assertTrue(String.join("\n", info.notes()).contains("REGENERATED VARIANT, not the original Larochelle"), info.notes().toString());
    assertFalse(Files.exists(home.dir()), "info creates nothing");
  }

  /** A small data set of the tests' own, to check info's counts and the checksum check on a name other than mnist. */
  private static final class Toy extends DatasetSource {
    Toy(List<PinnedFile> files) {
      super("toy", files);
    }

    @Override String name() { return "toy"; }
    @Override String summary() { return "toy"; }
    @Override List<String> notes() { return List.of(); }
    @Override int classes() { return 10; }
    @Override void fetch(DataHome home, Consumer<String> progress) { throw new IllegalStateException("toy cannot be fetched"); }
  }

  @Test
  void aChangedByteIsDetectedAndTheMessageNamesTheFileAndTheFetchCommand() throws Exception {
    DataHome home = DataHome.at(dir);
    LabeledImages a = TestFiles.digits("toy/train", 12, 4, 4, 0);
    LabeledImages b = TestFiles.digits("toy/test", 5, 4, 4, 0);
    Path folder = home.folder("toy");
    String[] names = {"tr-img", "tr-lab", "te-img", "te-lab"};
    IdxWriter.write(a, folder.resolve(names[0]), folder.resolve(names[1]));
    IdxWriter.write(b, folder.resolve(names[2]), folder.resolve(names[3]));
    List<DatasetSource.PinnedFile> pins = new java.util.ArrayList<>();
    for (String n : names) pins.add(new DatasetSource.PinnedFile(n, Files.size(folder.resolve(n)), FileOps.sha256(folder.resolve(n))));
    Toy toy = new Toy(pins);
    assertEquals(12, Datasets.load(toy, home, s -> {}).train().count(), "present files are read, not fetched");

    byte[] labels = Files.readAllBytes(folder.resolve("tr-lab"));
    labels[8 + 3] = (byte) ((labels[8 + 3] + 1) % 10); // still a valid label
    Files.write(folder.resolve("tr-lab"), labels);
    DataFileException e = assertThrows(DataFileException.class, () -> toy.read(home));
    assertEquals(folder.resolve("tr-lab"), e.file());
    assertTrue(e.getMessage().startsWith(folder.resolve("tr-lab") + ": checksum mismatch"), e.getMessage());
    assertTrue(e.getMessage().endsWith("fetch it again with: aimc data fetch toy"), e.getMessage());
    assertEquals(List.of(pins.get(1)), toy.unverified(home));
  }

  @Test
  void dataHomeFollowsAimcHome() {
    assertEquals(Path.of("/srv/aimc/data"), DataHome.fromEnvironment(Map.of("AIMC_HOME", "/srv/aimc"), "/home/u").dir());
    assertEquals(Path.of("/home/u/.aimc/data"), DataHome.fromEnvironment(Map.of(), "/home/u").dir());
    assertEquals(Path.of("/home/u/.aimc/data"), DataHome.fromEnvironment(Map.of("AIMC_HOME", " "), "/home/u").dir());
    // ~ is $HOME, as in a shell, not Java's user.home (which comes from the password database).
    assertEquals(Path.of("/tmp/h/.aimc/data"), DataHome.fromEnvironment(Map.of("HOME", "/tmp/h"), "/home/u").dir());
    assertEquals(Path.of("/x/data/mnist"), DataHome.at(Path.of("/x/data")).folder("mnist"));
    assertTrue(DataHome.at(Path.of("rel")).dir().isAbsolute());
  }

  /** Issue 31: training and test images of different sizes, or no training images, are refused when the folder is read. */
  @Test
  void idxSplitsOfDifferentImageSizesOrNoImagesAreRefused() throws Exception {
    DataHome home = DataHome.at(dir);
    Path f = Datasets.folder("idx:odd", home);
    IdxWriter.writeImages(f.resolve(Datasets.IDX_FILES.get(0)), 2, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(1)), new byte[] {3, 9});
    IdxWriter.writeImages(f.resolve(Datasets.IDX_FILES.get(2)), 1, 3, new byte[] {9, 9, 9});
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(3)), new byte[] {0});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("idx:odd", home));
    assertTrue(e.getMessage().contains("are 2×2 pixels but the test images") && e.getMessage().contains("are 1×3; both splits"), e.getMessage());
    IdxWriter.writeImages(f.resolve(Datasets.IDX_FILES.get(0)), 1, 3, new byte[0]);
    IdxWriter.writeLabels(f.resolve(Datasets.IDX_FILES.get(1)), new byte[0]);
    e = assertThrows(IllegalArgumentException.class, () -> Datasets.load("idx:odd", home));
    assertTrue(e.getMessage().contains("train-images-idx3-ubyte holds no images; training needs some"), e.getMessage());
  }
}
