package org.aimc.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A folder of features a user brings ({@code --dataset features:DIR}): {@code train_x.npy} and
 * {@code test_x.npy} (float32 or float64, N×D, the same D), {@code train_y.npy} and
 * {@code test_y.npy} (integer labels, N, from 0). The class count is the largest label plus one
 * (at least 2). Shapes, label ranges and non-finite values are checked; each error names the file,
 * the row and the fix.
 */
public final class FeatureFolder {
  public static final String PREFIX = "features:";
  public static final String[] FILES = {"train_x.npy", "train_y.npy", "test_x.npy", "test_y.npy"};

  private FeatureFolder() {}

  /** Both splits of a feature folder. */
  public record Split(LabeledFeatures train, LabeledFeatures test) {}

  /** What {@code aimc data info features:DIR} tells. */
  public static String describe() {
    return "features:DIR — train_x.npy, test_x.npy (float32/float64, N×D), train_y.npy, test_y.npy (integer labels 0..C-1, N)";
  }

  /**
   * Reads and checks all four files.
   *
   * @throws IllegalArgumentException naming the file and what is wrong
   */
  public static Split read(Path dir) {
    if (!Files.isDirectory(dir))
      throw new IllegalArgumentException("features:" + dir + ": no such folder; give a folder holding " + String.join(", ", FILES));
    for (String f : FILES)
      if (!Files.isRegularFile(dir.resolve(f)))
        throw new IllegalArgumentException("features:" + dir + ": " + f + " is missing; the folder must hold " + String.join(", ", FILES)
            + " (numpy.save of float32 N×D features and integer labels)");
    Npy.Array trainX = Npy.read(dir.resolve(FILES[0]));
    Npy.Array trainY = Npy.read(dir.resolve(FILES[1]));
    Npy.Array testX = Npy.read(dir.resolve(FILES[2]));
    Npy.Array testY = Npy.read(dir.resolve(FILES[3]));
    checkMatrix(trainX);
    checkMatrix(testX);
    if (trainX.columns() != testX.columns())
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s has %d features per example but %s has %d; both splits must have the same D",
          trainX.file(), trainX.columns(), testX.file(), testX.columns()));
    byte[] trainLabels = labels(trainY, trainX);
    byte[] testLabels = labels(testY, testX);
    int max = 1;
    for (byte b : trainLabels) max = Math.max(max, b);
    for (byte b : testLabels) max = Math.max(max, b);
    int classes = max + 1;
    return new Split(new LabeledFeatures(PREFIX + dir + "/train", floats(trainX), trainX.columns(), trainLabels, classes),
        new LabeledFeatures(PREFIX + dir + "/test", floats(testX), testX.columns(), testLabels, classes));
  }

  private static void checkMatrix(Npy.Array x) {
    if (x.shape().length != 2)
      throw new IllegalArgumentException(x.file() + ": shape " + x.shapeText() + "; features must be a matrix (N examples, D features)");
    if (!x.dtype().startsWith("<f"))
      throw new IllegalArgumentException(x.file() + ": dtype " + x.dtype() + "; features must be float32 or float64 (x.astype(numpy.float32))");
    if (x.rows() == 0) throw new IllegalArgumentException(x.file() + ": no examples");
    float[] v = x.data();
    for (int i = 0; i < v.length; i++)
      if (!Float.isFinite(v[i])) // a float64 value beyond float32's range is infinite here
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: value %s at row %d, column %d is not a finite float32; clean or drop that example",
            x.file(), v[i], i / x.columns(), i % x.columns()));
  }

  private static byte[] labels(Npy.Array y, Npy.Array x) {
    if (y.shape().length != 1 && !(y.shape().length == 2 && y.shape()[1] == 1))
      throw new IllegalArgumentException(y.file() + ": shape " + y.shapeText() + "; labels must be a vector (N,)");
    if (y.dtype().startsWith("<f"))
      throw new IllegalArgumentException(y.file() + ": dtype " + y.dtype() + "; labels must be integers (y.astype(numpy.int64))");
    if (y.rows() != x.rows())
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s holds %d labels but %s holds %d examples; they must match row for row",
          y.file(), y.rows(), x.file(), x.rows()));
    float[] v = y.data();
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0 || v[i] > 127)
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: label %d at row %d is outside 0..127; labels are class numbers from 0",
            y.file(), (long) v[i], i));
      out[i] = (byte) v[i];
    }
    return out;
  }

  private static float[] floats(Npy.Array x) {
    return x.data(); // read as float32 already: no second copy
  }
}
