package org.aimc.crossbar.cells;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.DevicePreset;
import org.junit.jupiter.api.Test;

/**
 * {@link PcmPairCellArray#applyPulses} reads a chunk of pulsed pairs before pulsing them; the pulses
 * themselves must be the same, in the same order, as one column per call: one update of many columns
 * (more pulsed cells than a chunk, a column alone larger than a chunk, columns of one cell, an empty
 * update) leaves every weight, cached weight and count with the bits of the column-by-column calls.
 */
class PcmPairPulsesTest {
  private static final int ROWS = 300;
  private static final int COLS = 40;

  @Test
  void oneCallGivesTheBitsOfOneCallPerColumn() {
    SplittableRandom rnd = new SplittableRandom(11);
    PcmPairCellArray whole = new PcmPairCellArray(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 7L);
    PcmPairCellArray byColumn = new PcmPairCellArray(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 7L);
    float[] cacheWhole = new float[ROWS * COLS];
    float[] cacheByColumn = new float[ROWS * COLS];
    EventCounter countWhole = new EventCounter();
    EventCounter countByColumn = new EventCounter();
    int[] columnSizes = {0, 1, 250, 3, 0, 1, 1, 129, 40, 300, 2};
    for (int update = 0; update < 3; update++) {
      double t = 1.0 + update;
      whole.advanceTo(t);
      byColumn.advanceTo(t);
      int[] columns = new int[COLS];
      int[] columnEnd = new int[COLS];
      int[] rows = new int[ROWS * COLS];
      int[] pulses = new int[ROWS * COLS];
      int columnCount = update == 2 ? 0 : columnSizes.length; // the last update is empty
      int k = 0;
      for (int j = 0; j < columnCount; j++) {
        columns[j] = (3 * j + update) % COLS;
        int size = columnSizes[j];
        int first = rnd.nextInt(ROWS - size + 1);
        for (int r = first; r < first + size; r++) {
          rows[k] = r;
          pulses[k++] = rnd.nextBoolean() ? 1 + rnd.nextInt(3) : -1 - rnd.nextInt(3);
        }
        columnEnd[j] = k;
      }
      whole.applyPulses(columns, columnEnd, columnCount, rows, pulses, cacheWhole, 0.5, countWhole);
      for (int j = 0, from = 0; j < columnCount; from = columnEnd[j++]) {
        for (int q = from; q < columnEnd[j]; q++) {
          int c = columns[j];
          assertEquals(Float.floatToRawIntBits((float) (0.5 * whole.weightMicroSiemens(rows[q], c))), Float.floatToRawIntBits(cacheWhole[c * ROWS + rows[q]]),
              "cached weight of pulsed cell (" + rows[q] + ", " + c + ")");
        }
      }
      for (int j = 0, from = 0; j < columnCount; j++) {
        int n = columnEnd[j] - from;
        int[] r1 = java.util.Arrays.copyOfRange(rows, from, columnEnd[j]);
        int[] p1 = java.util.Arrays.copyOfRange(pulses, from, columnEnd[j]);
        byColumn.applyPulses(new int[] {columns[j]}, new int[] {n}, 1, r1, p1, cacheByColumn, 0.5, countByColumn);
        from = columnEnd[j];
      }
    }
    for (int c = 0; c < COLS; c++) {
      for (int r = 0; r < ROWS; r++) {
        assertEquals(Double.doubleToRawLongBits(byColumn.weightMicroSiemens(r, c)), Double.doubleToRawLongBits(whole.weightMicroSiemens(r, c)),
            "weight of cell (" + r + ", " + c + ")");
      }
    }
    for (int i = 0; i < cacheWhole.length; i++) {
      assertEquals(Float.floatToRawIntBits(cacheByColumn[i]), Float.floatToRawIntBits(cacheWhole[i]), "cached weight " + i);
    }
    assertEquals(countByColumn.get(Event.PCM_SET_PULSES), countWhole.get(Event.PCM_SET_PULSES));
  }

  /**
   * The batch ({@link PcmPairs#setPulses(int[], int[], int, double)}, each side's devices in one
   * {@code PcmArray.applySetPulses}) against one pair after another: every pair weight and saved
   * state bit for bit, with pulses on both sides, several per pair and none; per-column drift
   * compensation after a clock step (a column gain re-estimated at the pulses' time) included.
   */
  @Test
  void aBatchOfPairsGivesTheBitsOfOnePairAfterAnother() throws java.io.IOException {
    for (DriftCompensation compensation : new DriftCompensation[] {DriftCompensation.NONE, DriftCompensation.PER_COLUMN}) {
      PcmPairs batch = new PcmPairs(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 3L, 4L, compensation);
      PcmPairs single = new PcmPairs(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 3L, 4L, compensation);
      SplittableRandom rnd = new SplittableRandom(17);
      int[] cells = new int[ROWS * COLS];
      int[] n = new int[ROWS * COLS];
      double t = 0;
      for (int round = 0; round < 6; round++) {
        t += 0.5;
        if (round % 2 == 0) {
          batch.refreshAll(t);
          single.refreshAll(t);
        } else {
          batch.advanceClockTo(t);
          single.advanceClockTo(t);
        }
        int count = 1 + rnd.nextInt(600);
        int[] order = rnd.ints(0, ROWS * COLS).distinct().limit(count).toArray();
        for (int k = 0; k < count; k++) {
          cells[k] = order[k];
          n[k] = rnd.nextInt(20) == 0 ? 0 : rnd.nextBoolean() ? 1 + rnd.nextInt(3) : -1 - rnd.nextInt(3);
        }
        batch.setPulses(cells, n, count, t);
        for (int k = 0; k < count; k++) single.setPulses(cells[k], n[k], t);
      }
      for (int i = 0; i < ROWS * COLS; i++) {
        assertEquals(Double.doubleToRawLongBits(single.part[i]), Double.doubleToRawLongBits(batch.part[i]), compensation + ": weight " + i);
      }
      java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      single.writeState(new java.io.DataOutputStream(a));
      batch.writeState(new java.io.DataOutputStream(b));
      org.junit.jupiter.api.Assertions.assertArrayEquals(a.toByteArray(), b.toByteArray(), compensation + ": saved state");
    }
  }

  /** A time before a device's last programming fails as the pair-by-pair calls fail, with the same pairs pulsed before it. */
  @Test
  void aTimeBeforeAProgrammingFailsWhereThePairByPairCallsFail() throws java.io.IOException {
    PcmPairs batch = new PcmPairs(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 3L, 4L, DriftCompensation.NONE);
    PcmPairs single = new PcmPairs(DevicePreset.AMBROGIO2018.pcm(), 1.0, ROWS, COLS, 3L, 4L, DriftCompensation.NONE);
    batch.setPulses(new int[] {77}, new int[] {-1}, 1, 5.0);
    single.setPulses(77, -1, 5.0);
    int[] cells = {10, 11, 77, 12};
    int[] n = {1, -2, 1, 1};
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> batch.setPulses(cells, n, 4, 4.0));
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> {
      for (int k = 0; k < 4; k++) single.setPulses(cells[k], n[k], 4.0);
    });
    java.io.ByteArrayOutputStream a = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    single.writeState(new java.io.DataOutputStream(a));
    batch.writeState(new java.io.DataOutputStream(b));
    org.junit.jupiter.api.Assertions.assertArrayEquals(a.toByteArray(), b.toByteArray());
    assertEquals(Double.doubleToRawLongBits(single.part[11]), Double.doubleToRawLongBits(batch.part[11]));
  }
}
