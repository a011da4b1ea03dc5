package org.aimc.crossbar.periphery;

import static org.aimc.crossbar.cells.Checks.checkFinite;
import static org.aimc.crossbar.cells.Checks.checkSpan;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.EffectiveWeights;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * A tile's analog matrix-vector products: forward ({@code W·x}: inputs drive the rows, the columns
 * are sensed) and backward ({@code Wᵀ·δ}: the columns are driven, the rows sensed), each through its
 * {@link PeripheryPath} (DAC, output noise, IR drop, ADC) and with the cells' own read noise. The
 * MVM itself is one {@link MvmKernel} call on the {@link EffectiveWeights}; a path that is ideal and
 * has no read noise skips the converters. Counts the MVMs, cell operations and conversions.
 *
 * <p>The cells' line read-noise variances (normalised weight units²) are as of the last
 * {@link #refreshReadNoise()}: the clock refreshes them with the cache. Not thread-safe.
 */
public final class MvmPath {
  /** The most vectors of one {@link #forwardAddBatch} call. */
  public static final int MAX_BATCH = 16;

  private final int rows;
  private final int cols;
  private final CellArray cells;
  private final float[] cache;
  /** Network weight units per normalised weight unit: the periphery's output scale. */
  private final double outputUnit;
  private final MvmKernel kernel;
  private final PeripheryPath forwardPath;
  private final PeripheryPath backwardPath;
  /** Per column (forward outputs) and row (backward outputs); null for cells without read noise. */
  private final double[] columnReadVariance;
  private final double[] rowReadVariance;
  private final EventCounter counter;
  /** Ziggurat Gaussian over the tile's noise stream; holds no state of its own. */
  private final ContinuousSampler gaussian;
  // scratch, sized once
  private final float[] inBuf;
  private final float[] outBuf;
  /** Scratch of {@link #forwardAddBatch}, made on its first call: encoded inputs, raw outputs, α and ‖x̂‖² per vector. */
  private float[] inBatch;
  private float[] outBatch;
  private double[] alphaBatch;
  private double[] normBatch;

  /**
   * @param physicalRows physical rows of the tile (the backward path's driven line)
   * @param physicalCols physical columns (the forward path's driven line)
   * @param gaussian the tile's noise stream, as a normal sampler
   */
  public MvmPath(CellArray cells, EffectiveWeights weights, PeripheryConfig forward, PeripheryConfig backward,
      int physicalRows, int physicalCols, MvmKernel kernel, ContinuousSampler gaussian, EventCounter counter) {
    this.rows = cells.rows();
    this.cols = cells.cols();
    this.cells = cells;
    this.cache = weights.values();
    this.outputUnit = weights.unitsPerMicroSiemens() * cells.maxWeightMicroSiemens();
    this.kernel = kernel;
    // Forward drives rows, whose cells are the columns; backward drives columns of physicalRows cells.
    this.forwardPath = new PeripheryPath(forward, rows, cols, physicalCols, cells.maxWeightMicroSiemens());
    this.backwardPath = new PeripheryPath(backward, cols, rows, physicalRows, cells.maxWeightMicroSiemens());
    double[] colVar = new double[cols];
    double[] rowVar = new double[rows];
    boolean noisy = cells.lineReadVariancesMicroS2(colVar, rowVar);
    this.columnReadVariance = noisy ? colVar : null;
    this.rowReadVariance = noisy ? rowVar : null;
    this.gaussian = gaussian;
    this.counter = counter;
    int n = Math.max(rows, cols);
    this.inBuf = new float[n];
    this.outBuf = new float[n];
    refreshReadNoise();
  }

  /** Forward MVM: adds the digitised {@code W·x} into {@code y[yOff..yOff+cols)}; see {@code Tile.forwardAdd}. */
  public void forwardAdd(float[] x, int xOff, float[] y, int yOff) {
    checkSpan("x", x, xOff, rows);
    checkSpan("y", y, yOff, cols);
    count(Event.FORWARD_MVMS, rows, cols);
    if (forwardPath.ideal && columnReadVariance == null) {
      checkFinite(x, xOff, rows, "x");
      kernel.gemv(cache, 0, cols, rows, x, xOff, outBuf, 0);
      for (int j = 0; j < cols; j++) y[yOff + j] += outBuf[j];
      return;
    }
    double alpha = forwardPath.encode(x, xOff, inBuf, "x", counter);
    kernel.gemv(cache, 0, cols, rows, inBuf, 0, outBuf, 0);
    forwardPath.decodeAdd(outBuf, y, yOff, outputUnit, alpha, counter, gaussian, columnReadVariance);
  }

  /**
   * {@link #forwardAdd} of {@code count} vectors ({@code count ≤} {@link #MAX_BATCH}): x_b from
   * {@code xOff + b·xStride}, its outputs added into {@code y} from {@code yOff + b·yStride}. The
   * same numbers, noise draws and event counts as {@code count} forwardAdd calls in order (the
   * tile's noise stream serves the vectors in order; one MVM kernel call for all of them keeps a
   * block of the weights in cache while every vector passes): inference over a data set.
   */
  public void forwardAddBatch(float[] x, int xOff, int xStride, int count, float[] y, int yOff, int yStride) {
    if (count < 1 || count > MAX_BATCH) throw new IllegalArgumentException("count = " + count + " is outside [1, " + MAX_BATCH + "]");
    for (int b = 0; b < count; b++) {
      checkSpan("x", x, xOff + b * xStride, rows);
      checkSpan("y", y, yOff + b * yStride, cols);
    }
    if (inBatch == null) {
      inBatch = new float[MAX_BATCH * rows];
      outBatch = new float[MAX_BATCH * cols];
      alphaBatch = new double[MAX_BATCH];
      normBatch = new double[MAX_BATCH];
    }
    for (int b = 0; b < count; b++) count(Event.FORWARD_MVMS, rows, cols);
    boolean ideal = forwardPath.ideal && columnReadVariance == null;
    for (int b = 0; b < count; b++) {
      if (ideal) {
        checkFinite(x, xOff + b * xStride, rows, "x");
        System.arraycopy(x, xOff + b * xStride, inBatch, b * rows, rows);
      } else {
        alphaBatch[b] = forwardPath.encode(x, xOff + b * xStride, inBatch, b * rows, "x", counter);
        normBatch[b] = forwardPath.lastNormSquared();
      }
    }
    kernel.gemvBatch(cache, 0, cols, rows, inBatch, 0, outBatch, 0, count);
    for (int b = 0; b < count; b++) {
      int yb = yOff + b * yStride;
      if (ideal) {
        for (int j = 0; j < cols; j++) y[yb + j] += outBatch[b * cols + j];
      } else {
        forwardPath.decodeAdd(outBatch, b * cols, y, yb, outputUnit, alphaBatch[b], normBatch[b], counter, gaussian,
            columnReadVariance);
      }
    }
  }

  /** Backward MVM: adds the digitised {@code Wᵀ·δ} into {@code z[zOff..zOff+rows)}; see {@code Tile.backwardAdd}. */
  public void backwardAdd(float[] delta, int dOff, float[] z, int zOff) {
    checkSpan("delta", delta, dOff, cols);
    checkSpan("z", z, zOff, rows);
    count(Event.BACKWARD_MVMS, cols, rows);
    if (backwardPath.ideal && rowReadVariance == null) {
      checkFinite(delta, dOff, cols, "delta");
      kernel.gemvTransposed(cache, 0, cols, rows, delta, dOff, outBuf, 0);
      for (int i = 0; i < rows; i++) z[zOff + i] += outBuf[i];
      return;
    }
    double alpha = backwardPath.encode(delta, dOff, inBuf, "delta", counter);
    kernel.gemvTransposed(cache, 0, cols, rows, inBuf, 0, outBuf, 0);
    backwardPath.decodeAdd(outBuf, z, zOff, outputUnit, alpha, counter, gaussian, rowReadVariance);
  }

  private void count(Event mvm, int driven, int sensed) {
    counter.add(mvm, 1);
    counter.add(Event.MVM_CELL_OPERATIONS, (long) rows * cols);
    counter.add(Event.DAC_CONVERSIONS, driven);
    counter.add(Event.ADC_CONVERSIONS, sensed);
  }

  /** Takes the cells' present line read-noise variances, in normalised weight units² (see {@link PeripheryConfig}). */
  public void refreshReadNoise() {
    if (columnReadVariance == null) return;
    cells.lineReadVariancesMicroS2(columnReadVariance, rowReadVariance);
    double inv = 1.0 / (cells.maxWeightMicroSiemens() * cells.maxWeightMicroSiemens());
    for (int c = 0; c < cols; c++) columnReadVariance[c] *= inv;
    for (int r = 0; r < rows; r++) rowReadVariance[r] *= inv;
  }

  /**
   * The line read-noise variances per column and per row (live arrays, for checkpoints: they are as
   * of the last {@link #refreshReadNoise}, not a function of the devices now); null without read noise.
   */
  public double[] columnReadVariance() {
    return columnReadVariance;
  }

  /** See {@link #columnReadVariance()}. */
  public double[] rowReadVariance() {
    return rowReadVariance;
  }

  /** The MVM kernel in use. */
  public MvmKernel kernel() {
    return kernel;
  }
}
