package org.aimc.devices;

import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random streams of one device array, from one seed. Algorithm {@link #ALGORITHM}
 * (xoroshiro128++, Commons RNG); the {@code long} seed is expanded by Commons RNG's SplitMix64.
 * Device-to-device draws use the stream as created; cycle-to-cycle noise uses the same stream after
 * one {@code jump()} (2^64 steps ahead), so the two never overlap and the per-device draws of the
 * first k cells do not depend on the array size.
 *
 * <p>Only {@link #ctoc} is drawn from after construction, so it is the only stream a checkpoint
 * saves; the device-to-device draws are re-created from the seed.
 */
final class DeviceRandom {
  static final RandomSource ALGORITHM = RandomSource.XO_RO_SHI_RO_128_PP;

  final UniformRandomProvider dtod;
  final RestorableUniformRandomProvider ctoc;

  DeviceRandom(long seed) {
    RestorableUniformRandomProvider rng = ALGORITHM.create(seed);
    this.dtod = ((JumpableUniformRandomProvider) rng).jump(); // a copy of the start state
    this.ctoc = rng; // now 2^64 steps ahead
  }

  /** A standard normal truncated (clipped) at ±3. */
  static double truncatedZ(ContinuousSampler normal) {
    double z = normal.sample();
    return z > 3 ? 3 : (z < -3 ? -3 : z);
  }

  /**
   * 1 + sigma·z with z from {@link #truncatedZ} (positive for sigma &lt;= 0.3). Draws z even when
   * sigma is 0, so that changing one spread does not shift the other devices' draws.
   */
  static double factor(ContinuousSampler normal, double sigma) {
    return 1.0 + sigma * truncatedZ(normal);
  }
}
