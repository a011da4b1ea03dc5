/**
 * Energy, power and area of analog training: a {@link org.aimc.crossbar.energy.TechnologyTable}
 * (per-event energy and latency, per-cell and per-peripheral area, each with its source) turns the
 * tiles' event counts, split by {@link org.aimc.crossbar.energy.Phase} with a
 * {@link org.aimc.crossbar.energy.PhaseLedger}, into an {@link org.aimc.crossbar.energy.EnergyReport}
 * ({@link org.aimc.crossbar.energy.EnergyModel}). {@link org.aimc.crossbar.energy.AnalyticCounts}
 * derives an epoch's counts without training; {@link org.aimc.crossbar.energy.Calibration} fits the
 * preset to the paper's 28,065 GOP/s/W and 3.6 TOP/s/mm². Operations: 1 multiply-accumulate = 2
 * operations ({@link org.aimc.crossbar.energy.Convention#AIMC}).
 */
package org.aimc.crossbar.energy;
