package org.aimc.experiments.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/**
 * A harness for side-by-side speed figures on a shared, noisy machine.
 *
 * <p><b>Clock:</b> the CPU time of the measuring thread ({@link ThreadMXBean#getCurrentThreadCpuTime},
 * where the JVM supports it; else {@link System#nanoTime}): on a machine whose cores are shared by
 * several jobs, wall time counts the time the scheduler gave to others, which moves figures by 2×
 * between runs; CPU time counts only this thread's own work (what other jobs still change is the
 * cache and the memory bandwidth it finds). JIT and GC threads are not counted.
 *
 * <ol>
 *   <li><b>Warm-up until the JIT settles:</b> the operations run in turn, in slices of one round's
 *       duration, until the JIT compiled for at most 1 % of a whole pass over all of them (the JVM's
 *       total compilation time) and at least {@code warmupMillis} went by; at most
 *       {@code maxWarmupMillis}. Where the JVM does not report compilation time, the minimum warm-up
 *       alone counts. The
 *       maximum is {@code 4·warmupMillis + 2 s}; {@link Timings#jitSettled} says which ended it.
 *   <li><b>Batch:</b> each operation's number of calls per round is calibrated to about one round's
 *       duration at the end of the warm-up, rounded up to a whole number of its <i>period</i> (a
 *       trainer's transfer interval: every round then holds the same share of occasional work), and
 *       then fixed.
 *   <li><b>Interleaved rounds:</b> in every round each operation runs its batch once; the order is
 *       rotated from round to round (each operation goes first equally often), so that a burst of
 *       load on the machine hits all of them alike.
 *   <li><b>Figures:</b> per operation the median, minimum and maximum time per call over the rounds,
 *       and the <i>ratio</i> of two operations taken within each round (their batches ran a second
 *       or less apart), as the median and range over the rounds. Quote the ratio.
 * </ol>
 */
public final class MedianTimer {
  private final long warmupNanos;
  private final long maxWarmupNanos;
  private final long roundNanos;
  private final int rounds;
  private final LongSupplier clock;
  private final LongSupplier compileMillis;

  /** Median, minimum and maximum of a figure over the rounds. */
  public record Summary(double median, double min, double max) {
    static Summary of(double[] values) {
      double[] v = values.clone();
      Arrays.sort(v);
      return new Summary(MedianTimer.median(v), v[0], v[v.length - 1]);
    }

    /** max/min − 1: 0.1 is a range of 10 %. */
    public double spread() {
      return max / min - 1;
    }
  }

  /**
   * Figures of one measurement: {@code nanos[k][r]} is operation k's time per call in round r.
   *
   * @param jitSettled whether the warm-up ended with a pass that hardly compiled (false: it hit
   *     its maximum, or the JVM does not report compilation time)
   */
  public record Timings(double[][] nanos, double warmupSeconds, boolean jitSettled) {
    /** Operation k's ns per call over the rounds. */
    public Summary time(int k) {
      return Summary.of(nanos[k]);
    }

    /** Median ns per call of operation k. */
    public double median(int k) {
      return time(k).median();
    }

    /** Median ns per call of every operation. */
    public double[] medians() {
      double[] m = new double[nanos.length];
      for (int k = 0; k < m.length; k++) m[k] = median(k);
      return m;
    }

    /** Time of operation a over time of operation b, taken within each round, over the rounds. */
    public Summary ratio(int a, int b) {
      double[] q = new double[nanos[a].length];
      for (int r = 0; r < q.length; r++) q[r] = nanos[a][r] / nanos[b][r];
      return Summary.of(q);
    }
  }

  /**
   * @param warmupMillis minimum warm-up, ms (all operations together)
   * @param roundMillis target duration of one operation's timed batch, ms
   * @param rounds number of timed rounds (medians and ranges are taken over them)
   */
  public MedianTimer(int warmupMillis, int roundMillis, int rounds) {
    this(warmupMillis, 4L * warmupMillis + 2000, roundMillis, rounds, cpuClock(), MedianTimer::jitMillis);
  }

  /** For tests: an explicit maximum warm-up, clock (ns) and JIT compile-time counter (ms, −1 = unknown). */
  MedianTimer(int warmupMillis, long maxWarmupMillis, int roundMillis, int rounds, LongSupplier clock,
      LongSupplier compileMillis) {
    if (warmupMillis < 0 || roundMillis < 1 || rounds < 1 || maxWarmupMillis < warmupMillis) {
      throw new IllegalArgumentException("warm-up >= 0 ms, round >= 1 ms, rounds >= 1 and a maximum warm-up >= the"
          + " warm-up needed, got " + warmupMillis + ", " + roundMillis + ", " + rounds + ", " + maxWarmupMillis);
    }
    this.warmupNanos = warmupMillis * 1_000_000L;
    this.maxWarmupNanos = maxWarmupMillis * 1_000_000L;
    this.roundNanos = roundMillis * 1_000_000L;
    this.rounds = rounds;
    this.clock = clock;
    this.compileMillis = compileMillis;
  }

