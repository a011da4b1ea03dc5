package org.aimc.crossbar.cells;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;

/**
 * The synapses of one tile: a layout of devices per cell and the device arrays that hold their
 * state (flat, array-wise; no object per device). A {@code Tile} holds one, plus the periphery and
 * the counters, and never looks inside: hybrid PCM+capacitor cells, PCM pairs, capacitors alone and
 * ideal float weights are all implementations of this interface.
 *
 * <p>Cells are addressed by (row, column) of the used block, {@code row < rows()} (inputs in the
 * forward direction), {@code col < cols()} (outputs). The flat index {@code col·rows() + row} is the
 * index of the tile's effective-weight cache, which is row-major in the mathematical sense (one
 * output's weights are contiguous, so reading a column is a contiguous slice). Weights are in µS;
 * the cache holds {@code weightUnitsPerMicroSiemens · W}.
 *
 * <p>Time: device operations happen at {@link #timeSeconds()}, which only {@link #advanceTo}
 * moves. Between calls of {@code advanceTo} the cache reflects updates and programming but not
 * leakage or drift (the trainer's clock refreshes it at coarse intervals).
 *
 * <p>The transfer primitives at the end apply to cells that have the parts named; the defaults
 * throw {@link UnsupportedOperationException} naming the layout.
 */
public interface CellArray {

  /** The layout's name for reports, e.g. {@code "hybrid"}. */
  String layoutName();

  /** Rows used (inputs in the forward direction). */
  int rows();

  /** Columns used (outputs in the forward direction). */
  int cols();

  /** The largest |W| the cell represents, µS: the weight the periphery calls 1 (normalised). */
  double maxWeightMicroSiemens();

  /** The nominal |ΔW| of one update pulse at one cell, µS; &gt; 0. */
  double updateStepMicroSiemens();

  /** Whether {@link #addExact} is available (only for cells whose weight is a plain number). */
  default boolean supportsExactUpdate() {
    return false;
  }

  /** The device time, seconds. */
  double timeSeconds();

  /** Moves the devices to time t (leakage, drift) and brings their cached values up to date; t must not go back. */
  void advanceTo(double timeSeconds);

  /**
   * Moves the devices to time t for the device operations of a transfer (reads, programming,
   * capacitor resets) only: what only the MVMs read (the cache, the read-noise variances and the
   * PCM's 1/f excursions) stays as of the last {@link #advanceTo}. A transfer runs no MVM and ends
   * with an {@code advanceTo}. PCM drift needs no step (a read computes it from the programming
   * time); capacitor leakage does, and a column's drift-compensation gain is re-estimated at t when
   * the column is next read (a global gain at once). Layouts without a lighter step do
   * {@code advanceTo}'s device work.
   */
  void advanceClockTo(double timeSeconds);

  /** The present noise-free effective weight of a cell, µS. */
  double weightMicroSiemens(int row, int col);

  /**
   * Writes every cell's present weight times {@code weightUnitsPerMicroSiemens} into the cache
   * ({@code cache[col·rows + row]}).
   */
  void writeWeights(float[] cache, double weightUnitsPerMicroSiemens);

