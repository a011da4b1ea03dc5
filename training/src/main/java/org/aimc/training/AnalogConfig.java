package org.aimc.training;

import org.aimc.crossbar.TileConfig;

/**
 * The analog part of a training configuration: the tiles every weight matrix lives on, the transfer
 * schedule and the chip's clock.
 */
public record AnalogConfig(TileConfig tile, TransferConfig transfer, ClockConfig clock) {
  public AnalogConfig {
    if (tile == null || transfer == null || clock == null) throw new IllegalArgumentException("tile, transfer and clock must all be given");
  }
}
