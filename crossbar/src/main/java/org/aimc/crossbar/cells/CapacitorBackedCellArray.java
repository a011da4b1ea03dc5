package org.aimc.crossbar.cells;

import org.aimc.crossbar.EventCounter;

/**
 * What the layouts with a 3T1C capacitor part ({@link HybridCellArray}, {@link CapacitorCellArray})
 * share: the capacitor cells with their g_shared and polarity per column, the pulsed update (it
 * moves only g), the capacitor reset and the polarity flip.
 */
abstract class CapacitorBackedCellArray extends AbstractCellArray {
  final CapacitorCells cap;

  CapacitorBackedCellArray(int rows, int cols, double maxWeightMicroSiemens, CapacitorCells cap, double updateStepMicroSiemens) {
    super(rows, cols, maxWeightMicroSiemens, updateStepMicroSiemens);
    this.cap = cap;
  }

  /** Only g moves: any PCM part of the cached weights stays as it is. */
  @Override
  public final void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses,
      float[] cache, double scale, EventCounter counter) {
    cap.applyPulses(columns, columnEnd, columnCount, rowIdx, signedPulses, cache, scale, counter);
  }

  @Override
  public final double capacitorWeightMicroSiemens(int row, int col) {
    return cap.part(col * rows + row, col);
  }

  @Override
  public final void reinitializeCapacitors(int col, EventCounter counter) {
    cap.reinitialize(col, counter);
  }

  @Override
  public final boolean hasCapacitor() {
    return true;
  }

  @Override
  public final int polarity(int col) {
    return cap.polarity[col];
  }

  @Override
  public final void flipPolarity(int col, EventCounter counter) {
    cap.flip(col, counter);
  }
}
