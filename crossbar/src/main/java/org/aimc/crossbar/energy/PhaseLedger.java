package org.aimc.crossbar.energy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.AnalogLayer;
import org.aimc.crossbar.EventCounts;

/**
 * Splits the counts of a network's layers by phase, for a trainer: call {@link #charge(Phase)}
 * after each phase and everything the layers counted since the previous call is attributed to that
 * phase. Counting stays in the tiles (no change to the hot path); a charge costs one snapshot per
 * tile.
 *
 * <pre>{@code
 * PhaseLedger ledger = PhaseLedger.start(layers);     // after programming the initial weights
 * // per example:
 * forward(...);   ledger.charge(Phase.FORWARD);
 * backward(...);  ledger.charge(Phase.BACKWARD);
 * update(...);    ledger.charge(Phase.UPDATE);
 * if (due) { transfer(); ledger.charge(Phase.TRANSFER); }
 * // evaluation:
 * accuracy(test); ledger.charge(Phase.INFERENCE);
 * EnergyReport r = EnergyModel.report(ledger.counts(), tileConfig, TechnologyTable.ambrogio2018(), 60_000);
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class PhaseLedger {
  private final List<AnalogLayer> layers;
  private final TileGrid grid;
  private final Map<Phase, List<EventCounts>> sums = new EnumMap<>(Phase.class);
  private final EventCounts[] last;

  private PhaseLedger(List<AnalogLayer> layers, PhaseCounts soFar) {
    this.layers = List.copyOf(layers);
    this.grid = TileGrid.ofLayers(layers);
    if (!grid.equals(soFar.grid())) {
      throw new IllegalArgumentException("the saved counts are for " + soFar.grid().describe() + ", the layers are " + grid.describe());
    }
    Map<Phase, List<EventCounts>> t = soFar.typed();
    for (Phase p : Phase.values()) sums.put(p, new ArrayList<>(t.get(p)));
    this.last = new EventCounts[layers.size()];
    snapshotInto(last);
  }

  /** A ledger that counts from now on (what the layers counted before is left out). */
  public static PhaseLedger start(List<AnalogLayer> layers) {
    return new PhaseLedger(layers, PhaseCounts.empty(TileGrid.ofLayers(layers)));
  }

  /** A ledger that continues from saved counts (resuming a run) and counts from now on. */
  public static PhaseLedger resume(List<AnalogLayer> layers, PhaseCounts soFar) {
    return new PhaseLedger(layers, soFar);
  }

  /** Attributes everything counted since the last {@code charge} or {@code skip} to {@code phase}. */
  public void charge(Phase phase) {
    List<EventCounts> acc = sums.get(phase);
    for (int l = 0; l < layers.size(); l++) {
      EventCounts now = layers.get(l).counts();
      acc.set(l, acc.get(l).plus(now.minus(last[l])));
      last[l] = now;
    }
  }

  /** Leaves out everything counted since the last {@code charge} or {@code skip} (e.g. re-programming for a test). */
  public void skip() {
    snapshotInto(last);
  }

  /** The counts so far. */
  public PhaseCounts counts() {
    return PhaseCounts.of(grid, sums);
  }

  public TileGrid grid() {
    return grid;
  }

  private void snapshotInto(EventCounts[] dst) {
    for (int l = 0; l < layers.size(); l++) dst[l] = layers.get(l).counts();
  }
}
