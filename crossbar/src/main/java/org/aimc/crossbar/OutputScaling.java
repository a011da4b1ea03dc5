package org.aimc.crossbar;

/**
 * How an integrator's full scale (the ADC range) and its output noise follow the number of lines
 * an MVM drives, so that each direction and layer has its own full scale.
 */
public enum OutputScaling {
  /** {@code outputRange} and {@code outputNoise} are absolute, in units of one cell at its largest weight driven at full scale. */
  FIXED,
  /**
   * Both are per √(driven line): the full scale of an MVM driving N lines is {@code outputRange·√N}
   * and its noise {@code outputNoise·√N}, so the noise is a fixed fraction
   * {@code outputNoise/outputRange} of the full scale. √N is the typical magnitude of a sum of N
   * terms of random sign: a 785-line forward read and a 10-line backward read each get a range
   * fitting their own outputs instead of sharing one.
   */
  SQRT_LINES
}
