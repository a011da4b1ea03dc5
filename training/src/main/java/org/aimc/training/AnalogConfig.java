package org.aimc.training;

import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.TileConfig;

/**
 * The analog part of a training configuration: the tiles every weight matrix lives on, the transfer
 * schedule and the chip's clock.
 */
public record AnalogConfig(TileConfig tile, TransferConfig transfer, ClockConfig clock) {
  public AnalogConfig {
    if (tile == null || transfer == null || clock == null) throw new IllegalArgumentException("tile, transfer and clock must all be given");
    boolean pcm = tile.layout() == CellLayout.HYBRID || tile.layout() == CellLayout.PCM_PAIR;
    if (transfer.enabled() && !pcm)
      throw new IllegalArgumentException("transfer.enabled = true needs PCM to transfer into: the " + tile.layout().id()
          + " layout has none (use layout hybrid or pcm-pair, or transfer.enabled=false)");
    if (transfer.enabled() && transfer.polarityInversion() && tile.layout() != CellLayout.HYBRID)
      throw new IllegalArgumentException("transfer.polarityInversion = true needs the capacitor of the hybrid layout, not " + tile.layout().id());
  }

  /** Whether transfers move a capacitor part into the PCM (hybrid), rather than refresh a PCM pair. */
  boolean transfersCapacitor() {
    return tile.layout() == CellLayout.HYBRID;
  }
}
