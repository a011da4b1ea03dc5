package org.aimc.training;

import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.TileConfig;

/**
 * The analog part of a training configuration: the tiles every weight matrix lives on, the transfer
 * schedule, the chip's clock, and how network weights map onto conductances.
 *
 * @param weightScalingOmega per layer, the largest initial weight maps to this fraction of the
 *     cell's largest weight (IBM aihwkit's {@code weight_scaling_omega}), so that small weights use
 *     the devices' range instead of a few per cent of it; 0 maps weight 1 to the cell's largest
 *     weight (no scaling); in [0, 1]
 */
public record AnalogConfig(TileConfig tile, TransferConfig transfer, ClockConfig clock, double weightScalingOmega) {
  /** Without weight scaling (weight 1 = the cell's largest weight). */
  public AnalogConfig(TileConfig tile, TransferConfig transfer, ClockConfig clock) {
    this(tile, transfer, clock, 0.0);
  }

  public AnalogConfig {
    if (!(weightScalingOmega >= 0 && weightScalingOmega <= 1))
      throw new IllegalArgumentException("weightScalingOmega = " + weightScalingOmega + " is outside [0, 1] (0 = no scaling)");
    if (tile == null || transfer == null || clock == null) throw new IllegalArgumentException("tile, transfer and clock must all be given");
    checkWeightScale(tile);
    boolean pcm = tile.layout() == CellLayout.HYBRID || tile.layout() == CellLayout.PCM_PAIR;
    if (transfer.enabled() && !pcm)
      throw new IllegalArgumentException("transfer.enabled = true needs PCM to transfer into: the " + tile.layout().id()
          + " layout has none (use layout hybrid or pcm-pair, or transfer.enabled=false)");
    if (transfer.enabled() && transfer.polarityInversion() && tile.layout() != CellLayout.HYBRID)
      throw new IllegalArgumentException("transfer.polarityInversion = true needs the capacitor of the hybrid layout, not " + tile.layout().id());
  }

  /**
   * Derived quantities of the cell, checked when a configuration is resolved rather than deep in a
   * run: the largest weight (µS) must be finite and positive, and one update step must be a
   * fraction of it that a run can resolve. Named by the keys they come from.
   */
  private static void checkWeightScale(TileConfig tile) {
    org.aimc.crossbar.cells.CellArray probe = tile.layout().create(tile, 1, 1, 0L);
    double max = probe.maxWeightMicroSiemens();
    double step = probe.updateStepMicroSiemens();
    String from = " (from tile.gainFactor = " + tile.gainFactor() + ", pcm.gSatMicroS, pcm.gResetMicroS, capacitor.readSlopeMicroSPerVolt,"
        + " capacitor.chargeStepVolts and the rails of the " + tile.layout().id() + " layout)";
    if (!(max > 0 && max < 1e7))
      throw new IllegalArgumentException("the cell's largest weight is " + max + " µS, outside the plausible (0, 1e7) µS" + from);
    if (step > 0 && !(max / step >= 1 && max / step <= 1e9))
      throw new IllegalArgumentException("one update step is " + step + " µS against a largest weight of " + max
          + " µS: a ratio of " + (max / step) + " levels, outside the plausible [1, 1e9]" + from);
  }

  public AnalogConfig withWeightScalingOmega(double omega) {
    return new AnalogConfig(tile, transfer, clock, omega);
  }

  /** Whether transfers move a capacitor part into the PCM (hybrid), rather than refresh a PCM pair. */
  boolean transfersCapacitor() {
    return tile.layout() == CellLayout.HYBRID;
  }
}
