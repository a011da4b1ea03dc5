package org.aimc.crossbar.update;

import static org.aimc.crossbar.cells.Checks.checkFinite;
import static org.aimc.crossbar.cells.Checks.checkSpan;
import static org.aimc.crossbar.cells.Checks.maxAbsFinite;

import java.util.Arrays;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.PulseEncoding;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.Checks;
import org.aimc.crossbar.cells.EffectiveWeights;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A tile's parallel rank-1 update {@code W += η·δ·xᵀ}, applied in the array as the config's pulse
 * trains (see {@link PulseEncoding}): the rows fire with {@code |x_r|}, the columns with
 * {@code |δ_c|}, and a cell gets a pulse in each slot where both fire. Hybrid cells receive it in
 * their capacitors only. With the EXACT encoding (ideal cells) the float outer product is added instead.
 *
 * <p>With BL management ({@link UpdateConfig#bitLengthManagement()}) an update's trains use only
 * their first {@code min(BL, ⌈K·BL⌉)} slots, each at the higher probability that keeps the mean.
 *
 * <p>Costs time in proportion to its pulses: it lists the rows firing in each time slot once, walks
 * each column's slots, and hands a column's cells to the devices in one call. Draws only from the
 * tile's update stream, so switching noise off leaves these random numbers unchanged. Not thread-safe.
 */
public final class PulsedUpdate {
  private final int rows;
  private final int cols;
  private final CellArray cells;
  private final EffectiveWeights weights;
  private final double weightUnitsPerMicroSiemens;
  private final UpdateConfig update;
  private final EventCounter counter;
  private final PulseTrains trains;
  // scratch, sized once
  /** Sign of each row's update: −1 when the pulses lower the weight before the column's sign, else 0. */
  private final int[] rowSign;
  /** Rows firing in slot t: {@code slotRows[t·rows .. t·rows + slotCount[t])}, ascending. */
  private final int[] slotCount;
  private final int[] slotRows;
  /** Each firing row's train, by row (only read for rows that fire in this update). */
  private final long[] rowTrain;
  /** Scratch of one update: indices, firing fractions and trains of the lines that carry a signal. */
  private final int[] lineIndex;
  private final double[] lineP;
  private final long[] lineTrain;
  /**
   * The update's cells with pulses, all columns: rows and signed counts, column by column (ends in
   * {@link #pulseColumnEnd}); grown as needed, at most {@code rows·cols + 1} (the listing may write
   * one entry past the last cell, and drop it).
   */
  private int[] pulseRows;
  private int[] pulseCounts;
  private final int[] pulseColumns;
  private final int[] pulseColumnEnd;

  /**
   * @param rng the tile's update stream (stochastic trains)
   * @throws IllegalArgumentException if the EXACT encoding is asked of cells that do not support it
   */
  public PulsedUpdate(CellArray cells, EffectiveWeights weights, UpdateConfig update, UniformRandomProvider rng,
      EventCounter counter) {
    if (update.encoding() == PulseEncoding.EXACT && !cells.supportsExactUpdate()) {
      throw new IllegalArgumentException("the EXACT update encoding needs ideal cells, but the layout is " + cells.layoutName());
    }
    this.rows = cells.rows();
    this.cols = cells.cols();
    this.cells = cells;
    this.weights = weights;
    this.weightUnitsPerMicroSiemens = weights.unitsPerMicroSiemens();
    this.update = update;
    this.counter = counter;
    int n = Math.max(rows, cols);
    int bl = update.bitLength();
    this.rowSign = new int[rows];
    this.lineIndex = new int[n];
    this.lineP = new double[n];
    this.lineTrain = new long[n];
    this.slotCount = new int[bl];
    this.slotRows = new int[Math.multiplyExact(bl, rows)];
    this.rowTrain = new long[rows];
    this.pulseRows = new int[rows];
    this.pulseCounts = new int[rows];
    this.pulseColumns = new int[cols];
    this.pulseColumnEnd = new int[cols];
    this.trains = new PulseTrains(bl, rng);
  }

  /**
   * Applies {@code W += η·δ·xᵀ}: cell (r, c) by {@code η·δ_c·x_r} network weight units.
   *
   * @param x the {@code rows} inputs of the forward pass, from {@code xOff}
   * @param delta the {@code cols} errors, from {@code dOff}, signed so that {@code +η·δ·xᵀ} is the
   *     wanted change (for gradient descent pass {@code δ = −∂loss/∂y})
   * @param learningRate η, finite
   */
  public void apply(float[] x, int xOff, float[] delta, int dOff, float learningRate) {
    checkSpan("x", x, xOff, rows);
    checkSpan("delta", delta, dOff, cols);
    checkFinite("learningRate", learningRate);
    float xMax = maxAbsFinite(x, xOff, rows, "x");
    float dMax = maxAbsFinite(delta, dOff, cols, "delta");
    counter.add(Event.UPDATES, 1);
    if (xMax == 0 || dMax == 0 || learningRate == 0) return;
    if (update.encoding() == PulseEncoding.EXACT) {
      double perInput = learningRate / weightUnitsPerMicroSiemens;
      int nr = Checks.nonzeroIndices(x, xOff, rows, lineIndex);
      for (int c = 0; c < cols; c++) {
        float d = delta[dOff + c];
        if (d != 0f) cells.addExact(c, x, xOff, lineIndex, nr, perInput * d, weights.values(), weightUnitsPerMicroSiemens);
      }
      return;
    }
    pulsedUpdate(x, xOff, delta, dOff, learningRate, xMax, dMax);
  }

  private void pulsedUpdate(float[] x, int xOff, float[] delta, int dOff, float learningRate, float xMax, float dMax) {
    final boolean stochastic = update.encoding() == PulseEncoding.STOCHASTIC;
    double product = Math.abs((double) learningRate) * xMax * dMax;
    double weightPerPulse = weightUnitsPerMicroSiemens * cells.updateStepMicroSiemens();
    // With BL management only as many slots as the largest wanted pulse count needs (aihwkit).
    final int bl = update.bitLengthManagement()
        ? (int) Math.min(update.bitLength(), Math.max(1, Math.ceil(product / weightPerPulse))) : update.bitLength();
    final long slots = bl == 64 ? -1L : (1L << bl) - 1;
    // K: the largest wanted pulse count divided by BL; both trains get √K of the share.
    double k = product / (weightPerPulse * bl);
    double root = Math.sqrt(k);
    double rowScale = root / xMax;
    double colScale = root / dMax;
    boolean negativeRate = learningRate < 0;
    long saturated = 0;

    // Row trains of the rows with x ≠ 0, ascending.
    int nr = 0;
    for (int r = 0; r < rows; r++) {
      float v = x[xOff + r];
      if (v == 0f) continue;
      double p = Math.abs(v) * rowScale;
      if (p > 1) {
        p = 1;
        saturated++;
      }
      lineIndex[nr] = r;
      lineP[nr++] = p;
      rowSign[r] = (v < 0) != negativeRate ? -1 : 0;
    }
    if (stochastic) {
      trains.stochastic(lineP, nr, lineTrain);
      if (bl < update.bitLength()) for (int i = 0; i < nr; i++) lineTrain[i] &= slots;
    } else {
      for (int i = 0; i < nr; i++) lineTrain[i] = trains.deterministicRow(lineP[i]);
    }
    // The rows that fire in each slot, ascending (one bucket of capacity `rows` per slot).
    long rowPulses = 0;
    final int[] perSlot = slotCount;
    final int[] slotList = slotRows;
    Arrays.fill(perSlot, 0);
    for (int i = 0; i < nr; i++) {
      long train = lineTrain[i];
      int r = lineIndex[i];
      rowTrain[r] = train;
      rowPulses += Long.bitCount(train);
      for (long b = train; b != 0; b &= b - 1) {
        int t = Long.numberOfTrailingZeros(b);
        slotList[t * rows + perSlot[t]++] = r;
      }
    }

    // Column trains of the columns with δ ≠ 0 (the row scratch is free again). They are driven
    // (and counted) even when no row fires.
    int nc = 0;
    for (int c = 0; c < cols; c++) {
      float d = delta[dOff + c];
      if (d == 0f) continue;
      double p = Math.abs(d) * colScale;
      if (p > 1) {
        p = 1;
        saturated++;
      }
      lineIndex[nc] = c;
      lineP[nc++] = p;
    }
    if (stochastic) {
      trains.stochastic(lineP, nc, lineTrain);
      if (bl < update.bitLength()) for (int i = 0; i < nc; i++) lineTrain[i] &= slots;
    } else {
      for (int i = 0; i < nc; i++) lineTrain[i] = trains.deterministicColumn(lineP[i]);
    }
    long colPulses = 0;
    int m = 0;
    int columnCount = 0;
    for (int j = 0; j < nc; j++) {
      long colTrain = lineTrain[j];
      if (colTrain == 0) continue;
      colPulses += Long.bitCount(colTrain);
      if (rowPulses == 0) continue;
      int c = lineIndex[j];
      boolean colNegative = delta[dOff + c] < 0;
      // A cell's pulses are the slots where its row and its column both fire: bitCount(row train &
      // column train). The cells are listed at their first common slot, slots ascending, rows
      // ascending within a slot.
      if (pulseRows.length <= m + rows) growPulseList(m + rows + 1);
      final int start = m;
      final int[] listRows = pulseRows;
      final int[] listCounts = pulseCounts;
      final int colSign = colNegative ? -1 : 0;
      for (long b = colTrain; b != 0; b &= b - 1) {
        int t = Long.numberOfTrailingZeros(b);
        long earlier = colTrain & ((b & -b) - 1); // the column's slots before t
        for (int i = t * rows, end = i + perSlot[t]; i < end; i++) {
          int r = slotRows[i];
          long rt = rowTrain[r];
          int n = Long.bitCount(rt & colTrain);
          // Written always, kept only if not listed at an earlier slot: the test is random, and
          // a branch on it mispredicts; the next cell overwrites a dropped one. `earlier` holds
          // slots below t ≤ 63, never bit 63, so rt & earlier ≥ 0 and (it − 1) >>> 63 is 1 iff it is 0.
          int sign = rowSign[r] ^ colSign; // −1 when the two signs differ
          listRows[m] = r;
          listCounts[m] = (n ^ sign) - sign;
          m += (int) (((rt & earlier) - 1) >>> 63);
        }
      }
      if (m == start) continue;
      pulseColumns[columnCount] = c;
      pulseColumnEnd[columnCount++] = m;
    }
    if (columnCount > 0) {
      cells.applyPulses(pulseColumns, pulseColumnEnd, columnCount, pulseRows, pulseCounts, weights.values(),
          weightUnitsPerMicroSiemens, counter);
    }
    counter.add(Event.UPDATE_ROW_PULSES, rowPulses);
    counter.add(Event.UPDATE_COLUMN_PULSES, colPulses);
    counter.add(Event.UPDATE_SATURATED_TRAINS, saturated);
  }

  private void growPulseList(int capacity) {
    int n = Math.min(Math.max(capacity, 2 * pulseRows.length), Math.multiplyExact(rows, cols) + 1);
    pulseRows = Arrays.copyOf(pulseRows, n);
    pulseCounts = Arrays.copyOf(pulseCounts, n);
  }
}
