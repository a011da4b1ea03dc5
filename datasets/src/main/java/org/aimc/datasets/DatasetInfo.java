package org.aimc.datasets;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code aimc data info} shows: where a data set's files are, whether each verifies against its
 * pinned checksum, and the count per class of each split.
 *
 * @param name the data set's name, e.g. "mnist"
 * @param summary one line: what the data set is
 * @param notes where the files come from and what was done to them
 * @param folder the data set's folder
 * @param fetchCommand the command that fetches (or regenerates) the files
 * @param files the pinned files: training images, training labels, test images, test labels
 * @param train the training split, or {@code null} while its files do not verify
 * @param test the test split, or {@code null} while its files do not verify
 */
public record DatasetInfo(String name, String summary, List<String> notes, Path folder, String fetchCommand,
                          List<FileStatus> files, SplitStats train, SplitStats test) {
  /**
   * One file as found on disk against what aimc pins for it.
   *
   * @param size bytes on disk, or -1 when missing
   * @param sha256 SHA-256 of the file on disk (lower-case hex), or {@code null} when missing
   */
  public record FileStatus(String fileName, Path path, long size, String sha256, long expectedSize, String expectedSha256) {
    public boolean present() {
      return size >= 0;
    }

    public boolean verified() {
      return size == expectedSize && expectedSha256.equals(sha256);
    }
  }

  /**
   * A split's shape and class balance, read from its verified files.
   *
   * @param perClass number of images of each class, indexed by label
   */
  public record SplitStats(int count, int rows, int cols, int[] perClass) {}

  /** Whether every file is present and matches its pinned checksum. */
  public boolean verified() {
    return files.stream().allMatch(FileStatus::verified);
  }
}
