package org.aimc.crossbar;

import java.util.List;
import java.util.Map;
import org.aimc.config.PresetLibrary;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.aimc.devices.PulsedDeviceParams;
import org.aimc.devices.PulsedDevicePreset;

/**
 * A named tile: devices, layout, size, gain factor, periphery and update, read from the data file
 * {@code presets/tile/NAME.yaml} (built in) or {@code $AIMC_HOME/presets/NAME.yaml} with
 * {@code kind: tile} (the user's); every value sits beside its unit and source. Its {@code devices}
 * name a device preset ({@code {preset: ambrogio2018, source: …}}).
 *
 * @param id the preset's name
 * @param description one line for listings
 * @param config the resolved tile
 * @param sources the source of every value, by dotted key (the devices' under {@code devices.})
 * @param units the unit of every number, by dotted key
 * @param origin {@code built-in}, or the user file it was read from
 */
public record TilePreset(String id, String description, TileConfig config, Map<String, String> sources, Map<String, String> units,
    String origin) {

  /** The tile presets' files; a tile's {@code devices} may name a device preset. */
  public static final PresetLibrary<TileConfig> LIBRARY = new PresetLibrary<>("tile", "tile preset", TileConfig.class, TilePreset.class, List.of(),
      Map.of(DeviceParams.class, DevicePreset.LIBRARY, PulsedDeviceParams.class, PulsedDevicePreset.LIBRARY));

  /**
   * The preset with this id, built in or the user's.
   *
   * @throws IllegalArgumentException naming the allowed ids, or the file and line of an error in the preset's file
   */
  public static TilePreset byId(String id) {
    PresetLibrary.Preset<TileConfig> p = LIBRARY.get(id);
    return new TilePreset(p.name(), p.description(), p.value(), p.sources(), p.units(), p.origin());
  }

  /** Every preset: the built-in ones, then the user's. */
  public static List<TilePreset> values() {
    return LIBRARY.names().stream().map(TilePreset::byId).toList();
  }
}
