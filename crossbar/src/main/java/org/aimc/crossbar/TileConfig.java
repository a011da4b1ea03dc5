package org.aimc.crossbar;

import java.util.Locale;
import org.aimc.devices.Check;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;

/**
 * Everything that defines a tile, as plain data: devices, cell layout, physical size, gain factor,
 * periphery of both directions and the update. Presets are static factories; variants are
 * {@code with…} copies. Presets are data files ({@link TilePreset}), where each value says where
 * it comes from: "(paper)" for Ambrogio et al., Nature 558, 60–67 (2018), or "assumed" with the reason.
 *
 * @param name a label for reports
 * @param devices PCM and capacitor parameters (a {@link DevicePreset}'s, or overridden key by key)
 * @param layout the cell layout
 * @param rows physical rows of a tile (inputs of the forward pass), ≥ 1
 * @param cols physical columns of a tile (outputs of the forward pass), ≥ 1
 * @param gainFactor F, the significance of the PCM pair over the capacitor, finite and &gt; 0
 * @param forward periphery of the forward MVM (inputs on rows)
 * @param backward periphery of the backward MVM (inputs on columns)
 * @param update the parallel update
 * @param driftCompensation how the periphery undoes PCM drift ({@link DriftCompensation})
 */
public record TileConfig(
    String name,
    DeviceParams devices,
    CellLayout layout,
    int rows,
    int cols,
    double gainFactor,
    PeripheryConfig forward,
    PeripheryConfig backward,
    UpdateConfig update,
    DriftCompensation driftCompensation) {

  public TileConfig {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("name is empty");
    if (devices == null) throw new IllegalArgumentException("devices is null");
    if (layout == null) throw new IllegalArgumentException("layout is null");
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "tile size must be at least 1×1, got rows = %d, cols = %d", rows, cols));
    }
    Check.plausible("gainFactor", gainFactor, 0.01, 1000, "(ratio)");
    if (forward == null || backward == null) throw new IllegalArgumentException("periphery is null");
    if (update == null) throw new IllegalArgumentException("update is null");
    if (driftCompensation == null) throw new IllegalArgumentException("driftCompensation is null (allowed: NONE, GLOBAL, PER_COLUMN)");
    if (layout == CellLayout.PULSED) {
      if (devices.fast() == null || devices.slow() != null) {
        throw new IllegalArgumentException("the pulsed layout (one pulsed device per weight) takes its device from devices.fast and has no slow pair:"
            + " set devices.fast to a pulsed preset (e.g. gokmen-vlasov) and devices.slow to null");
      }
    } else if (devices.hasPulsedRole() && layout != CellLayout.HYBRID) {
      throw new IllegalArgumentException("devices.fast and devices.slow (pulsed devices in a role of the hybrid cell) need the HYBRID layout"
          + " (or devices.fast alone the PULSED layout), not " + layout.id() + "; set them to null for this layout");
    }
    if (update.encoding() == PulseEncoding.EXACT && layout != CellLayout.IDEAL) {
      throw new IllegalArgumentException("the EXACT update encoding needs the ideal layout, not " + layout.id());
    }
  }

  /**
   * The paper's configuration, the tile preset {@code ambrogio2018} ({@code presets/tile/ambrogio2018.yaml}):
   * hybrid cells of the {@code ambrogio2018} devices, 1,024 × 512 tiles (assumed orientation of the
   * paper's 512 × 1,024 array), F = 3 (assumed), aihwkit-like periphery in both directions
   * (assumed), stochastic pulse trains of BL = 31 (assumed), per-column drift compensation (assumed).
   * Each value's source is in the file ({@code aimc presets show ambrogio2018 --kind tile --sources}).
   */
  public static TileConfig ambrogio2018() {
    return TilePreset.byId("ambrogio2018").config();
  }

  /**
   * The paper's comparison cell, the tile preset {@code pcm-pair2018}: a PCM pair alone (paper:
   * "2PCM"), same devices, tiles and periphery as {@link #ambrogio2018()}; stochastic updates as
   * partial-SET pulses.
   */
  public static TileConfig pcmPair2018() {
    return TilePreset.byId("pcm-pair2018").config();
  }

  /**
   * Ideal float weights with the periphery off and the exact float update, the tile preset
   * {@code ideal}: forward, backward and update equal the float computation to rounding. Same tile
   * size as {@link #ambrogio2018()}.
   */
  public static TileConfig ideal() {
    return TilePreset.byId("ideal").config();
  }

  /** Without drift compensation (the layouts without PCM ignore it). */
  public TileConfig(String name, DeviceParams devices, CellLayout layout, int rows, int cols, double gainFactor,
      PeripheryConfig forward, PeripheryConfig backward, UpdateConfig update) {
    this(name, devices, layout, rows, cols, gainFactor, forward, backward, update, DriftCompensation.NONE);
  }

  public TileConfig withDriftCompensation(DriftCompensation d) {
    return new TileConfig(name, devices, layout, rows, cols, gainFactor, forward, backward, update, d);
  }

  public TileConfig withName(String n) {
    return new TileConfig(n, devices, layout, rows, cols, gainFactor, forward, backward, update, driftCompensation);
  }

  public TileConfig withDevices(DeviceParams d) {
    return new TileConfig(name, d, layout, rows, cols, gainFactor, forward, backward, update, driftCompensation);
  }

  public TileConfig withDevices(DevicePreset d) {
    return withDevices(d.params());
  }

  public TileConfig withLayout(CellLayout l) {
    return new TileConfig(name, devices, l, rows, cols, gainFactor, forward, backward, update, driftCompensation);
  }

  public TileConfig withSize(int r, int c) {
    return new TileConfig(name, devices, layout, r, c, gainFactor, forward, backward, update, driftCompensation);
  }

  public TileConfig withGainFactor(double f) {
    return new TileConfig(name, devices, layout, rows, cols, f, forward, backward, update, driftCompensation);
  }

  public TileConfig withForward(PeripheryConfig p) {
    return new TileConfig(name, devices, layout, rows, cols, gainFactor, p, backward, update, driftCompensation);
  }

  public TileConfig withBackward(PeripheryConfig p) {
    return new TileConfig(name, devices, layout, rows, cols, gainFactor, forward, p, update, driftCompensation);
  }

  /** The same periphery in both directions. */
  public TileConfig withPeriphery(PeripheryConfig p) {
    return new TileConfig(name, devices, layout, rows, cols, gainFactor, p, p, update, driftCompensation);
  }

  public TileConfig withUpdate(UpdateConfig u) {
    return new TileConfig(name, devices, layout, rows, cols, gainFactor, forward, backward, u, driftCompensation);
  }
}
