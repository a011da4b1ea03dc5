package org.aimc.experiments.characterize;

import java.util.List;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.DevicePreset;
import org.aimc.config.RecordOverrides;

/**
 * What a characterisation run was asked to do: the preset, the overrides applied to it, the
 * resolved parameters, the device model, the number of devices per experiment and the run seed.
 *
 * @param preset preset id
 * @param overrides {@code key=value} overrides in the order given (dotted keys of {@link DeviceParams})
 * @param params the resolved parameters (preset + overrides)
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

  /** Runs the characterisation (no files written). */
  public Characterization run() {
    return switch (device) {
      case PCM -> PcmCharacterization.run(params.pcm(), devices, seed);
      case CAPACITOR -> CapacitorCharacterization.run(params.capacitor(), devices, seed);
    };
  }
}
