package org.aimc.crossbar.cells;

/**
 * A tile's effective-weight cache: a {@code float[cols·rows]} holding
 * {@code unitsPerMicroSiemens · W} of every used cell of a {@link CellArray}, row-major in the
 * mathematical sense (output c's weights at {@code [c·rows, (c+1)·rows)}). The MVM reads it; the
 * update, programming and transfer refresh the cells they touch; the clock recomputes it all.
 */
public final class EffectiveWeights {
  private final CellArray cells;
  private final float[] values;
  private final double unitsPerMicroSiemens;

  /** The cache of these cells, filled from their present weights. */
  public EffectiveWeights(CellArray cells, double unitsPerMicroSiemens) {
    this.cells = cells;
    this.unitsPerMicroSiemens = unitsPerMicroSiemens;
    this.values = new float[cells.rows() * cells.cols()];
    refreshAll();
  }

  /** The cached weights themselves (live), network units. */
  public float[] values() {
    return values;
  }

  /** Network weight units per µS. */
  public double unitsPerMicroSiemens() {
    return unitsPerMicroSiemens;
  }

  /** The cached weight of a cell, network units. */
  public float get(int row, int col) {
    Checks.checkCell(row, col, cells.rows(), cells.cols());
    return values[col * cells.rows() + row];
  }

  /** Copies every cached weight into {@code dst} from {@code dstOff}. */
  public void copyTo(float[] dst, int dstOff) {
    Checks.checkSpan("dst", dst, dstOff, values.length);
    System.arraycopy(values, 0, dst, dstOff, values.length);
  }

  /** Recomputes every cell's cached weight from the devices. */
  public void refreshAll() {
    cells.writeWeights(values, unitsPerMicroSiemens);
  }

  /** Recomputes one column's cached weights. */
  public void refreshColumn(int col) {
    int rows = cells.rows();
    int base = col * rows;
    for (int r = 0; r < rows; r++) values[base + r] = (float) (unitsPerMicroSiemens * cells.weightMicroSiemens(r, col));
  }

  /** Recomputes one cell's cached weight. */
  public void refreshCell(int row, int col) {
    values[col * cells.rows() + row] = (float) (unitsPerMicroSiemens * cells.weightMicroSiemens(row, col));
  }
}
