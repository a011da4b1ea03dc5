package org.aimc.crossbar;

import java.util.SplittableRandom;
import org.aimc.devices.CapacitorParams;

/**
 * A 3T1C capacitor alone, {@code W = s·(g − g_shared)}, one g_shared and one polarity s per column:
 * volatile weights that leak toward the leak voltage. Programming (initialisation) is by pulses
 * from the present state with a few verify rounds; a target beyond the capacitor's range is clipped
 * to it and counted.
 */
public final class CapacitorCellArray implements CellArray {
  /** Verify-and-pulse rounds when programming a weight. */
  private static final int PROGRAM_ROUNDS = 4;

  private final int rows;
  private final int cols;
  private final CapacitorCells cap;
  private final double maxWeight;
  private final double step;
  private double time;

  public CapacitorCellArray(CapacitorParams params, int rows, int cols, long seed) {
    Tile.checkBlock(rows, cols, rows, cols);
    this.rows = rows;
    this.cols = cols;
    SplittableRandom seeds = new SplittableRandom(seed);
    this.cap = new CapacitorCells(params, rows, cols, seeds.nextLong(), seeds.nextLong());
    this.maxWeight = CapacitorCells.maxWeightMicroSiemens(params);
    this.step = params.nominalStepMicroS();
  }

  @Override
  public String layoutName() {
    return "capacitor";
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public double maxWeightMicroSiemens() {
    return maxWeight;
  }

  @Override
  public double updateStepMicroSiemens() {
    return step;
  }

  @Override
  public double timeSeconds() {
    return time;
  }

  @Override
  public void advanceTo(double t) {
    Tile.checkTime(time, t);
    cap.advanceTo(t);
    time = t;
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
  public void applyPulses(int col, int[] rowIdx, int[] signedPulses, int count, float[] cache, double scale,
      EventCounter counter) {
    int base = col * rows;
    boolean up = cap.polarity[col] > 0;
    long charges = 0;
    long discharges = 0;
    for (int k = 0; k < count; k++) {
      int n = signedPulses[k];
      if ((n > 0) == up) charges += Math.abs(n);
      else discharges += Math.abs(n);
    }
    cap.pulses(col, rowIdx, signedPulses, count);
    double[] dPart = cap.partChange;
    for (int k = 0; k < count; k++) cache[base + rowIdx[k]] += (float) (scale * dPart[k]);
    counter.add(Event.CAPACITOR_CHARGE_PULSES, charges);
    counter.add(Event.CAPACITOR_DISCHARGE_PULSES, discharges);
  }

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    Tile.checkFinite("target weight (µS)", targetMicroSiemens);
    double target = targetMicroSiemens;
    if (Math.abs(target) > maxWeight) {
      target = Math.copySign(maxWeight, target);
      counter.add(Event.WEIGHTS_CLIPPED, 1);
    }
    int i = col * rows + row;
    int s = cap.polarity[col];
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

  @Override
  public double capacitorWeightMicroSiemens(int row, int col) {
    return cap.part(col * rows + row, col);
  }

  @Override
  public void reinitializeCapacitors(int col, EventCounter counter) {
    cap.reinitialize(col, counter);
  }

  @Override
  public boolean hasCapacitor() {
    return true;
  }

  @Override
  public int polarity(int col) {
    return cap.polarity[col];
  }

  @Override
  public void flipPolarity(int col, EventCounter counter) {
    cap.flip(col, counter);
  }

  /** Shape and time, then g and g_shared ({@code org.aimc.devices} state) and the polarities. */
  @Override
  public void writeState(java.io.DataOutput out) throws java.io.IOException {
    Tile.writeCellHeader(out, rows, cols, time);
    cap.writeState(out);
  }

  @Override
  public void readState(java.io.DataInput in) throws java.io.IOException {
    double t = Tile.readCellHeader(in, layoutName(), rows, cols);
    cap.readState(in);
    time = t;
  }
}
