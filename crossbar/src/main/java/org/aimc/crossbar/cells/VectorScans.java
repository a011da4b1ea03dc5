package org.aimc.crossbar.cells;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Checks}' scans with the Vector API, loaded only when {@code jdk.incubator.vector} is
 * present. A maximum is exact in any order, so the result is the plain loop's.
 */
final class VectorScans {
  private VectorScans() {}

  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  /**
   * The largest {@code |a[off + i]|}, or NaN if one is NaN: lane-wise and lane-reducing maxima
   * carry a NaN through, as {@link Math#max} does (the scalar loop took 4 times as long: its
   * maxima form one dependent chain).
   */
  static float maxAbs(float[] a, int off, int len) {
    FloatVector m = FloatVector.zero(SPECIES);
    int i = 0;
    for (int up = SPECIES.loopBound(len); i < up; i += SPECIES.length()) {
      m = m.max(FloatVector.fromArray(SPECIES, a, off + i).abs());
    }
    float max = m.reduceLanes(VectorOperators.MAX);
    for (; i < len; i++) max = Math.max(max, Math.abs(a[off + i]));
    return max;
  }
}
