package org.aimc.crossbar.cells;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.PulsedDeviceArray;
import org.aimc.devices.PulsedDeviceParams;

/**
 * One pulsed device of one of aihwkit's families per weight, {@code W = microSiemensPerUnit·w} µS:
 * the layout of aihwkit's {@code SingleRPUConfig}, where the network weight is the device weight
 * (with {@code weightScalingOmega = 0} and {@code wMax = 1}, a network weight of 1 is w = 1). The
 * device is the configuration's {@code devices.fast}. There is no transfer, offset or polarity.
 *
 * <p>Programming (initialisation) sets w exactly, clipped to the device's bounds, as aihwkit's
 * {@code set_weights}; a clip is counted as {@link Event#WEIGHTS_CLIPPED}. Update pulses count as
 * capacitor charge (w up) and discharge (w down) pulses, as for the hybrid cell's pulsed fast
 * device; decay ({@code leakTimeConstantSeconds}) happens in {@link #advanceTo}.
 */
public final class PulsedCellArray extends AbstractCellArray {
  private final PulsedDeviceArray devices;
  private final double unit;
  private final PulsedDevicePulses pulses = new PulsedDevicePulses();

  /**
   * @param device the device of every cell
   * @throws IllegalArgumentException if {@code device} is null (a configuration without {@code devices.fast})
   */
  public PulsedCellArray(PulsedDeviceParams device, int rows, int cols, long seed) {
    super(rows, cols, maxWeightMicroSiemens(device), checked(device).nominalStepMicroS());
    this.unit = device.microSiemensPerUnit();
    this.devices = PulsedDeviceArray.create(device, Math.multiplyExact(rows, cols), seed);
  }

  private static PulsedDeviceParams checked(PulsedDeviceParams device) {
    if (device == null) {
      throw new IllegalArgumentException("the pulsed layout needs a pulsed device: set tile.devices.fast to a pulsed preset"
          + " (e.g. --set analog.tile.devices.fast=gokmen-vlasov; `aimc presets list` shows them)");
    }
    return device;
  }

  /** The nominal largest |W|, µS: {@code microSiemensPerUnit·max(wMax, −wMin)}. */
  public static double maxWeightMicroSiemens(PulsedDeviceParams device) {
    PulsedDeviceParams d = checked(device);
    return d.microSiemensPerUnit() * Math.max(d.wMax(), -d.wMin());
  }

  @Override
  public String layoutName() {
    return "pulsed";
  }

  @Override
  void advanceDevicesTo(double t) {
    devices.advanceTo(t);
  }

  @Override
  public double weightMicroSiemens(int row, int col) {
    return unit * devices.weight(col * rows + row);
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int i = 0; i < devices.size(); i++) cache[i] = (float) (scale * unit * devices.weight(i));
  }

  @Override
  public void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses, float[] cache,
      double scale, EventCounter counter) {
    pulses.apply(devices, null, rows, columns, columnEnd, columnCount, rowIdx, signedPulses, cache, scale, counter);
  }

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    Checks.checkFinite("target weight (µS)", targetMicroSiemens);
    int i = col * rows + row;
    double w = targetMicroSiemens / unit;
    if (w > devices.maxBound(i) || w < devices.minBound(i)) counter.add(Event.WEIGHTS_CLIPPED, 1);
    devices.set(i, w);
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    counter.add(Event.CELL_READS, 1);
    return weightMicroSiemens(row, col);
  }

  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    devices.writeState(out);
  }

  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    devices.readState(in);
  }
}
