package org.aimc.training;

/**
 * How long things take on the emulated chip, so that capacitor leakage and PCM drift happen in
 * physical seconds, not in counted examples. All values <b>assumed</b> (the paper's Methods, where
 * the chip's timing would be, could not be read); see each parameter.
 *
 * @param exampleSeconds one training example: forward, backward and update through every layer;
 *     1 µs assumed (3 layers × 3 phases of ≈ 100 ns analog MVM/update each, as in the RPU
 *     projections of Gokmen &amp; Vlasov 2016)
 * @param transferColumnSeconds transferring one column: read, closed-loop PCM tuning of its devices
 *     in parallel (≈ 13 SET pulses of up to 4.4 µs plus verify reads), capacitor reset; 100 µs assumed
 * @param leakRefreshExamples examples between updates of leakage and drift (the device state is
 *     advanced to the current time every this many examples; between them the MVMs see updates but
 *     not leakage or drift, and the drift-compensation gains and read-noise levels are those of the
 *     last update); 1,000, i.e. 1 ms of chip time: with the preset's 20 ms leak time constant V_C
 *     moves by at most 5 % of its distance to 0.8 V between updates (≤ 15 mV from the reset
 *     voltage, ≈ 0.23 µS of g, about three 5 mV update steps), and PCM drift of ν ≈ 0.05 changes G
 *     by ≤ 0.5 % between updates once 10 ms have passed since programming. Every transfer also
 *     advances the devices first. Lower it with a much shorter leak time constant. It was 100,
 *     which spent ≈ 15 % of the training time re-deriving weights ({@code aimc bench train}: 0.48×
 *     → 0.56× the software baseline).
 */
public record ClockConfig(double exampleSeconds, double transferColumnSeconds, int leakRefreshExamples) {
  public ClockConfig {
    if (!(exampleSeconds > 0 && exampleSeconds < 1)) throw new IllegalArgumentException("exampleSeconds = " + exampleSeconds + " is outside (0, 1) s");
    if (!(transferColumnSeconds >= 0 && transferColumnSeconds < 1))
      throw new IllegalArgumentException("transferColumnSeconds = " + transferColumnSeconds + " is outside [0, 1) s");
    if (leakRefreshExamples < 1) throw new IllegalArgumentException("leakRefreshExamples = " + leakRefreshExamples + " must be at least 1");
  }

  public static ClockConfig ambrogio2018() {
    return new ClockConfig(1e-6, 100e-6, 1_000);
  }
}
