package org.aimc.devices;

/**
 * What one closed-loop tuning ({@link PcmArray#tune}) spent and reached.
 *
 * @param setPulses staircase partial-SET pulses fired (coarse and fine)
 * @param resetPulses RESET pulses fired (one per overshoot)
 * @param verifyReads noisy verify reads made (the first read included)
 * @param finalMicroSiemens the last verify read, µS: what the controller believes, with read noise;
 *     the true conductance is {@link PcmArray#conductanceMicroSiemens}
 * @param converged true when the last verify read was within the tolerance; false when the pulse
 *     cap was reached first
 */
public record TuningResult(int setPulses, int resetPulses, int verifyReads, double finalMicroSiemens, boolean converged,
    boolean gaveUp) {
  /** A tuning that did not give up on the cell. */
  public TuningResult(int setPulses, int resetPulses, int verifyReads, double finalMicroSiemens, boolean converged) {
    this(setPulses, resetPulses, verifyReads, finalMicroSiemens, converged, false);
  }

  /** SET plus RESET pulses. */
  public int pulses() {
    return setPulses + resetPulses;
  }
}
