package org.aimc.experiments.characterize;

import java.util.List;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.aimc.devices.PulsedDeviceParams;
import org.aimc.devices.PulsedDevicePreset;
import org.aimc.config.RecordOverrides;

/**
 * What a characterisation run was asked to do: the preset, the overrides applied to it, the
 * resolved parameters, the device model, the number of devices per experiment and the run seed.
 *
 * @param preset preset id (a device preset; for {@link DeviceKind#PULSED} a pulsed device preset)
 * @param overrides {@code key=value} overrides in the order given (dotted keys of {@link DeviceParams}; for
 *     {@link DeviceKind#PULSED} keys of {@link PulsedDeviceParams})
 * @param params the resolved parameters (preset + overrides); for {@link DeviceKind#PULSED} the
 *     ambrogio2018 devices with the pulsed device as {@code fast}
 * @param device which model to characterise
 * @param devices devices per experiment
 * @param seed run seed; each experiment's array seed is derived from it
 */
public record CharacterizationSpec(String preset, List<String> overrides, DeviceParams params, DeviceKind device, int devices, long seed) {
  public CharacterizationSpec {
    if (devices < 10 || devices > 10_000_000) {
      throw new IllegalArgumentException("devices = " + devices + " is outside the allowed range [10, 10000000]");
    }
    overrides = List.copyOf(overrides);
  }

  /** Resolves a preset by id and applies the overrides. */
  public static CharacterizationSpec resolve(String presetId, List<String> overrides, DeviceKind device, int devices, long seed) {
    DevicePreset p = DevicePreset.byId(presetId);
    DeviceParams params = RecordOverrides.apply(p.params(), overrides == null ? List.of() : overrides);
    return new CharacterizationSpec(p.id(), overrides == null ? List.of() : overrides, params, device, devices, seed);
  }

  /** A pulsed device preset ({@code kind: pulsed}) by id, with the overrides applied to its parameters. */
  public static CharacterizationSpec resolvePulsed(String presetId, List<String> overrides, int devices, long seed) {
    PulsedDevicePreset p = PulsedDevicePreset.byId(presetId);
    List<String> o = overrides == null ? List.of() : overrides;
    PulsedDeviceParams d = RecordOverrides.apply(p.params(), o);
    DeviceParams base = DevicePreset.AMBROGIO2018.params();
    return new CharacterizationSpec(p.id(), o, new DeviceParams(base.pcm(), base.capacitor(), d, null), DeviceKind.PULSED, devices, seed);
  }

  /** Runs the characterisation (no files written). */
  public Characterization run() {
    return switch (device) {
      case PCM -> PcmCharacterization.run(params.pcm(), devices, seed);
      case CAPACITOR -> CapacitorCharacterization.run(params.capacitor(), devices, seed);
      case PULSED -> PulsedCharacterization.run(params.fast(), preset, devices, seed);
    };
  }
}