  /**
   * Applies one update's pulses, column by column, in that order: for {@code j < columnCount}, the
   * cells {@code (rows[k], columns[j])} with {@code k} from {@code columnEnd[j − 1]} (0 for the
   * first) to {@code columnEnd[j]}: {@code signedPulses[k] > 0} pulses that raise the weight,
   * {@code < 0} pulses that lower it, delivered to whatever device the layout updates; counts them;
   * refreshes those cells in the cache. A cell appears at most once per call. The whole update in
   * one call lets a layout overlap the cache misses of cells in different columns.
   */
  void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rows, int[] signedPulses, float[] cache,
      double weightUnitsPerMicroSiemens, EventCounter counter);

  /**
   * Exact update of one column: {@code W(r, col) += microSiemensPerInput · x[xOff + r]} for the rows
   * {@code rowList[0 .. rowCount)} (the rows with {@code x ≠ 0}, ascending, each in {@code [0, rows())},
   * not checked: the others would add 0), and the cache refreshed.
   *
   * @throws UnsupportedOperationException unless {@link #supportsExactUpdate()}
   */
  default void addExact(int col, float[] x, int xOff, int[] rowList, int rowCount, double microSiemensPerInput, float[] cache,
      double weightUnitsPerMicroSiemens) {
    throw new UnsupportedOperationException(
        "the " + layoutName() + " layout is updated by pulses; use a DETERMINISTIC or STOCHASTIC encoding");
  }

  /**
   * Programs a cell toward a weight (initialisation): by closed-loop tuning where the layout has
   * PCM, by pulses where it has only a capacitor, exactly for ideal cells. A target beyond the
   * cell's range is clipped to the bound and counted as {@link Event#WEIGHTS_CLIPPED}.
   */
  void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter);

  /** Reads a cell's weight as the hardware would (with the devices' read noise), µS; counts a read. */
  double readWeightMicroSiemens(int row, int col, EventCounter counter);

  // ---- transfer primitives (hybrid cells; PCM pairs have the PCM ones, capacitors the others) ----

  /** The PCM part {@code F·(G⁺ − G⁻)} of a cell now, µS. */
  default double pcmWeightMicroSiemens(int row, int col) {
    throw unsupported("a PCM pair");
  }

  /** Whether the layout has a capacitor part (and so a polarity and a g_shared per column). */
  /**
   * The mean read-noise variance of the cells' weights along each column and each row, µS², as of
   * the last {@link #advanceTo} (what an MVM adds to an output, per unit of ‖x̂‖², is this mean over
   * its line: exact for uniform inputs). Returns false, writing nothing, for cells without read noise.
   */
  default boolean lineReadVariancesMicroS2(double[] perColumn, double[] perRow) {
    return false;
  }

  /** A column's PCM is about to be programmed by a transfer (drift compensation restarts); no-op without PCM. */
  default void beginColumnProgramming(int col) {}

  default boolean hasCapacitor() {
    return false;
  }

  /** The capacitor part {@code s·(g − g_shared)} of a cell now, µS. */
  default double capacitorWeightMicroSiemens(int row, int col) {
    throw unsupported("a capacitor");
  }

  /**
   * Programs the PCM pair so that {@code F·(G⁺ − G⁻)} approaches the target: both devices are
   * RESET, then the one on the target's side is tuned closed-loop to {@code |target|/F}. A target
   * beyond {@code F·G_max} is clipped and counted. Counts SET/RESET pulses and verify reads.
   */
  default void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    throw unsupported("a PCM pair");
  }

  /** Re-initialises the capacitors g of a column and the column's g_shared to the reset voltage. */
  default void reinitializeCapacitors(int col, EventCounter counter) {
    throw unsupported("a capacitor");
  }

  /** The polarity s = ±1 of a column's capacitor part. */
  default int polarity(int col) {
    throw unsupported("a polarity");
  }

  /** Flips the polarity s of a column. */
  default void flipPolarity(int col, EventCounter counter) {
    throw unsupported("a polarity");
  }

  // ---- checkpoints ----

  /**
   * Writes everything about the cells that changes after construction (device state, the devices'
   * random-stream states, polarities, time), so that an array created with the same config, shape and
   * seed continues, after {@link #readState}, with the same numbers bit for bit. Every layout of
   * {@link org.aimc.crossbar.CellLayout} implements it.
   *
   * @throws UnsupportedOperationException for a layout that does not implement checkpoints
   */
  default void writeState(java.io.DataOutput out) throws java.io.IOException {
    throw new UnsupportedOperationException("the " + layoutName() + " cell layout does not implement writeState");
  }

  /**
   * Reads what {@link #writeState} wrote, into an array created with the same config, shape and seed.
   *
   * @throws java.io.IOException if the state is of another shape, seed or parameters, or truncated;
   *     the array may then be partly restored and should be discarded
   */
  default void readState(java.io.DataInput in) throws java.io.IOException {
    throw new UnsupportedOperationException("the " + layoutName() + " cell layout does not implement readState");
  }

  private UnsupportedOperationException unsupported(String part) {
    return new UnsupportedOperationException("the " + layoutName() + " cell layout has no " + part);
  }
}
