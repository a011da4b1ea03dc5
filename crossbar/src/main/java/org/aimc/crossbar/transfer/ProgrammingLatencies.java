package org.aimc.crossbar.transfer;

/**
 * How long one PCM programming event takes, ns: what decides which cell of a transferred column
 * finishes last. The chip's clock ({@code energy.ChipClock}) takes them from its technology table;
 * {@link #UNIT} (every event one unit) ranks cells by their event count alone.
 *
 * @param setNs one partial-SET pulse, ns, &gt; 0
 * @param resetNs one RESET pulse, ns, &gt; 0
 * @param verifyNs one verify read with its conversion, ns, &gt; 0
 */
public record ProgrammingLatencies(double setNs, double resetNs, double verifyNs) {
  public static final ProgrammingLatencies UNIT = new ProgrammingLatencies(1, 1, 1);

  public ProgrammingLatencies {
    for (double v : new double[] {setNs, resetNs, verifyNs}) {
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw new IllegalArgumentException("programming latencies must be finite and > 0 ns, got " + v);
    }
  }

  /** The time of {@code set} SET pulses, {@code reset} RESET pulses and {@code verify} verify reads, ns. */
  public double nanoseconds(long set, long reset, long verify) {
    return set * setNs + reset * resetNs + verify * verifyNs;
  }
}