  /** Median nanoseconds per call of each operation; an operation receives its call index. */
  public double[] medianNanos(IntConsumer... ops) {
    return measure(ops).medians();
  }

  /** The full figures ({@link Timings}); an operation receives its call index, counting up from 0. */
  public Timings measure(IntConsumer... ops) {
    long[] period = new long[ops.length];
    Arrays.fill(period, 1);
    return measure(period, ops);
  }

  /**
   * As {@link #measure(IntConsumer...)}, with each operation's calls per round a multiple of
   * {@code period[k]} (≥ 1).
   */
  public Timings measure(long[] period, IntConsumer... ops) {
    int n = ops.length;
    if (n == 0) throw new IllegalArgumentException("no operations to time");
    if (period.length != n) throw new IllegalArgumentException(period.length + " periods for " + n + " operations");
    for (long p : period) {
      if (p < 1 || p > Integer.MAX_VALUE) throw new IllegalArgumentException("a period must be 1.." + Integer.MAX_VALUE + " calls, got " + p);
    }
    long[] next = new long[n];
    double[] perCall = new double[n];
    // Warm-up: slices of one round each, in turn, until a pass hardly compiled.
    long start = clock.getAsLong();
    boolean settled = false;
    while (true) {
      long jitBefore = compileMillis.getAsLong();
      long passStart = clock.getAsLong();
      for (int k = 0; k < n; k++) perCall[k] = runFor(ops[k], next, k, roundNanos);
      long elapsed = clock.getAsLong() - start;
      long jitAfter = compileMillis.getAsLong();
      // Settled: the pass spent at most 1 % of its own duration compiling (HotSpot compiles a
      // method or two now and then for minutes; a pass that compiled nothing may never come).
      long passNanos = clock.getAsLong() - passStart;
      boolean quiet = jitBefore < 0 || (jitAfter - jitBefore) * 1_000_000L <= passNanos / 100;
      if (elapsed >= warmupNanos && quiet) {
        settled = jitBefore >= 0;
        break;
      }
      if (elapsed >= maxWarmupNanos) break;
    }
    double warmupSeconds = (clock.getAsLong() - start) / 1e9;
    int[] batch = new int[n];
    for (int k = 0; k < n; k++) {
      double calls = Math.max(1, Math.ceil(roundNanos / perCall[k] / period[k])) * period[k];
      batch[k] = (int) Math.min(calls, (Integer.MAX_VALUE / period[k]) * period[k]);
    }

    double[][] samples = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int j = 0; j < n; j++) {
        int k = (j + r) % n;
        IntConsumer op = ops[k];
        int calls = batch[k];
        long i0 = next[k];
        long t0 = clock.getAsLong();
        for (int i = 0; i < calls; i++) op.accept((int) (i0 + i));
        samples[k][r] = (clock.getAsLong() - t0) / (double) calls;
        next[k] = i0 + calls;
      }
    }
    return new Timings(samples, warmupSeconds, settled);
  }

  /** Runs op for about {@code nanos} (at least twice); returns the time per call, ns. */
  private double runFor(IntConsumer op, long[] next, int k, long nanos) {
    long t0 = clock.getAsLong();
    long calls = 0;
    long t;
    do {
      op.accept((int) next[k]++);
      calls++;
      t = clock.getAsLong();
    } while (t - t0 < nanos || calls < 2);
    return (t - t0) / (double) calls;
  }

  /** The median of sorted values. */
  static double median(double[] sorted) {
    int m = sorted.length;
    return m % 2 == 1 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
  }

  /** What {@link #MedianTimer(int, int, int)} measures with: "thread CPU time" or "wall time". */
  public static String clockName() {
    return threadCpuTime() != null ? "thread CPU time" : "wall time";
  }

  private static ThreadMXBean threadCpuTime() {
    ThreadMXBean t = ManagementFactory.getThreadMXBean();
    if (t == null || !t.isCurrentThreadCpuTimeSupported()) return null;
    if (!t.isThreadCpuTimeEnabled()) t.setThreadCpuTimeEnabled(true);
    return t.isThreadCpuTimeEnabled() ? t : null;
  }

  private static LongSupplier cpuClock() {
    ThreadMXBean t = threadCpuTime();
    return t == null ? System::nanoTime : t::getCurrentThreadCpuTime;
  }

  /** The JVM's total JIT compilation time, ms, or −1 where it is not reported. */
  private static long jitMillis() {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
  }
}
