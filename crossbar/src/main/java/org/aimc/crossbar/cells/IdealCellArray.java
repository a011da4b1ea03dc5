package org.aimc.crossbar.cells;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;

/**
 * Ideal cells: the weight is a plain number (stored in double, µS), with no range, no noise and no
 * time dependence. An update pulse changes it by exactly ±{@code stepMicroSiemens}; the exact update
 * adds the float outer product. The software reference for tests and the "periphery off" tile.
 */
public final class IdealCellArray extends AbstractCellArray {
  private final double[] weightMicroSiemens;

  /**
   * @param maxWeightMicroSiemens the weight the periphery calls 1 (nominal: ideal cells have no bound)
   * @param stepMicroSiemens the weight change of one update pulse
   */
  public IdealCellArray(int rows, int cols, double maxWeightMicroSiemens, double stepMicroSiemens) {
    super(rows, cols, maxWeightMicroSiemens, stepMicroSiemens);
    if (!(maxWeightMicroSiemens > 0 && maxWeightMicroSiemens < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("maxWeightMicroSiemens must be finite and > 0, got " + maxWeightMicroSiemens);
    }
    if (!(stepMicroSiemens > 0 && stepMicroSiemens < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("stepMicroSiemens must be finite and > 0, got " + stepMicroSiemens);
    }
    this.weightMicroSiemens = new double[Math.multiplyExact(rows, cols)];
  }

  @Override
  public String layoutName() {
    return "ideal";
  }

  @Override
  public boolean supportsExactUpdate() {
    return true;
  }

  /** Ideal cells do not change with time. */
  @Override
  void advanceDevicesTo(double t) {}

  @Override
  public double weightMicroSiemens(int row, int col) {
    return weightMicroSiemens[col * rows + row];
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int i = 0; i < weightMicroSiemens.length; i++) cache[i] = (float) (scale * weightMicroSiemens[i]);
  }

  @Override
  public void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses,
      float[] cache, double scale, EventCounter counter) {
    double step = updateStepMicroSiemens();
    long up = 0;
    long down = 0;
    for (int j = 0, k = 0; j < columnCount; j++) for (int base = columns[j] * rows; k < columnEnd[j]; k++) {
      int i = base + rowIdx[k];
      int n = signedPulses[k];
      if (n > 0) up += n; else down -= n;
      weightMicroSiemens[i] += n * step;
      cache[i] = (float) (scale * weightMicroSiemens[i]);
    }
    // An ideal cell has no device; its pulses are counted as those of a capacitor with s = +1.
    counter.add(Event.CAPACITOR_CHARGE_PULSES, up);
    counter.add(Event.CAPACITOR_DISCHARGE_PULSES, down);
  }

  @Override
  public void addExact(int col, float[] x, int xOff, int[] rowList, int rowCount, double microSiemensPerInput,
      float[] cache, double scale) {
    java.util.Objects.checkFromIndexSize(0, rowCount, rowList.length);
    final double[] w = weightMicroSiemens;
    int base = col * rows;
    // The listed rows, not a test of each x: MNIST's zero pixels would mispredict that branch at
    // every edge of a digit, in every column.
    for (int k = 0; k < rowCount; k++) {
      int r = rowList[k];
      int i = base + r;
      double v = w[i] + microSiemensPerInput * x[xOff + r];
      w[i] = v;
      cache[i] = (float) (scale * v);
    }
  }

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    Checks.checkFinite("target weight (µS)", targetMicroSiemens);
    weightMicroSiemens[col * rows + row] = targetMicroSiemens;
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    counter.add(Event.CELL_READS, 1);
    return weightMicroSiemens[col * rows + row];
  }

  /** Every weight (µS) as big-endian doubles. */
  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    org.aimc.devices.StateIo.writeDoubles(out, weightMicroSiemens);
  }

  /** All or nothing: the weights change only once the whole array has been read. */
  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    double[] w = new double[weightMicroSiemens.length];
    org.aimc.devices.StateIo.readDoubles(in, w);
    System.arraycopy(w, 0, weightMicroSiemens, 0, w.length);
  }
}
