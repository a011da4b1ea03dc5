package org.aimc.crossbar.energy;

import static org.aimc.crossbar.energy.TechParameter.*;

import java.util.List;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.transfer.ProgrammingLatencies;

/**
 * The emulated chip's one clock: how long its events take, from the latencies of a
 * {@link TechnologyTable}. The trainer advances device time (capacitor leakage, PCM drift) by it and
 * the {@link EnergyModel} prices time with it, so a run's result.json and {@code aimc power} report
 * the same seconds per example and per transfer.
 *
 * <ul>
 *   <li>Layers run in sequence, the tiles of a layer in parallel.
 *   <li>An MVM step: {@code t_DAC(b) + t_read + t_ADC(b) + t_neuron + t_move}, all lines of a tile at
 *       once (one ADC per line); a layer's steps are its MVMs / its tiles.
 *   <li>An update: {@code BL × slot} (one capacitor pulse slot, or one PCM SET pulse for PCM-only
 *       cells), all layers at once.
 *   <li>A transfer, column by column: the transfer read and the capacitor reset of all its rows at
 *       once, then its cells tuned in parallel, so the column <b>finishes with its slowest cell</b>
 *       (that cell's SET, RESET pulses and verify reads × their latencies, counted by the tiles as
 *       {@link Event#TRANSFER_SLOWEST_SET_PULSES} and its siblings), plus the column's selection
 *       latency. Where a layer spans several tiles along its inputs, a column's time is the mean of
 *       its tiles' slowest cells, not their maximum (exact for layers of one tile row, as on MNIST).
 *   <li>Layers sit on separate tiles ({@link TileGrid#ofNetwork}), so their transfers (and any other
 *       programming) run in parallel: a phase's programming time is the largest layer's, not the
 *       sum (over a phase's summed counts: exact when the same layer is the slowest at every
 *       transfer, as the widest layer is).
 * </ul>
 */
public final class ChipClock {
  private final TechnologyTable tech;
  private final HardwareSummary hw;
  private final TileGrid grid;
  private final ProgrammingLatencies programmingLatencies;

  private ChipClock(TechnologyTable tech, HardwareSummary hw, TileGrid grid) {
    this.tech = tech;
    this.hw = hw;
    this.grid = grid;
    this.programmingLatencies = new ProgrammingLatencies(tech.get(PCM_SET_LATENCY), tech.get(PCM_RESET_LATENCY), tech.get(PCM_VERIFY_LATENCY));
  }

  public static ChipClock of(TechnologyTable tech, HardwareSummary hw, TileGrid grid) {
    return new ChipClock(java.util.Objects.requireNonNull(tech, "tech"), java.util.Objects.requireNonNull(hw, "hw"),
        java.util.Objects.requireNonNull(grid, "grid"));
  }

  public TechnologyTable technology() {
    return tech;
  }

  /** The latencies that decide which cell of a programmed column is the slowest. */
  public ProgrammingLatencies programmingLatencies() {
    return programmingLatencies;
  }

  /** One MVM step of a tile, ns. Unquantised converters (0 bits) take the table's reference bits. */
  public double mvmStepNs(boolean backward) {
    int dac = EnergyModel.bitsOrReference(backward ? hw.backwardDacBits() : hw.forwardDacBits(), tech, DAC_REFERENCE_BITS);
    int adc = EnergyModel.bitsOrReference(backward ? hw.backwardAdcBits() : hw.forwardAdcBits(), tech, ADC_REFERENCE_BITS);
    return tech.dacLatencyNs(dac) + tech.get(READ_LATENCY) + tech.adcLatencyNs(adc) + tech.get(NEURON_LATENCY) + tech.get(DATA_MOVEMENT_LATENCY);
  }

  /** One parallel update of every layer, ns. */
  public double updateNs() {
    double slotNs = hw.updatesPcm() ? tech.get(PCM_SET_LATENCY) : tech.get(UPDATE_SLOT_LATENCY);
    return ("EXACT".equals(hw.encoding()) ? 1 : hw.bitLength()) * slotNs;
  }

  /**
   * One training example, s: a forward step through every layer, a backward step through every
   * layer but the first (nothing needs the error at the inputs), one update.
   */
  public double trainingExampleSeconds() {
    int n = grid.layers().size();
    return (n * mvmStepNs(false) + (n - 1) * mvmStepNs(true) + updateNs()) * 1e-9;
  }

  /** Transfer (or other programming) events of layer l, ns: see the class comment. */
  public double programmingNs(EventCounts c, int l) {
    double perColumnOfRows = c.get(Event.CELL_READS) * tech.get(TRANSFER_READ_LATENCY)
        + c.get(Event.CAPACITOR_RESETS) * tech.get(CAPACITOR_RESET_LATENCY);
    double slowestCells = programmingLatencies.nanoseconds(c.get(Event.TRANSFER_SLOWEST_SET_PULSES),
        c.get(Event.TRANSFER_SLOWEST_RESET_PULSES), c.get(Event.TRANSFER_SLOWEST_VERIFY_READS));
    return perColumnOfRows / grid.usedRowsOverTiles(l) + (slowestCells + c.get(Event.TRANSFERS) * tech.get(TRANSFER_COLUMN_LATENCY)) / grid.tiles(l);
  }

  /** The seconds of one phase's counts, layer by layer ({@code layers.get(l)} the counts of layer l). */
  public double phaseSeconds(Phase phase, List<EventCounts> layers) {
    double ns = 0;
    double updateSteps = 0;
    double programming = 0;
    for (int l = 0; l < grid.layers().size(); l++) {
      EventCounts c = layers.get(l);
      int tiles = grid.tiles(l);
      ns += (double) c.get(Event.FORWARD_MVMS) / tiles * mvmStepNs(false) + (double) c.get(Event.BACKWARD_MVMS) / tiles * mvmStepNs(true);
      updateSteps = Math.max(updateSteps, (double) c.get(Event.UPDATES) / tiles);
      // PCM-only cells count their update pulses as PCM_SET_PULSES: those take update slots, not transfer time.
      if (phase != Phase.UPDATE) programming = Math.max(programming, programmingNs(c, l));
    }
    return (ns + programming + updateSteps * updateNs()) * 1e-9;
  }
}
