/**
 * The parallel rank-1 update {@code W += η·δ·xᵀ} as the hardware applies it: stochastic or
 * deterministic pulse trains on the rows and columns ({@code PulseTrains}) whose coincidences pulse
 * the cells, in {@link org.aimc.crossbar.update.PulsedUpdate}. Hybrid cells take the update in their
 * capacitors only; the transfer, not the update, writes the PCM.
 */
package org.aimc.crossbar.update;
