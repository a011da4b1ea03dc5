package org.aimc.crossbar.energy;

/**
 * One value of a {@link TechnologyTable} with where it comes from.
 *
 * @param value in the unit of its {@link TechParameter} (pJ, ns, µm² or bits); checked by the table
 * @param source a citation, "derived: …" with the arithmetic, "calibrated: …" with the factor, or
 *     "assumed: …" with the reason; never empty
 */
public record TechnologyEntry(double value, String source) {
  public TechnologyEntry {
    if (source == null || source.isBlank()) throw new IllegalArgumentException("a technology entry needs a source (or 'assumed: reason')");
  }

  public static TechnologyEntry of(double value, String source) {
    return new TechnologyEntry(value, source);
  }
}
