package org.aimc.crossbar.transfer;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.cells.CellArray;

/**
 * Finds the slowest cell of a column being programmed. A tile tunes the cells of a column in
 * parallel, so the column finishes when its slowest cell does; that cell's SET and RESET pulses
 * and verify reads are counted as {@link Event#TRANSFER_SLOWEST_SET_PULSES} and its siblings, which
 * the chip's clock turns into seconds. Scratch state of one tile; not thread-safe.
 */
final class SlowestCell {
  private ProgrammingLatencies latencies = ProgrammingLatencies.UNIT;
  private long set;
  private long reset;
  private long verify;
  private double worstNs;

  void timeBy(ProgrammingLatencies latencies) {
    this.latencies = java.util.Objects.requireNonNull(latencies, "latencies");
  }

  /** Starts a column. */
  void begin() {
    set = reset = verify = 0;
    worstNs = -1;
  }

  /** Programs one cell ({@link CellArray#programPcm}) and remembers it if it is the slowest so far. */
  void program(CellArray cells, int row, int col, double targetMicroSiemens, EventCounter counter) {
    long s0 = counter.get(Event.PCM_SET_PULSES);
    long r0 = counter.get(Event.PCM_RESET_PULSES);
    long v0 = counter.get(Event.PCM_VERIFY_READS);
    cells.programPcm(row, col, targetMicroSiemens, counter);
    long s = counter.get(Event.PCM_SET_PULSES) - s0;
    long r = counter.get(Event.PCM_RESET_PULSES) - r0;
    long v = counter.get(Event.PCM_VERIFY_READS) - v0;
    double ns = latencies.nanoseconds(s, r, v);
    if (ns > worstNs) {
      worstNs = ns;
      set = s;
      reset = r;
      verify = v;
    }
  }

  /** Ends the column: counts its slowest cell's events. */
  void end(EventCounter counter) {
    counter.add(Event.TRANSFER_SLOWEST_SET_PULSES, set);
    counter.add(Event.TRANSFER_SLOWEST_RESET_PULSES, reset);
    counter.add(Event.TRANSFER_SLOWEST_VERIFY_READS, verify);
  }
}
