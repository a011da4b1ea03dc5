package org.aimc.crossbar;

/**
 * How the periphery undoes the average PCM drift, as PCM chips do it (e.g. Le Gallo et al., Nature
 * Electronics 2023; IBM aihwkit's {@code GlobalDriftCompensation}): right after programming, the
 * summed conductance {@code Σ(G⁺ + G⁻)} of a column is known from its verify reads; later the same
 * sum is read again (one read of the column with all inputs at full scale) and the PCM part of
 * every output is multiplied by the ratio. The gain is re-estimated whenever the chip's clock
 * advances the devices. It removes the drift common to the devices it averages over, not the
 * device-to-device spread of ν. The noise of the column-sum read (≈ σ_read/√(2·rows) of the mean
 * conductance) is neglected.
 */
public enum DriftCompensation {
  /** No compensation: outputs shrink as the PCM drifts. */
  NONE("none"),
  /** One gain for the whole tile: Σ over every cell of G_v over Σ of G(t). */
  GLOBAL("global"),
  /** One gain per column (output line), reset to 1 when the column is programmed. */
  PER_COLUMN("per-column");

  private final String id;

  DriftCompensation(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
