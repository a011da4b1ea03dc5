package org.aimc.training;

import org.aimc.crossbar.energy.TechnologyTable;

/**
 * The chip's clock, so that capacitor leakage and PCM drift happen in physical seconds: the
 * latencies of one technology table ({@link org.aimc.crossbar.energy.ChipClock}), the same that
 * {@code aimc power} and a run's energy figures use. A training example then takes its forward,
 * backward and update steps through every layer (104 ns for 784-250-125-10 with ambrogio2018);
 * a transferred column takes its read, its capacitor reset, and the closed-loop tuning of its
 * slowest cell.
 *
 * @param technology the technology table whose latencies time the chip
 *     ({@link TechnologyTable#presetNames()}); ambrogio2018 (every latency there has its source or
 *     the word assumed: {@code aimc power --show-technology})
 * @param leakRefreshExamples examples between updates of leakage and drift (the device state is
 *     advanced to the current time every this many examples; between them the MVMs see updates but
 *     not leakage or drift, and the drift-compensation gains and read-noise levels are those of the
 *     last update); 1,000: with the ambrogio2018 clock that is 0.104 ms, 1/140 of the 15 ms leak time
 *     constant, so V_C moves by under 1 % of its distance to 0.8 V between updates. A transfer
 *     advances the layer it programs at the same period. Lower it for a leak time constant below
 *     about 2 ms (the τ sweep in the README uses 100).
 */
public record ClockConfig(String technology, int leakRefreshExamples) {
  public ClockConfig {
    if (technology == null || !TechnologyTable.presetNames().contains(technology)) {
      throw new IllegalArgumentException("technology = " + technology + " is not a technology table; allowed: " + TechnologyTable.presetNames());
    }
    if (leakRefreshExamples < 1) throw new IllegalArgumentException("leakRefreshExamples = " + leakRefreshExamples + " must be at least 1");
  }

  /** The clock of the {@code ambrogio2018} configuration (sources in its file). */
  public static ClockConfig ambrogio2018() {
    return TrainingPreset.AMBROGIO2018.config().analog().clock();
  }

  public TechnologyTable technologyTable() {
    return TechnologyTable.preset(technology);
  }
}
