package org.aimc.experiments.run;

import java.util.Map;
import org.aimc.datasets.DataHome;
import org.aimc.datasets.DatasetSplit;
import org.aimc.datasets.Datasets;

/**
 * Where a run gets its data set from: normally {@link Datasets#load} (fetching on first use); tests
 * hand in small data sets of their own, e.g. one whose test labels are garbage.
 */
@FunctionalInterface
public interface DataLoader {
  DatasetSplit load(String dataset);

  /** The SHA-256 of each of the data set's files, for the run's provenance (the pins of a named data set). */
  default Map<String, String> checksums(String dataset) {
    return Datasets.checksums(dataset);
  }

  /** The data sets under {@code home}, fetched or regenerated on first use; a user's own folders hashed there. */
  static DataLoader of(DataHome home) {
    return new DataLoader() {
      @Override
      public DatasetSplit load(String dataset) {
        return Datasets.load(dataset, home);
      }

      @Override
      public Map<String, String> checksums(String dataset) {
        return Datasets.checksums(dataset, home);
      }
    };
  }
}
