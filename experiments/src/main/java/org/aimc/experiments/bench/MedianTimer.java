package org.aimc.experiments.bench;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * A small System.nanoTime harness: time-based warm-up of every operation, then rounds in which the
 * operations are timed one after another (interleaved, so that load on a shared machine hits them
 * alike), and the median per-call time of the rounds.
 */
public final class MedianTimer {
  private final long warmupNanos;
  private final long roundNanos;
  private final int rounds;

  /**
   * @param warmupMillis warm-up per operation, ms
   * @param roundMillis target duration of one operation's timed batch, ms
   * @param rounds number of timed rounds (the median is taken over them)
   */
  public MedianTimer(int warmupMillis, int roundMillis, int rounds) {
    if (warmupMillis < 0 || roundMillis < 1 || rounds < 1) {
      throw new IllegalArgumentException("warm-up >= 0 ms, round >= 1 ms and rounds >= 1 needed, got "
          + warmupMillis + ", " + roundMillis + ", " + rounds);
    }
    this.warmupNanos = warmupMillis * 1_000_000L;
    this.roundNanos = roundMillis * 1_000_000L;
    this.rounds = rounds;
  }

  /** Median nanoseconds per call of each operation; an operation receives its call index. */
  public double[] medianNanos(IntConsumer... ops) {
    int[] batch = new int[ops.length];
    int[] next = new int[ops.length];
    for (int k = 0; k < ops.length; k++) {
      long start = System.nanoTime();
      int n = 0;
      do {
        ops[k].accept(next[k]++);
        n++;
      } while (System.nanoTime() - start < warmupNanos || n < 10);
      // Calibrate the batch to about one round's duration.
      long t0 = System.nanoTime();
      int probe = 0;
      do {
        ops[k].accept(next[k]++);
        probe++;
      } while (System.nanoTime() - t0 < roundNanos / 4);
      double perCall = (System.nanoTime() - t0) / (double) probe;
      batch[k] = (int) Math.max(1, Math.min(Integer.MAX_VALUE, roundNanos / perCall));
    }
    double[][] samples = new double[ops.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < ops.length; k++) {
        IntConsumer op = ops[k];
        int n = batch[k];
        int i0 = next[k];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) op.accept(i0 + i);
        samples[k][r] = (System.nanoTime() - t0) / (double) n;
        next[k] = i0 + n;
      }
    }
    double[] med = new double[ops.length];
    for (int k = 0; k < ops.length; k++) {
      double[] s = samples[k];
      Arrays.sort(s);
      med[k] = s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
    return med;
  }
}
