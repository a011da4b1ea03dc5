package org.aimc.datasets;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * A validation split taken from a training set, fixed by a seed: the same seed and sizes give the
 * same split on every machine, for every configuration and every training seed, so that all of them
 * select on the same images. Generic over what is split: {@link #split(int)} works on indices (any
 * training set: images, feature files), {@link #apply(LabeledImages)} on images.
 *
 * <p>The rule, exactly: Commons RNG {@code RandomSource.SPLIT_MIX_64} seeded with {@code seed}; a
 * Fisher–Yates shuffle of the indices {@code 0..count-1} ({@code for i = count-1 .. 1: swap(i,
 * nextInt(i + 1))}); the first {@code validationCount} shuffled indices are the validation part,
 * the rest the training part, each sorted ascending (so both keep the file's order).
 *
 * @param validationCount examples held out for validation, at least 1
 * @param seed seed of the split ({@link #SEED} for every built-in data set)
 */
public record HoldOut(int validationCount, long seed) {
  /** The seed of every built-in data set's validation split: the issue that introduced it, #13. */
  public static final long SEED = 13L;

  public HoldOut {
    if (validationCount < 1)
      throw new IllegalArgumentException("--validation " + validationCount + ": hold out at least 1 training example for validation");
  }

  /** The two parts of a split training set. */
  public record Parts(int[] train, int[] validation) {}

  /** Images split into a training and a validation part. */
  public record Images(LabeledImages train, LabeledImages validation) {}

  /**
   * Splits the indices {@code 0..count-1}.
   *
   * @throws IllegalArgumentException naming {@code --validation} if nothing would be left to train on
   */
  public Parts split(int count) {
    if (validationCount >= count)
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "--validation %,d is not smaller than the %,d training examples; hold out fewer (e.g. %,d)", validationCount, count, count / 6));
    int[] order = new int[count];
    for (int i = 0; i < count; i++) order[i] = i;
    UniformRandomProvider rng = RandomSource.SPLIT_MIX_64.create(seed);
    for (int i = count - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] validation = Arrays.copyOfRange(order, 0, validationCount);
    int[] train = Arrays.copyOfRange(order, validationCount, count);
    Arrays.sort(validation);
    Arrays.sort(train);
    return new Parts(train, validation);
  }

  /** Splits a training set of images ({@code name/train} and {@code name/validation}). */
  public Images apply(LabeledImages training) {
    Parts p = split(training.count());
    return new Images(training.subset(training.name() + "[train]", p.train()), training.subset(training.name() + "[validation]", p.validation()));
  }

  /** The rule in one line, for result.json. */
  public String describe() {
    return String.format(Locale.ROOT, "%d held out for validation: Fisher-Yates shuffle of the training indices with SPLIT_MIX_64 seed %d,"
        + " the first %d validation, the rest training, both in file order", validationCount, seed, validationCount);
  }
}
