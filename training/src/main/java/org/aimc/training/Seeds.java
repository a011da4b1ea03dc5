package org.aimc.training;

/** Independent seeds for the named random streams of one run, all derived from the run's seed. */
public final class Seeds {
  private Seeds() {}

  /** The SplitMix64 finaliser of {@code seed + stream·golden ratio}: distinct streams, well mixed. */
  public static long stream(long seed, long stream) {
    long z = seed + (stream + 1) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
