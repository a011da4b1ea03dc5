package org.aimc.devices;

/**
 * The device parameters of one configuration: the PCM pair devices and the 3T1C capacitor cells
 * (synapse cells and shared reference cells alike), and optionally a pulsed device of one of
 * aihwkit's families in either role of the hybrid cell. What {@code aimc presets show} prints and
 * what {@code --set pcm.driftNuMax=0.2} overrides.
 *
 * @param pcm PCM array parameters
 * @param capacitor 3T1C capacitor array parameters
 * @param fast the device of the fast, less significant pair (g and g_shared) in place of the 3T1C
 *     capacitor; null: the capacitor
 * @param slow the device of the slow, more significant pair (G⁺ and G⁻) in place of the PCM; null:
 *     the PCM
 */
public record DeviceParams(PcmParams pcm, CapacitorParams capacitor, PulsedDeviceParams fast, PulsedDeviceParams slow) {
  public DeviceParams {
    if (pcm == null) throw new IllegalArgumentException("pcm parameters must not be null");
    if (capacitor == null) throw new IllegalArgumentException("capacitor parameters must not be null");
  }

  /** The paper's devices in both roles: PCM pair and 3T1C capacitor. */
  public DeviceParams(PcmParams pcm, CapacitorParams capacitor) {
    this(pcm, capacitor, null, null);
  }

  /** Whether a pulsed device takes either role of the hybrid cell. */
  public boolean hasPulsedRole() {
    return fast != null || slow != null;
  }
}
