package org.aimc.crossbar.cells;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.PulsedDeviceArray;

/**
 * One update's pulses handed to a pulsed device array in one call ({@link CellArray#applyPulses}),
 * for the cells of the pulsed layout and the hybrid cell's pulsed fast pair: each pulse in the
 * device's direction (its column's polarity s times the weight's), the cache moved by
 * {@code s·microSiemensPerUnit·Δw}, the pulses counted as charges (w up) and discharges. Scratch
 * grown as needed; not thread-safe.
 */
final class PulsedDevicePulses {
  private int[] cellIdx = new int[0];
  private int[] devicePulses = new int[0];
  private double[] change = new double[0];

  /** @param polarity each column's s, or null for s = +1 everywhere */
  void apply(PulsedDeviceArray devices, byte[] polarity, int rows, int[] columns, int[] columnEnd, int columnCount, int[] rowIdx,
      int[] signedPulses, float[] cache, double scale, EventCounter counter) {
    int count = columnCount == 0 ? 0 : columnEnd[columnCount - 1];
    if (cellIdx.length < count) {
      int n = Math.max(count, 2 * cellIdx.length);
      cellIdx = new int[n];
      devicePulses = new int[n];
      change = new double[n];
    }
    long pulses = 0;
    for (int j = 0, k = 0; j < columnCount; j++) {
      int col = columns[j];
      int s = polarity == null ? 1 : polarity[col];
      for (int base = col * rows; k < columnEnd[j]; k++) {
        cellIdx[k] = base + rowIdx[k];
        devicePulses[k] = s * signedPulses[k];
        pulses += Math.abs(signedPulses[k]);
      }
    }
    long up = devices.applyPulses(cellIdx, devicePulses, count, change);
    double unit = devices.params().microSiemensPerUnit();
    for (int j = 0, k = 0; j < columnCount; j++) {
      double s = polarity == null ? 1 : polarity[columns[j]];
      for (; k < columnEnd[j]; k++) cache[cellIdx[k]] += (float) (scale * s * unit * change[k]);
    }
    counter.add(Event.CAPACITOR_CHARGE_PULSES, up);
    counter.add(Event.CAPACITOR_DISCHARGE_PULSES, pulses - up);
  }
}
