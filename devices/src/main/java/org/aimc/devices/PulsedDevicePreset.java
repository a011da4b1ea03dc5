package org.aimc.devices;

import java.util.List;
import java.util.Map;
import org.aimc.config.PresetLibrary;

/**
 * A named pulsed device of one of IBM aihwkit's families ({@link PulsedDeviceParams}), read from
 * the data file {@code presets/pulsed/NAME.yaml} (built in) or {@code $AIMC_HOME/presets/NAME.yaml}
 * with {@code kind: pulsed} (the user's). The built-in ones are aihwkit's published device presets
 * ({@code src/aihwkit/simulator/presets/devices.py}), each value with aihwkit's source; a device
 * preset puts one into a role of the hybrid cell ({@code fast: {preset: ecram, source: …}}).
 *
 * @param id the name used on the command line and in configuration files
 * @param description one line for listings
 * @param params the device's parameters
 * @param sources the source of every value, by key
 * @param units the unit of every number, by key
 * @param origin {@code built-in}, or the user file it was read from
 */
public record PulsedDevicePreset(String id, String description, PulsedDeviceParams params, Map<String, String> sources,
    Map<String, String> units, String origin) {

  /** The pulsed device presets' files. */
  public static final PresetLibrary<PulsedDeviceParams> LIBRARY =
      new PresetLibrary<>("pulsed", "pulsed device preset", PulsedDeviceParams.class, PulsedDevicePreset.class, List.of(), Map.of());

  /**
   * The preset with this id (case-insensitive; '_' and '-' are interchangeable), built in or the user's.
   *
   * @throws IllegalArgumentException naming the allowed ids, or the file and line of an error in the preset's file
   */
  public static PulsedDevicePreset byId(String id) {
    PresetLibrary.Preset<PulsedDeviceParams> p = LIBRARY.get(id);
    return new PulsedDevicePreset(p.name(), p.description(), p.value(), p.sources(), p.units(), p.origin());
  }

  /** Whether a pulsed device preset of this name exists. */
  public static boolean has(String id) {
    return LIBRARY.has(id);
  }

  /** Every preset: the built-in ones, then the user's. */
  public static List<PulsedDevicePreset> values() {
    return LIBRARY.names().stream().map(PulsedDevicePreset::byId).toList();
  }

  /** The allowed ids, comma-separated. */
  public static String ids() {
    return String.join(", ", LIBRARY.names());
  }
}
