package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * One data set aimc knows by name: its pinned files and how to fetch (or regenerate) them. The four
 * files are, in order, training images, training labels, test images, test labels.
 */
abstract class DatasetSource {
  /** One file of a data set with the size and SHA-256 that aimc pins for it. */
  record PinnedFile(String fileName, long size, String sha256) {}

  private final List<PinnedFile> files;

  /** @param files training images, training labels, test images, test labels */
  DatasetSource(String name, List<PinnedFile> files) {
    if (files.size() != 4) throw new IllegalArgumentException(name + " has 4 files, not " + files.size());
    this.files = List.copyOf(files);
  }

  abstract String name();

  /** One line: what the data set is. */
  abstract String summary();

  /** Where the files come from and what was done to them, one line each. */
  abstract List<String> notes();

  /** Training images, training labels, test images, test labels. */
  final List<PinnedFile> files() {
    return files;
  }

  abstract int classes();

  /** Images in the training file (from the pinned size of its labels file: an 8-byte header, one byte each). */
  final int trainingCount() {
    return (int) (files.get(1).size() - 8);
  }

  /** Images in the test file, likewise from its labels file's pinned size. */
  final int testCount() {
    return (int) (files.get(3).size() - 8);
  }

  /**
   * Training images held out for validation by default ({@link HoldOut}); each data set states its own.
   *
   * @throws IllegalStateException if this data set has not stated one
   */
  int validationCount() {
    throw new IllegalStateException(name() + " states no validation size; give --validation N");
  }

  /** Makes every pinned file present and verified in {@code home}, replacing missing or bad ones. */
  abstract void fetch(DataHome home, Consumer<String> progress);

  final String fetchCommand() {
    return "aimc data fetch " + name();
  }

  final Path path(DataHome home, PinnedFile f) {
    return home.folder(name()).resolve(f.fileName());
  }

  final boolean allPresent(DataHome home) {
    for (PinnedFile f : files()) if (!Files.isRegularFile(path(home, f))) return false;
    return true;
  }

  /** The pinned files that are missing or whose bytes differ from the pins. */
  final List<PinnedFile> unverified(DataHome home) {
    List<PinnedFile> bad = new ArrayList<>();
    for (PinnedFile f : files()) if (!verifies(path(home, f), f)) bad.add(f);
    return bad;
  }

  static boolean verifies(Path p, PinnedFile f) {
    try {
      return Files.isRegularFile(p) && Files.size(p) == f.size() && FileOps.sha256(p).equals(f.sha256());
    } catch (IOException e) {
      return false;
    }
  }

  /** Reads both splits, checking each file's structure and its SHA-256 against the pin. */
  final DatasetSplit read(DataHome home) {
    List<PinnedFile> fs = files();
    return new DatasetSplit(name(), readSplit(home, "train", fs.get(0), fs.get(1)), readSplit(home, "test", fs.get(2), fs.get(3)));
  }

  private LabeledImages readSplit(DataHome home, String split, PinnedFile imagesPin, PinnedFile labelsPin) {
    Path imagesFile = path(home, imagesPin);
    Path labelsFile = path(home, labelsPin);
    IdxReader.Images images = IdxReader.readImages(imagesFile, fetchCommand());
    checkPin(imagesFile, images.sha256(), imagesPin);
    IdxReader.Labels labels = IdxReader.readLabels(labelsFile, classes(), fetchCommand());
    checkPin(labelsFile, labels.sha256(), labelsPin);
    return IdxReader.combine(name() + "/" + split, images, labels, imagesFile, labelsFile, classes(), fetchCommand());
  }

  final void checkPin(Path file, String actualSha256, PinnedFile pin) {
    if (!actualSha256.equals(pin.sha256()))
      throw new DataFileException(file, String.format(Locale.ROOT,
          "checksum mismatch: SHA-256 %s, expected %s (the file is corrupt or not the one aimc pins)", actualSha256, pin.sha256()),
          fetchCommand());
  }

  /** A fresh temporary folder inside the data folder, so that moving files into place is a rename. */
  static Path tempFolder(DataHome home, String prefix) {
    try {
      Files.createDirectories(home.dir());
      return Files.createTempDirectory(home.dir(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder in " + home.dir() + ": " + e.getMessage(), e);
    }
  }
}
