package org.aimc.crossbar;

/**
 * A tile's running event counts: one {@code long} per {@link Event}, added to on the hot path
 * without allocation. Not thread-safe (a tile is used by one thread at a time).
 */
public final class EventCounter {
  private final long[] counts = new long[Event.all().length];

  /** Adds {@code n} events of one kind. */
  public void add(Event event, long n) {
    counts[event.ordinal()] += n;
  }

  /** The running count of one kind. */
  public long get(Event event) {
    return counts[event.ordinal()];
  }

  /** An immutable copy of the counts now. */
  public EventCounts snapshot() {
    return EventCounts.of(counts);
  }

  /** Adds the running counts into {@code dst} (indexed by {@link Event#ordinal()}), without allocating. */
  public void addTo(long[] dst) {
    for (int i = 0; i < counts.length; i++) dst[i] += counts[i];
  }

  /** Sets every count to zero. */
  public void reset() {
    java.util.Arrays.fill(counts, 0L);
  }

  /** Replaces every count (restoring a checkpoint). */
  public void set(EventCounts counts) {
    System.arraycopy(counts.values(), 0, this.counts, 0, this.counts.length);
  }
}
