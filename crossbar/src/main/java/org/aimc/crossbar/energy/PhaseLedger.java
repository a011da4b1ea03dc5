package org.aimc.crossbar.energy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.tile.AnalogLayer;

/**
 * Splits the counts of a network's layers by phase, for a trainer: call {@link #charge(Phase)}
 * after each phase and everything the layers counted since the previous call is attributed to that
 * phase. Counting stays in the tiles (no change to the hot path); a charge adds up the tiles'
 * counters into running sums, without allocating (it runs four times per training example).
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
  /** {@code sums[phase][layer][event]}: what each phase counted so far. */
  private final long[][][] sums;
  /** {@code last[layer][event]}: the layers' running counts at the last charge. */
  private final long[][] last;
  private final long[] now = new long[Event.values().length];

  private PhaseLedger(List<AnalogLayer> layers, PhaseCounts soFar) {
    this.layers = List.copyOf(layers);
    this.grid = TileGrid.ofLayers(layers);
    if (!grid.equals(soFar.grid())) {
      throw new IllegalArgumentException("the saved counts are for " + soFar.grid().describe() + ", the layers are " + grid.describe());
    }
    Map<Phase, List<EventCounts>> t = soFar.typed();
    Phase[] phases = Phase.values();
    this.sums = new long[phases.length][layers.size()][];
    for (Phase p : phases) {
      List<EventCounts> c = t.get(p);
      for (int l = 0; l < layers.size(); l++) sums[p.ordinal()][l] = c.get(l).values();
    }
    this.last = new long[layers.size()][Event.values().length];
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
    long[][] acc = sums[phase.ordinal()];
    for (int l = 0; l < last.length; l++) {
      java.util.Arrays.fill(now, 0L);
      layers.get(l).addCountsTo(now);
      long[] a = acc[l];
      long[] before = last[l];
      for (int e = 0; e < now.length; e++) {
        a[e] += now[e] - before[e];
        before[e] = now[e];
      }
    }
  }

  /** Leaves out everything counted since the last {@code charge} or {@code skip} (e.g. re-programming for a test). */
  public void skip() {
    snapshotInto(last);
  }

  /** The counts so far. */
  public PhaseCounts counts() {
    Map<Phase, List<EventCounts>> m = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      List<EventCounts> l = new ArrayList<>(layers.size());
      for (long[] c : sums[p.ordinal()]) l.add(new EventCounts(c));
      m.put(p, l);
    }
    return PhaseCounts.of(grid, m);
  }

  public TileGrid grid() {
    return grid;
  }

  private void snapshotInto(long[][] dst) {
    for (int l = 0; l < layers.size(); l++) {
      java.util.Arrays.fill(dst[l], 0L);
      layers.get(l).addCountsTo(dst[l]);
    }
  }
}
