package org.aimc.devices;

/**
 * The device parameters of one configuration: the PCM pair devices and the 3T1C capacitor cells
 * (synapse cells and shared reference cells alike). What {@code aimc presets show} prints and what
 * {@code --set pcm.driftNuMax=0.2} overrides.
 *
 * @param pcm PCM array parameters
 * @param capacitor 3T1C capacitor array parameters
 */
public record DeviceParams(PcmParams pcm, CapacitorParams capacitor) {
  public DeviceParams {
    if (pcm == null) throw new IllegalArgumentException("pcm parameters must not be null");
    if (capacitor == null) throw new IllegalArgumentException("capacitor parameters must not be null");
  }
}
