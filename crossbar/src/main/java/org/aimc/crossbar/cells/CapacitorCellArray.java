package org.aimc.crossbar.cells;

import java.util.SplittableRandom;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.CapacitorParams;

/**
 * A 3T1C capacitor alone, {@code W = s·(g − g_shared)}, one g_shared and one polarity s per column:
 * volatile weights that leak toward the leak voltage. Programming (initialisation) is by pulses
 * from the present state with a few verify rounds; a target beyond the capacitor's range is clipped
 * to it and counted.
 */
public final class CapacitorCellArray extends CapacitorBackedCellArray {
  /** Verify-and-pulse rounds when programming a weight. */
  private static final int PROGRAM_ROUNDS = 4;

  public CapacitorCellArray(CapacitorParams params, int rows, int cols, long seed) {
    this(params, rows, cols, new SplittableRandom(seed));
  }

  private CapacitorCellArray(CapacitorParams params, int rows, int cols, SplittableRandom seeds) {
    super(rows, cols, CapacitorCells.maxWeightMicroSiemens(params),
        new CapacitorCells(params, rows, cols, seeds.nextLong(), seeds.nextLong()), params.nominalStepMicroS());
  }

  @Override
  public String layoutName() {
    return "capacitor";
  }

  @Override
  void advanceDevicesTo(double t) {
    cap.advanceTo(t);
    cap.refreshShared();
  }

  @Override
  public double weightMicroSiemens(int row, int col) {
    return cap.part(col * rows + row, col);
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int c = 0; c < cols; c++) {
      int base = c * rows;
      for (int r = 0; r < rows; r++) cache[base + r] = (float) (scale * cap.part(base + r, c));
    }
  }

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    Checks.checkFinite("target weight (µS)", targetMicroSiemens);
    double target = targetMicroSiemens;
    double maxWeight = maxWeightMicroSiemens();
    if (Math.abs(target) > maxWeight) {
      target = Math.copySign(maxWeight, target);
      counter.add(Event.WEIGHTS_CLIPPED, 1);
    }
    int i = col * rows + row;
    int s = cap.polarity[col];
    double step = updateStepMicroSiemens();
    for (int round = 0; round < PROGRAM_ROUNDS; round++) {
      int n = (int) Math.round((target - cap.part(i, col)) / step);
      if (n == 0) break;
      if ((n > 0) == (s > 0)) counter.add(Event.CAPACITOR_CHARGE_PULSES, Math.abs(n));
      else counter.add(Event.CAPACITOR_DISCHARGE_PULSES, Math.abs(n));
      cap.pulse(i, col, n);
    }
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    counter.add(Event.CELL_READS, 1);
    return cap.part(col * rows + row, col);
  }

  /** g and g_shared ({@code org.aimc.devices} state) and the polarities. */
  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    cap.writeState(out);
  }

  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    cap.readState(in);
  }
}
