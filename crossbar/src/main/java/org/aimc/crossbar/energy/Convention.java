package org.aimc.crossbar.energy;

/**
 * How operations are counted, recorded in every report so that reports made under different
 * conventions are never compared ({@code aimc export} refuses to).
 *
 * @param opsPerMac operations per multiply-accumulate (2: one multiply and one add)
 * @param updateCountsAsMacs whether a cell's share of a parallel outer-product update counts as one
 *     multiply-accumulate ({@code w += η·δ·x}) besides the MVMs
 * @param text the convention in words, as printed in reports
 */
public record Convention(int opsPerMac, boolean updateCountsAsMacs, String text) {
  /** aimc's convention: 1 MAC = 2 operations; forward, backward and update each count one MAC per cell used. */
  public static final Convention AIMC = new Convention(2, true,
      "1 multiply-accumulate (MAC) = 2 operations; operations = 2 × (cell MACs of forward and backward MVMs"
          + " + one MAC per cell of each parallel outer-product update); transfers count no operations");

  public Convention {
    if (opsPerMac < 1) throw new IllegalArgumentException("opsPerMac must be at least 1, got " + opsPerMac);
    if (text == null) text = "";
  }

  /** Whether two conventions count the same way (the text aside). */
  public boolean sameCounting(Convention other) {
    return other != null && opsPerMac == other.opsPerMac && updateCountsAsMacs == other.updateCountsAsMacs;
  }
}
