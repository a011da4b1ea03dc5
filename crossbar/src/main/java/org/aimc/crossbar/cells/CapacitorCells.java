package org.aimc.crossbar.cells;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.CapacitorArray;
import org.aimc.devices.CapacitorParams;

/**
 * The capacitor part {@code s·(g − g_shared)} of every cell of a block (cell index
 * {@code col·rows + row}): a {@link CapacitorArray} of cells, one of per-column references
 * g_shared (whose g is cached per column) and a polarity s per column. Shared by the hybrid and the
 * capacitor-only layouts.
 *
 * <p>Charging raises V_C and g (the paper: leakage toward 0.8 V raises g), so a weight increase is
 * a charge when s = +1 and a discharge when s = −1.
 */
final class CapacitorCells {
  final CapacitorArray g;
  final CapacitorArray shared;
  final int rows;
  final byte[] polarity;
  final double[] sharedNow;
  /** Scratch of {@link #applyPulses}, grown as needed: the update's cells, device pulses and Δg. */
  private int[] cellIdx = new int[0];
  private int[] devicePulses = new int[0];
  private double[] gChange = new double[0];

  CapacitorCells(CapacitorParams params, int rows, int cols, long seedCells, long seedShared) {
    this.rows = rows;
    this.g = CapacitorArray.create(params, rows * cols, seedCells);
    this.shared = CapacitorArray.create(params, cols, seedShared);
    this.polarity = new byte[cols];
    java.util.Arrays.fill(polarity, (byte) 1);
    this.sharedNow = new double[cols];
    refreshShared();
  }

  /**
   * The largest |g − g_shared| of a nominal cell, µS: the larger of g(vMax) − g(vInit) and
   * g(vInit) − g(vMin), with g_shared at vInit.
   */
  static double maxWeightMicroSiemens(CapacitorParams p) {
    double init = p.nominalConductanceMicroS(p.vInitVolts());
    return Math.max(p.nominalConductanceMicroS(p.vMaxVolts()) - init, init - p.nominalConductanceMicroS(p.vMinVolts()));
  }

  double part(int cell, int col) {
    return polarity[col] * (g.conductanceMicroSiemens(cell) - sharedNow[col]);
  }

  void advanceTo(double t) {
    g.advanceTo(t);
    shared.advanceTo(t);
  }

  void refreshShared() {
    for (int c = 0; c < sharedNow.length; c++) sharedNow[c] = shared.conductanceMicroSiemens(c);
  }

  /**
   * Pulses that move the weight by {@code n} steps (n &gt; 0 up): a charge when s·n &gt; 0, else a
   * discharge. Returns the change of the cell's capacitor part {@code s·Δg}, µS. Counts are left
   * to the caller's loop.
   */
  double pulse(int cell, int col, int n) {
    int s = polarity[col];
    double before = g.conductanceMicroSiemens(cell);
    if (s > 0 ? n > 0 : n < 0) g.charge(cell, Math.abs(n));
    else g.discharge(cell, Math.abs(n));
    return s * (g.conductanceMicroSiemens(cell) - before);
  }

  /**
   * The layouts' {@link CellArray#applyPulses} on the capacitor part, the whole update in one
   * device call: the pulses in the device's direction (a discharge raises the weight where s = −1),
   * the cache moved by the changes {@code s·Δg} (only g moved; a refresh recomputes the cache
   * exactly), and the pulses counted as charges or discharges.
   */
  void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses, float[] cache,
      double scale, EventCounter counter) {
    int count = columnCount == 0 ? 0 : columnEnd[columnCount - 1];
    if (cellIdx.length < count) {
      int n = Math.max(count, 2 * cellIdx.length);
      cellIdx = new int[n];
      devicePulses = new int[n];
      gChange = new double[n];
    }
    final int[] cell = cellIdx;
    final int[] dev = devicePulses;
    final double[] dg = gChange;
    long pulses = 0;
    for (int j = 0, k = 0; j < columnCount; j++) {
      int col = columns[j];
      int s = polarity[col];
      for (int base = col * rows; k < columnEnd[j]; k++) {
        cell[k] = base + rowIdx[k];
        dev[k] = s * signedPulses[k];
        pulses += Math.abs(signedPulses[k]);
      }
    }
    long clampsBefore = g.railClamps();
    long charges = g.applyPulses(cell, dev, count, dg);
    for (int j = 0, k = 0; j < columnCount; j++) {
      double s = polarity[columns[j]];
      for (; k < columnEnd[j]; k++) cache[cell[k]] += (float) (scale * (s * dg[k]));
    }
    counter.add(Event.CAPACITOR_CHARGE_PULSES, charges);
    counter.add(Event.CAPACITOR_DISCHARGE_PULSES, pulses - charges);
    counter.add(Event.CAPACITOR_RAIL_CLAMPS, g.railClamps() - clampsBefore);
  }

  void reinitialize(int col, EventCounter counter) {
    int base = col * rows;
    for (int r = 0; r < rows; r++) g.reinitialize(base + r);
    shared.reinitialize(col);
    sharedNow[col] = shared.conductanceMicroSiemens(col);
    counter.add(Event.CAPACITOR_RESETS, rows + 1L);
  }

  /** The cells' and the references' state ({@link CapacitorArray#writeState}), then the polarities. */
  void writeState(java.io.DataOutput out) throws java.io.IOException {
    g.writeState(out);
    shared.writeState(out);
    out.write(polarity);
  }

  /**
   * Restores what {@link #writeState} wrote. {@link #sharedNow} is derived: the references change
   * only at {@link #advanceTo} and {@link #reinitialize}, which both refresh it.
   */
  void readState(java.io.DataInput in) throws java.io.IOException {
    g.readState(in);
    shared.readState(in);
    readPolarities(in, polarity);
    refreshShared();
  }

  /** Reads the per-column polarities that a state wrote ({@code out.write(polarity)}); each must be ±1. */
  static void readPolarities(java.io.DataInput in, byte[] polarity) throws java.io.IOException {
    byte[] s = new byte[polarity.length];
    in.readFully(s);
    for (int c = 0; c < s.length; c++) {
      if (s[c] != 1 && s[c] != -1) throw new java.io.IOException("polarity of column " + c + " is " + s[c] + ", not ±1: a corrupt state");
    }
    System.arraycopy(s, 0, polarity, 0, s.length);
  }

  void flip(int col, EventCounter counter) {
    polarity[col] = (byte) -polarity[col];
    counter.add(Event.POLARITY_FLIPS, 1);
  }
}
