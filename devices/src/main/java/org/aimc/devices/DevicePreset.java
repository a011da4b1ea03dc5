package org.aimc.devices;

import java.util.List;
import java.util.Map;
import org.aimc.config.PresetLibrary;

/**
 * A named device configuration: PCM and capacitor parameters, read from the data file
 * {@code presets/device/NAME.yaml} (built in) or {@code $AIMC_HOME/presets/NAME.yaml} with
 * {@code kind: device} (the user's). Each value in a file sits beside its unit and its source:
 * "(paper)" for Ambrogio et al., Nature 558, 60–67 (2018), a named model (NeuroSim 3T1C, IBM
 * aihwkit) or "assumed: …" with the reasoning; {@link #sources()} returns them keyed like the JSON
 * ({@code pcm.driftNuMax}). The format is {@link PresetLibrary}'s.
 *
 * @param id the name used on the command line and in configuration files
 * @param description one line for listings
 * @param params both parameter records
 * @param sources the source of every value, by dotted key
 * @param units the unit of every number, by dotted key
 * @param origin {@code built-in}, or the user file it was read from
 */
public record DevicePreset(String id, String description, DeviceParams params, Map<String, String> sources,
    Map<String, String> units, String origin) {

  /** The device presets' files. */
  public static final PresetLibrary<DeviceParams> LIBRARY =
      new PresetLibrary<>("device", "device preset", DeviceParams.class, DevicePreset.class, List.of(),
          Map.of(PulsedDeviceParams.class, PulsedDevicePreset.LIBRARY));

  /** The reference design of Ambrogio et al. 2018, unknown numbers filled from related models. */
  public static final DevicePreset AMBROGIO2018 = byId("ambrogio2018");

  /** No noise, no variability; linear, symmetric and without leakage or drift. */
  public static final DevicePreset IDEAL = byId("ideal");

  /** ambrogio2018 with a strongly asymmetric, more nonlinear and leakier capacitor. */
  public static final DevicePreset CAPACITOR_ASYMMETRIC = byId("capacitor-asymmetric");

  public PcmParams pcm() {
    return params.pcm();
  }

  public CapacitorParams capacitor() {
    return params.capacitor();
  }

  /** Whether the preset ships with aimc (else it is the user's, from {@link #origin()}). */
  public boolean builtIn() {
    return "built-in".equals(origin);
  }

  /**
   * The preset with this id (case-insensitive; '_' and '-' are interchangeable), built in or the user's.
   *
   * @throws IllegalArgumentException naming the allowed ids, or the file and line of an error in the preset's file
   */
  public static DevicePreset byId(String id) {
    PresetLibrary.Preset<DeviceParams> p = LIBRARY.get(id);
    return new DevicePreset(p.name(), p.description(), p.value(), p.sources(), p.units(), p.origin());
  }

  /** Every preset: the built-in ones, then the user's. */
  public static List<DevicePreset> values() {
    return LIBRARY.names().stream().map(DevicePreset::byId).toList();
  }

  /** The allowed ids, comma-separated. */
  public static String ids() {
    return String.join(", ", LIBRARY.names());
  }
}
