package org.aimc.crossbar;

/**
 * How the periphery undoes the average PCM drift, as PCM chips do it (e.g. Le Gallo et al., Nature
 * Electronics 2023; IBM aihwkit's {@code GlobalDriftCompensation}): right after programming, the
 * summed conductance {@code Σ(G⁺ + G⁻)} of a column is known from its verify reads; later the same
 * sum is read again (one read of the column with all inputs at full scale) and the PCM part of
 * every output is multiplied by the ratio. The gain is re-estimated whenever the chip's clock
 * advances the devices. It removes the drift common to the devices it averages over, not the
 * device-to-device spread of ν.
 *
 * <p>The cells read are every PCM device of the column (both devices of every pair), as one
 * column-sum read with all inputs on: the reference sum is such a read right after the column is
 * programmed (its devices at their verified conductances, read noise at the verify-read delay), the
 * present sum one at each refresh; each read carries the summed read noise of its devices
 * (√Σσ_i²). GLOBAL sums the same reads over the tile's columns. The *_ORACLE modes use the exact,
 * noise-free sums instead: an oracle no chip has, for comparison only.
 */
public enum DriftCompensation {
  /** No compensation: outputs shrink as the PCM drifts. */
  NONE("none"),
  /** One gain for the whole tile: Σ over every cell of G_v over Σ of G(t). */
  GLOBAL("global"),
  /** One gain per column (output line), reset to 1 when the column is programmed. */
  PER_COLUMN("per-column"),
  /** GLOBAL from the exact, noise-free sums: an oracle (no chip knows them). */
  GLOBAL_ORACLE("global-oracle"),
  /** PER_COLUMN from the exact, noise-free sums: an oracle (no chip knows them). */
  PER_COLUMN_ORACLE("per-column-oracle");

  private final String id;

  DriftCompensation(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Whether the gain is the exact ratio of noise-free sums (an oracle), not one estimated from reads. */
  public boolean oracle() {
    return this == GLOBAL_ORACLE || this == PER_COLUMN_ORACLE;
  }

  /** Whether one gain serves the whole tile. */
  public boolean global() {
    return this == GLOBAL || this == GLOBAL_ORACLE;
  }

  /** Whether each column has a gain of its own. */
  public boolean perColumn() {
    return this == PER_COLUMN || this == PER_COLUMN_ORACLE;
  }
}
