package org.aimc.experiments.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/** The harness's logic on a fake clock: no timing is asserted, only what the harness computes. */
class MedianTimerTest {
  /** A clock that moves only when an operation says it worked. */
  private static final class FakeClock {
    long nanos;
  }

  @Test
  void timesPerCallOfKnownCostsInterleaved() {
    FakeClock clock = new FakeClock();
    MedianTimer timer = new MedianTimer(1, 1, 1, 4, () -> clock.nanos, () -> 5);
    MedianTimer.Timings t = timer.measure(i -> clock.nanos += 1_000L, i -> clock.nanos += 3_000L);
    assertEquals(4, t.nanos()[0].length);
    assertEquals(1_000.0, t.median(0), 1e-9);
    assertEquals(3_000.0, t.median(1), 1e-9);
    assertEquals(3.0, t.ratio(1, 0).median(), 1e-12);
    assertTrue(t.jitSettled(), "the compile counter did not move");
  }

  /** A burst of load that doubles both operations' times in one round leaves their within-round ratio alone. */
  @Test
  void withinRoundRatiosCancelALoadBurst() {
    MedianTimer.Timings t = new MedianTimer.Timings(new double[][] {{1, 2, 1, 1}, {3, 6, 3, 3}}, 0, true);
    assertEquals(1.0, t.time(0).median(), 1e-12);
    assertEquals(2.0, t.time(0).max(), 1e-12);
    assertEquals(1.0, t.time(0).spread(), 1e-12, "time per call ranges over 2x");
    assertEquals(3.0, t.ratio(1, 0).median(), 1e-12);
    assertEquals(0.0, t.ratio(1, 0).spread(), 1e-12, "the within-round ratio does not move");
  }

  @Test
  void warmUpGoesOnWhileTheJitCompilesAndStopsAtTheMaximum() {
    FakeClock clock = new FakeClock();
    long[] compiled = {0};
    MedianTimer timer = new MedianTimer(10, 50, 1, 3, () -> clock.nanos, () -> compiled[0]++);
    MedianTimer.Timings t = timer.measure(i -> clock.nanos += 100_000L);
    assertFalse(t.jitSettled(), "the JIT never settled");
    assertTrue(t.warmupSeconds() >= 0.050 && t.warmupSeconds() < 0.060, "stopped at the 50 ms maximum: " + t.warmupSeconds());
  }

  @Test
  void batchesAreWholePeriods() {
    FakeClock clock = new FakeClock();
    long[] calls = new long[1];
    // 1 µs per call and rounds of 1 ms: 1,000 calls, rounded up to whole periods of 300 = 1,200.
    MedianTimer timer = new MedianTimer(0, 0, 1, 4, () -> clock.nanos, () -> -1);
    MedianTimer.Timings t = timer.measure(new long[] {300}, i -> {
      calls[0]++;
      clock.nanos += 1_000L;
    });
    assertFalse(t.jitSettled(), "no compile counter: not known to be settled");
    assertEquals(1_000.0, t.median(0), 1e-9);
    long warmupCalls = calls[0] - 4 * 1_200L;
    assertTrue(warmupCalls >= 1_000 && warmupCalls <= 1_001, "one warm-up slice of 1 ms, then 4 rounds of 1,200: " + calls[0]);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MedianTimer(10, 5, 1, 1, () -> 0, () -> 0));
    assertThrows(IllegalArgumentException.class, () -> new MedianTimer(0, 0, 0, 1, () -> 0, () -> 0));
    MedianTimer t = new MedianTimer(0, 1, 1);
    assertThrows(IllegalArgumentException.class, () -> t.measure(new long[] {0}, i -> { }));
    assertThrows(IllegalArgumentException.class, () -> t.measure(new long[] {1, 1}, i -> { }));
    assertThrows(IllegalArgumentException.class, () -> t.measure());
  }
}
