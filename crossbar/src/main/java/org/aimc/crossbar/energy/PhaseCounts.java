package org.aimc.crossbar.energy;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;

/**
 * Event counts split by {@link Phase} and by layer: what the energy model prices. Stored by name
 * ({@code counts.get("forward").get(layer).get("ADC_CONVERSIONS")}) so that a results file stays
 * readable when events are added; an absent event counts 0, an unknown name is an error.
 *
 * @param grid the network's tiles (its layers index the lists)
 * @param counts phase id → one map per layer of event name → count; phases may be absent
 */
public record PhaseCounts(TileGrid grid, Map<String, List<Map<String, Long>>> counts) {

  public PhaseCounts {
    if (grid == null) throw new IllegalArgumentException("phase counts need the tile grid");
    if (counts == null) counts = Map.of();
    Map<String, List<Map<String, Long>>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, List<Map<String, Long>>> e : counts.entrySet()) {
      Phase phase = Phase.byId(e.getKey());
      List<Map<String, Long>> layers = e.getValue();
      if (layers == null || layers.size() != grid.layers().size()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "phase '%s' has counts for %s layers, the grid has %d",
            phase.id(), layers == null ? "no" : String.valueOf(layers.size()), grid.layers().size()));
      }
      List<Map<String, Long>> ls = new ArrayList<>();
      for (int l = 0; l < layers.size(); l++) {
        Map<String, Long> m = new LinkedHashMap<>();
        Map<String, Long> src = layers.get(l) == null ? Map.of() : layers.get(l);
        for (Map.Entry<String, Long> c : src.entrySet()) {
          Event ev = eventByName(c.getKey(), phase, l);
          long v = c.getValue() == null ? 0 : c.getValue();
          if (v < 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "count of %s in phase '%s', layer %d is negative: %d", ev, phase.id(), l, v));
          }
          if (v != 0) m.put(ev.name(), v);
        }
        ls.add(Collections.unmodifiableMap(m));
      }
      copy.put(phase.id(), List.copyOf(ls));
    }
    counts = Collections.unmodifiableMap(copy);
  }

  private static Event eventByName(String name, Phase phase, int layer) {
    try {
      return Event.valueOf(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "unknown event '%s' in phase '%s', layer %d", name, phase.id(), layer));
    }
  }

  /** From typed counts: phase → one {@link EventCounts} per layer. */
  public static PhaseCounts of(TileGrid grid, Map<Phase, List<EventCounts>> byPhase) {
    Map<String, List<Map<String, Long>>> m = new LinkedHashMap<>();
    for (Phase p : Phase.values()) {
      List<EventCounts> layers = byPhase.get(p);
      if (layers == null) continue;
      List<Map<String, Long>> ls = new ArrayList<>();
      for (EventCounts c : layers) {
        Map<String, Long> named = new LinkedHashMap<>();
        for (Map.Entry<Event, Long> e : c.asMap().entrySet()) if (e.getValue() != 0) named.put(e.getKey().name(), e.getValue());
        ls.add(named);
      }
      m.put(p.id(), ls);
    }
    return new PhaseCounts(grid, m);
  }

  /** No counts yet. */
  public static PhaseCounts empty(TileGrid grid) {
    return new PhaseCounts(grid, Map.of());
  }

  /** The counts of one phase and layer (zero when the phase is absent). */
  public EventCounts get(Phase phase, int layer) {
    List<Map<String, Long>> layers = counts.get(phase.id());
    if (layer < 0 || layer >= grid.layers().size()) {
      throw new IndexOutOfBoundsException("layer " + layer + " of " + grid.layers().size());
    }
    if (layers == null) return EventCounts.ZERO;
    long[] v = new long[Event.values().length];
    for (Map.Entry<String, Long> e : layers.get(layer).entrySet()) v[Event.valueOf(e.getKey()).ordinal()] = e.getValue();
    return new EventCounts(v);
  }

  /** The counts of one phase summed over layers. */
  public EventCounts total(Phase phase) {
    EventCounts t = EventCounts.ZERO;
    for (int l = 0; l < grid.layers().size(); l++) t = t.plus(get(phase, l));
    return t;
  }

  /** The counts of all training phases (inference excluded), summed over layers. */
  public EventCounts trainingTotal() {
    EventCounts t = EventCounts.ZERO;
    for (Phase p : Phase.values()) if (p.isTraining()) t = t.plus(total(p));
    return t;
  }

  /** Typed view: phase → one {@link EventCounts} per layer, every phase present. */
  public Map<Phase, List<EventCounts>> typed() {
    Map<Phase, List<EventCounts>> m = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      List<EventCounts> ls = new ArrayList<>();
      for (int l = 0; l < grid.layers().size(); l++) ls.add(get(p, l));
      m.put(p, ls);
    }
    return m;
  }

  /** The element-wise sum (same grid). */
  public PhaseCounts plus(PhaseCounts other) {
    if (!grid.equals(other.grid)) throw new IllegalArgumentException("cannot add counts of different tile grids");
    Map<Phase, List<EventCounts>> a = typed();
    Map<Phase, List<EventCounts>> b = other.typed();
    Map<Phase, List<EventCounts>> sum = new EnumMap<>(Phase.class);
    for (Phase p : Phase.values()) {
      List<EventCounts> ls = new ArrayList<>();
      for (int l = 0; l < grid.layers().size(); l++) ls.add(a.get(p).get(l).plus(b.get(p).get(l)));
      sum.put(p, ls);
    }
    return of(grid, sum);
  }

  private static final int STATE_MAGIC = 0x50484331; // "PHC1"

  /**
   * Writes the counts for a binary checkpoint (tile grid, then per phase and layer the non-zero
   * counts by event name); {@link #readState} reads them back.
   */
  public void writeState(DataOutput out) throws IOException {
    out.writeInt(STATE_MAGIC);
    out.writeInt(grid.physicalRows());
    out.writeInt(grid.physicalCols());
    out.writeInt(grid.layers().size());
    for (TileGrid.Layer l : grid.layers()) {
      out.writeInt(l.inputs());
      out.writeInt(l.outputs());
    }
    out.writeInt(counts.size());
    for (Map.Entry<String, List<Map<String, Long>>> e : counts.entrySet()) {
      out.writeUTF(e.getKey());
      for (Map<String, Long> layer : e.getValue()) {
        out.writeInt(layer.size());
        for (Map.Entry<String, Long> c : layer.entrySet()) {
          out.writeUTF(c.getKey());
          out.writeLong(c.getValue());
        }
      }
    }
  }

  /** Reads what {@link #writeState} wrote. */
  public static PhaseCounts readState(DataInput in) throws IOException {
    if (in.readInt() != STATE_MAGIC) throw new IOException("not a phase-counts state (bad magic number)");
    int rows = in.readInt();
    int cols = in.readInt();
    int n = in.readInt();
    if (n < 1 || n > 1 << 16) throw new IOException("phase-counts state: implausible layer count " + n);
    List<TileGrid.Layer> layers = new ArrayList<>();
    for (int l = 0; l < n; l++) layers.add(new TileGrid.Layer(in.readInt(), in.readInt()));
    TileGrid grid = new TileGrid(rows, cols, layers);
    int phases = in.readInt();
    if (phases < 0 || phases > Phase.values().length) throw new IOException("phase-counts state: implausible phase count " + phases);
    Map<String, List<Map<String, Long>>> m = new LinkedHashMap<>();
    for (int p = 0; p < phases; p++) {
      String id = in.readUTF();
      List<Map<String, Long>> ls = new ArrayList<>();
      for (int l = 0; l < n; l++) {
        int k = in.readInt();
        if (k < 0 || k > Event.values().length) throw new IOException("phase-counts state: implausible event count " + k);
        Map<String, Long> c = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) c.put(in.readUTF(), in.readLong());
        ls.add(c);
      }
      m.put(id, ls);
    }
    return new PhaseCounts(grid, m);
  }
}
