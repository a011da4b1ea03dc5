package org.aimc.crossbar;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * An immutable snapshot of event counts, one per {@link Event} in ordinal order. Snapshots add and
 * subtract (counts of a layer = sum over its tiles; counts of an epoch = end − start).
 *
 * @param values one count per event, indexed by {@link Event#ordinal()}; copied on the way in and out
 */
public record EventCounts(long[] values) {
  /** No events. */
  public static final EventCounts ZERO = new EventCounts(new long[Event.all().length]);

  public EventCounts {
    if (values.length != Event.all().length) {
      throw new IllegalArgumentException(
          "EventCounts needs " + Event.all().length + " values, one per Event, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0) {
        throw new IllegalArgumentException("count of " + Event.all()[i] + " is negative: " + values[i]);
      }
    }
    values = values.clone();
  }

  static EventCounts of(long[] counts) {
    return new EventCounts(counts);
  }

  /** A copy of the counts, indexed by {@link Event#ordinal()}. */
  @Override
  public long[] values() {
    return values.clone();
  }

  /** The count of one kind of event. */
  public long get(Event event) {
    return values[event.ordinal()];
  }

  /** Capacitor pulses of either direction: charges plus discharges. */
  public long capacitorPulses() {
    return get(Event.CAPACITOR_CHARGE_PULSES) + get(Event.CAPACITOR_DISCHARGE_PULSES);
  }

  /** The element-wise sum. */
  public EventCounts plus(EventCounts other) {
    long[] sum = values.clone();
    for (int i = 0; i < sum.length; i++) sum[i] = Math.addExact(sum[i], other.values[i]);
    return new EventCounts(sum);
  }

  /** The element-wise difference {@code this − earlier}; an earlier snapshot must not exceed this one. */
  public EventCounts minus(EventCounts earlier) {
    long[] diff = values.clone();
    for (int i = 0; i < diff.length; i++) diff[i] -= earlier.values[i];
    return new EventCounts(diff);
  }

  /** The sum of many snapshots. */
  public static EventCounts sum(Iterable<EventCounts> counts) {
    EventCounts total = ZERO;
    for (EventCounts c : counts) total = total.plus(c);
    return total;
  }

  /** The counts by event, in ordinal order (for reports). */
  public Map<Event, Long> asMap() {
    Map<Event, Long> map = new EnumMap<>(Event.class);
    for (Event e : Event.all()) map.put(e, values[e.ordinal()]);
    return map;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventCounts other && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("EventCounts{");
    boolean first = true;
    for (Event e : Event.all()) {
      long v = values[e.ordinal()];
      if (v == 0) continue;
      if (!first) sb.append(", ");
      sb.append(e).append('=').append(v);
      first = false;
    }
    return sb.append('}').toString();
  }
}
