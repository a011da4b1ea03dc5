package org.aimc.experiments.cli;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.aimc.datasets.Npy;

/** A tiny feature folder for command-line tests: three classes of Gaussian blobs in 6 dimensions, on a scale far from [0, 1] (as real features are). */
final class BlobFeatures {
  private BlobFeatures() {}

  /** Writes {@code dir/{train,test}_{x,y}.npy} with {@code train} and {@code test} examples (seed 3) and returns {@code dir}. */
  static Path write(Path dir, int train, int test) {
    SplittableRandom r = new SplittableRandom(3);
    for (String split : new String[] {"train", "test"}) {
      int n = split.equals("train") ? train : test;
      float[] x = new float[n * 6];
      int[] y = new int[n];
      for (int i = 0; i < n; i++) {
        y[i] = i % 3;
        for (int j = 0; j < 6; j++) x[i * 6 + j] = (float) (40 + 25 * (j % 3 == y[i] ? 1 : 0) + 5 * r.nextGaussian());
      }
      Npy.writeFloat32(dir.resolve(split + "_x.npy"), x, n, 6);
      Npy.writeInt32(dir.resolve(split + "_y.npy"), y);
    }
    return dir;
  }
}
