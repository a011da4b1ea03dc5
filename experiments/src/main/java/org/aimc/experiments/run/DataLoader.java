package org.aimc.experiments.run;

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

  /** The data sets under {@code home}, fetched or regenerated on first use. */
  static DataLoader of(DataHome home) {
    return name -> Datasets.load(name, home);
  }
}
