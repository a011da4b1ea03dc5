package org.aimc.crossbar;

import org.aimc.crossbar.cells.CapacitorCellArray;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.HybridCellArray;
import org.aimc.crossbar.cells.HybridRolesCellArray;
import org.aimc.crossbar.cells.IdealCellArray;
import org.aimc.crossbar.cells.PcmPairCellArray;
import org.aimc.crossbar.cells.PulsedCellArray;

/**
 * The cell layouts a {@link TileConfig} can name. Each builds a {@link CellArray} from the config's
 * device preset; a layout not listed here can still be used by handing a {@link CellArray} to the
 * {@link Tile} constructor.
 */
public enum CellLayout {
  /**
   * The paper's hybrid unit cell {@code W = F·(G⁺ − G⁻) + s·(g − g_shared)}: a PCM pair, a 3T1C
   * capacitor g per cell, one shared reference capacitor g_shared and one polarity s per column.
   * Updates go to g only. A pulsed device of one of aihwkit's families may take either role
   * ({@code devices.fast}, {@code devices.slow}): {@link HybridRolesCellArray}.
   */
  HYBRID("hybrid"),
  /** A PCM pair alone, {@code W = F·(G⁺ − G⁻)}: updates are partial-SET pulses on G⁺ or G⁻. */
  PCM_PAIR("pcm-pair"),
  /** A 3T1C capacitor alone, {@code W = s·(g − g_shared)}, one g_shared and one s per column. */
  CAPACITOR("capacitor"),
  /**
   * Ideal float weights with the same nominal range and update step as the hybrid cell of the same
   * device preset (so that the same weight scale applies), but no bound, noise or time dependence.
   */
  IDEAL("ideal"),
  /**
   * One pulsed device of one of aihwkit's families per weight, {@code W = microSiemensPerUnit·w}
   * (aihwkit's {@code SingleRPUConfig}): the device is {@code devices.fast}; no transfer.
   */
  PULSED("pulsed");

  private final String id;

  CellLayout(String id) {
    this.id = id;
  }

  /** The name used in configuration files and reports. */
  public String id() {
    return id;
  }

  /** The layout with this id, e.g. {@code "pcm-pair"} (case-insensitive; '_' and '-' interchangeable). */
  public static CellLayout byId(String id) {
    if (id != null) {
      String k = id.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      for (CellLayout l : values()) if (l.id.equals(k)) return l;
    }
    throw new IllegalArgumentException("unknown cell layout '" + id + "'; allowed: hybrid, pcm-pair, capacitor, ideal, pulsed");
  }

  /** Builds the cells of a {@code rows × cols} block with the config's devices, from one seed. */
  public CellArray create(TileConfig config, int rows, int cols, long seed) {
    return switch (this) {
      case HYBRID -> config.devices().hasPulsedRole()
          ? new HybridRolesCellArray(config.devices(), config.gainFactor(), rows, cols, seed, config.driftCompensation())
          : new HybridCellArray(config.devices().pcm(), config.devices().capacitor(), config.gainFactor(),
          rows, cols, seed, config.driftCompensation());
      case PCM_PAIR -> new PcmPairCellArray(config.devices().pcm(), config.gainFactor(), rows, cols, seed, config.driftCompensation());
      case CAPACITOR -> new CapacitorCellArray(config.devices().capacitor(), rows, cols, seed);
      case IDEAL -> new IdealCellArray(rows, cols,
          HybridCellArray.maxWeightMicroSiemens(config.devices().pcm(), config.devices().capacitor(), config.gainFactor()),
          config.devices().capacitor().nominalStepMicroS());
      case PULSED -> new PulsedCellArray(config.devices().fast(), rows, cols, seed);
    };
  }
}
