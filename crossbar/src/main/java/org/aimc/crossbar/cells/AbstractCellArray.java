package org.aimc.crossbar.cells;

import java.util.Locale;

/**
 * What the four {@link org.aimc.crossbar.CellLayout}s share: the used block's shape, the weight
 * scale, the device time with its only mover {@link #advanceTo}, and the checkpoint header (shape
 * and time) in front of each layout's device state. A layout supplies its devices' part of each.
 */
abstract class AbstractCellArray implements CellArray {
  /** Rows used; a cell's flat index is {@code col·rows + row}. */
  final int rows;
  final int cols;
  private final double maxWeightMicroSiemens;
  private final double updateStepMicroSiemens;
  private double timeSeconds;

  AbstractCellArray(int rows, int cols, double maxWeightMicroSiemens, double updateStepMicroSiemens) {
    if (rows <= 0 || cols <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "cell array must be at least 1×1, got %d×%d", rows, cols));
    }
    this.rows = rows;
    this.cols = cols;
    this.maxWeightMicroSiemens = maxWeightMicroSiemens;
    this.updateStepMicroSiemens = updateStepMicroSiemens;
  }

  @Override
  public final int rows() {
    return rows;
  }

  @Override
  public final int cols() {
    return cols;
  }

  @Override
  public final double maxWeightMicroSiemens() {
    return maxWeightMicroSiemens;
  }

  @Override
  public final double updateStepMicroSiemens() {
    return updateStepMicroSiemens;
  }

  @Override
  public final double timeSeconds() {
    return timeSeconds;
  }

  @Override
  public final void advanceTo(double t) {
    checkTime(t);
    advanceDevicesTo(t);
    timeSeconds = t;
  }

  @Override
  public final void advanceClockTo(double t) {
    checkTime(t);
    advanceDeviceClocksTo(t);
    timeSeconds = t;
  }

  private void checkTime(double t) {
    if (!(t >= timeSeconds) || t == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "time must be finite and not go back: now %.9g s, asked %s s", timeSeconds, t));
    }
  }

  /** Moves the devices to time t (≥ the present time, finite) and refreshes their cached values. */
  abstract void advanceDevicesTo(double t);

  /** {@link #advanceClockTo}'s device work; by default all of {@link #advanceDevicesTo}. */
  void advanceDeviceClocksTo(double t) {
    advanceDevicesTo(t);
  }

  /** Shape and time (s), then the devices' state. */
  @Override
  public final void writeState(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeDouble(timeSeconds);
    writeDeviceState(out);
  }

  @Override
  public final void readState(java.io.DataInput in) throws java.io.IOException {
    int r = in.readInt();
    int c = in.readInt();
    double t = in.readDouble();
    if (r != rows || c != cols) {
      throw new java.io.IOException("state of a " + r + "×" + c + " " + layoutName() + " cell array, not " + rows + "×" + cols);
    }
    if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) {
      throw new java.io.IOException("state of a " + layoutName() + " cell array at time " + t + " s: a corrupt state");
    }
    readDeviceState(in, t);
    timeSeconds = t;
  }

  /** Everything about the devices that changes after construction, after the header. */
  abstract void writeDeviceState(java.io.DataOutput out) throws java.io.IOException;

  /** Reads what {@link #writeDeviceState} wrote; t is the restored time (s), which becomes the time after this returns. */
  abstract void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException;
}
