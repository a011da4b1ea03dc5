package org.aimc.crossbar;

import java.util.Locale;
import java.util.SplittableRandom;
import org.aimc.devices.StateIo;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * One crossbar tile: a physical array of {@code physicalRows × physicalCols} cells, of which a
 * block of {@code rows × cols} is used by a layer, with its periphery, its update circuit and its
 * event counters. Inputs of the forward pass drive the rows (word lines) and outputs are sensed on
 * the columns (bit lines); the backward pass drives the columns and senses the rows. A column is
 * one output neuron's weights; it has one {@code g_shared} and one polarity in hybrid cells.
 *
 * <p>Device state is allocated for the used block only: unused cells are RESET, carry no current and
 * cost nothing to emulate; the physical size still bounds the block and is what an area model counts.
 *
 * <h2>Speed</h2>
 * MVMs run on an <b>effective-weight cache</b>: a {@code float[cols·rows]} holding
 * {@code weightUnitsPerMicroSiemens·W} of every used cell, row-major in the mathematical sense
 * (output c's weights at {@code [c·rows, (c+1)·rows)}). Updates and programming refresh the cells
 * they touch; leakage and drift enter only when the trainer's clock calls {@link #advanceTo}, which
 * recomputes the whole cache. The MVM itself is one {@link MvmKernel} call. The pulsed update
 * costs time in proportion to its pulses: it lists the rows firing in each time slot once, walks
 * each column's slots, and hands a column's cells to the devices in one call.
 *
 * <h2>Randomness</h2>
 * Two streams derived from the tile's seed: one for read/output noise, one for stochastic pulse
 * trains (so switching noise off leaves the update's random numbers unchanged). The cells draw
 * from their own streams. Same seed and same calls ⇒ same numbers.
 *
 * <p>Not thread-safe: one thread uses a tile at a time.
 */
public final class Tile {
  private final int physicalRows;
  private final int physicalCols;
  private final int rows;
  private final int cols;
  private final CellArray cells;
  private final double weightUnitsPerMicroSiemens;
  /** Network weight units per normalised weight unit: the periphery's output scale. */
  private final double outputUnit;
  private final float[] cache;
  private final MvmKernel kernel;
  private final PeripheryPath forwardPath;
  private final PeripheryPath backwardPath;
  /**
   * The cells' read noise along each column (forward outputs) and row (backward outputs), normalised
   * weight units², refreshed with the cache when the clock advances; null for cells without read noise.
   */
  private final double[] columnReadVariance;
  private final double[] rowReadVariance;
  private final UpdateConfig update;
  private final EventCounter counter = new EventCounter();
  private final SlowestCell slowest = new SlowestCell();
  /** The seed of the tile's own streams (checked when a checkpoint is restored). */
  private final long seed;
  /** Ziggurat Gaussian over {@link #noiseRng}; holds no state of its own. */
  private final ContinuousSampler gaussian;
  private final RestorableUniformRandomProvider noiseRng;
  private final RestorableUniformRandomProvider updateRng;

  // scratch, sized once
  private final float[] inBuf;
  private final float[] outBuf;
  /** Sign of each row's update (true: the pulses lower the weight before the column's sign). */
  private final boolean[] rowNegative;
  /** Rows firing in slot t: {@code slotRows[t·rows .. t·rows + slotCount[t])}, ascending. */
  private final int[] slotCount;
  private final int[] slotRows;
  /** Each firing row's train, by row (only read for rows that fire in this update). */
  private final long[] rowTrain;
  /** Scratch of one update: indices, firing fractions and trains of the lines that carry a signal. */
  private final int[] lineIndex;
  private final double[] lineP;
  private final long[] lineTrain;
  private final PulseTrains trains;
  /** Scratch of {@link #forwardAddBatch}, made on its first call: encoded inputs, raw outputs, α and ‖x̂‖² per vector. */
  private float[] inBatch;
  private float[] outBatch;
  private double[] alphaBatch;
  private double[] normBatch;
  /**
   * The update's cells with pulses, all columns: rows and signed counts, column by column (ends in
   * {@link #pulseColumnEnd}); grown as needed, at most {@code rows·cols}.
   */
  private int[] pulseRows;
  private int[] pulseCounts;
  private final int[] pulseColumns;
  private final int[] pulseColumnEnd;

  /**
   * A tile from a configuration: the cells are built by the config's {@link CellLayout}.
   *
   * @param rows rows used, 1..{@code config.rows()}
   * @param cols columns used, 1..{@code config.cols()}
   * @param weightUnitsPerMicroSiemens the layer's weight scale: network weight = this × W(µS)
   * @param seed seed of the tile's random streams and its cells'
   */
  public static Tile create(TileConfig config, int rows, int cols, double weightUnitsPerMicroSiemens, long seed) {
    return create(config, rows, cols, weightUnitsPerMicroSiemens, seed, MvmKernels.preferred());
  }

  /** As {@link #create(TileConfig, int, int, double, long)} with a chosen MVM kernel. */
  public static Tile create(TileConfig config, int rows, int cols, double weightUnitsPerMicroSiemens, long seed,
      MvmKernel kernel) {
    checkBlock(config.rows(), config.cols(), rows, cols);
    SplittableRandom seeds = new SplittableRandom(seed);
    long tileSeed = seeds.nextLong();
    CellArray cells = config.layout().create(config, rows, cols, seeds.nextLong());
    return new Tile(config.rows(), config.cols(), cells, config.forward(), config.backward(), config.update(),
        weightUnitsPerMicroSiemens, tileSeed, kernel);
  }

  /**
   * A tile over any cell layout (for layouts that {@link CellLayout} does not name).
   *
   * @param physicalRows physical rows of the array, ≥ {@code cells.rows()}
   * @param physicalCols physical columns, ≥ {@code cells.cols()}
   */
  public Tile(int physicalRows, int physicalCols, CellArray cells, PeripheryConfig forward, PeripheryConfig backward,
      UpdateConfig update, double weightUnitsPerMicroSiemens, long seed, MvmKernel kernel) {
    checkBlock(physicalRows, physicalCols, cells.rows(), cells.cols());
    if (!(weightUnitsPerMicroSiemens > 0 && weightUnitsPerMicroSiemens < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weightUnitsPerMicroSiemens must be finite and > 0, got " + weightUnitsPerMicroSiemens);
    }
    if (update.encoding() == PulseEncoding.EXACT && !cells.supportsExactUpdate()) {
      throw new IllegalArgumentException("the EXACT update encoding needs ideal cells, but the layout is " + cells.layoutName());
    }
    this.physicalRows = physicalRows;
    this.physicalCols = physicalCols;
    this.rows = cells.rows();
    this.cols = cells.cols();
    this.cells = cells;
    this.weightUnitsPerMicroSiemens = weightUnitsPerMicroSiemens;
    this.outputUnit = weightUnitsPerMicroSiemens * cells.maxWeightMicroSiemens();
    this.kernel = kernel;
    // Forward drives rows, whose cells are the columns; backward drives columns of physicalRows cells.
    this.forwardPath = new PeripheryPath(forward, rows, cols, physicalCols, cells.maxWeightMicroSiemens());
    this.backwardPath = new PeripheryPath(backward, cols, rows, physicalRows, cells.maxWeightMicroSiemens());
    double[] colVar = new double[cols];
    double[] rowVar = new double[rows];
    boolean noisy = cells.lineReadVariancesMicroS2(colVar, rowVar);
    this.columnReadVariance = noisy ? colVar : null;
    this.rowReadVariance = noisy ? rowVar : null;
    this.update = update;
    this.seed = seed;
    SplittableRandom seeds = new SplittableRandom(seed);
    this.noiseRng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong());
    this.gaussian = ZigguratSampler.NormalizedGaussian.of(noiseRng);
    this.updateRng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong());
    this.cache = new float[rows * cols];
    int n = Math.max(rows, cols);
    this.inBuf = new float[n];
    this.outBuf = new float[n];
    int bl = update.bitLength();
    this.rowNegative = new boolean[rows];
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
    this.trains = new PulseTrains(bl, updateRng);
    cells.writeWeights(cache, weightUnitsPerMicroSiemens);
    refreshReadNoise();
  }

  // ---------------------------------------------------------------- MVMs

  /**
   * Forward MVM through the periphery: adds the digitised {@code W·x} of this tile into
   * {@code y[yOff..yOff+cols)} (a layer sums the partial results of its tiles digitally).
   *
   * @param x {@code rows} inputs from {@code xOff}, network units
   * @throws IllegalArgumentException if an array is too short or an input is NaN or infinite
   */
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

  /** The most vectors of one {@link #forwardAddBatch} call. */
  public static final int MAX_BATCH = 16;

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

  /**
   * Backward MVM through the periphery: adds the digitised {@code Wᵀ·δ} of this tile into
   * {@code z[zOff..zOff+rows)}.
   *
   * @param delta {@code cols} errors from {@code dOff}
   */
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

  // ---------------------------------------------------------------- update

  /**
   * The parallel rank-1 update {@code W += η·δ·xᵀ} (cell (r, c) by {@code η·δ_c·x_r} network weight
   * units), applied in the array as the config's pulse trains (see {@link PulseEncoding}); hybrid
   * cells receive it in their capacitors only. With the EXACT encoding (ideal cells) the float outer
   * product is added instead.
   *
   * @param x the {@code rows} inputs of the forward pass, from {@code xOff}
   * @param delta the {@code cols} errors, from {@code dOff}, signed so that {@code +η·δ·xᵀ} is the
   *     wanted change (for gradient descent pass {@code δ = −∂loss/∂y})
   * @param learningRate η, finite
   */
  public void update(float[] x, int xOff, float[] delta, int dOff, float learningRate) {
    checkSpan("x", x, xOff, rows);
    checkSpan("delta", delta, dOff, cols);
    checkFinite("learningRate", learningRate);
    float xMax = maxAbsFinite(x, xOff, rows, "x");
    float dMax = maxAbsFinite(delta, dOff, cols, "delta");
    counter.add(Event.UPDATES, 1);
    if (xMax == 0 || dMax == 0 || learningRate == 0) return;
    if (update.encoding() == PulseEncoding.EXACT) {
      double perInput = learningRate / weightUnitsPerMicroSiemens;
      for (int c = 0; c < cols; c++) {
        float d = delta[dOff + c];
        if (d != 0f) cells.addExact(c, x, xOff, perInput * d, cache, weightUnitsPerMicroSiemens);
      }
      return;
    }
    pulsedUpdate(x, xOff, delta, dOff, learningRate, xMax, dMax);
  }

  private void pulsedUpdate(float[] x, int xOff, float[] delta, int dOff, float learningRate, float xMax, float dMax) {
    final int bl = update.bitLength();
    final boolean stochastic = update.encoding() == PulseEncoding.STOCHASTIC;
    // K: the largest wanted pulse count divided by BL; both trains get √K of the share.
    double k = Math.abs((double) learningRate) * xMax * dMax
        / (weightUnitsPerMicroSiemens * cells.updateStepMicroSiemens() * bl);
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
      rowNegative[r] = (v < 0) != negativeRate;
    }
    if (stochastic) {
      trains.stochastic(lineP, nr, lineTrain);
    } else {
      for (int i = 0; i < nr; i++) lineTrain[i] = trains.deterministicRow(lineP[i]);
    }
    // The rows that fire in each slot, ascending (one bucket of capacity `rows` per slot).
    long rowPulses = 0;
    final int[] perSlot = slotCount;
    final int[] slotList = slotRows;
    java.util.Arrays.fill(perSlot, 0);
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
      if (pulseRows.length < m + rows) growPulseList(m + rows);
      final int start = m;
      for (long b = colTrain; b != 0; b &= b - 1) {
        int t = Long.numberOfTrailingZeros(b);
        long earlier = colTrain & ((b & -b) - 1); // the column's slots before t
        for (int i = t * rows, end = i + perSlot[t]; i < end; i++) {
          int r = slotRows[i];
          long rt = rowTrain[r];
          if ((rt & earlier) != 0) continue; // listed at an earlier slot
          int n = Long.bitCount(rt & colTrain);
          pulseRows[m] = r;
          pulseCounts[m++] = rowNegative[r] != colNegative ? -n : n;
        }
      }
      if (m == start) continue;
      pulseColumns[columnCount] = c;
      pulseColumnEnd[columnCount++] = m;
    }
    if (columnCount > 0) {
      cells.applyPulses(pulseColumns, pulseColumnEnd, columnCount, pulseRows, pulseCounts, cache, weightUnitsPerMicroSiemens,
          counter);
    }
    counter.add(Event.UPDATE_ROW_PULSES, rowPulses);
    counter.add(Event.UPDATE_COLUMN_PULSES, colPulses);
    counter.add(Event.UPDATE_SATURATED_TRAINS, saturated);
  }

  private void growPulseList(int capacity) {
    int n = Math.min(Math.max(capacity, 2 * pulseRows.length), Math.multiplyExact(rows, cols));
    pulseRows = java.util.Arrays.copyOf(pulseRows, n);
    pulseCounts = java.util.Arrays.copyOf(pulseCounts, n);
  }

  // ---------------------------------------------------------------- clock, weights

  /** Moves the devices to time t (leakage, drift) and recomputes the effective-weight cache. */
  public void advanceTo(double timeSeconds) {
    cells.advanceTo(timeSeconds);
    cells.writeWeights(cache, weightUnitsPerMicroSiemens);
    refreshReadNoise();
  }

  /** The cells' line read-noise variances, in normalised weight units² (see {@link PeripheryConfig}). */
  private void refreshReadNoise() {
    if (columnReadVariance == null) return;
    cells.lineReadVariancesMicroS2(columnReadVariance, rowReadVariance);
    double inv = 1.0 / (cells.maxWeightMicroSiemens() * cells.maxWeightMicroSiemens());
    for (int c = 0; c < cols; c++) columnReadVariance[c] *= inv;
    for (int r = 0; r < rows; r++) rowReadVariance[r] *= inv;
  }

  /** Recomputes the cache from the devices without moving time. */
  public void refresh() {
    cells.writeWeights(cache, weightUnitsPerMicroSiemens);
  }

  /** The device time, seconds. */
  public double timeSeconds() {
    return cells.timeSeconds();
  }

  /** Copies the cached effective weights (network units; output c's weights at {@code c·rows}) into dst. */
  public void copyWeights(float[] dst, int dstOff) {
    checkSpan("dst", dst, dstOff, cache.length);
    System.arraycopy(cache, 0, dst, dstOff, cache.length);
  }

  /** The cached effective weight of a cell, network units. */
  public float weight(int row, int col) {
    checkCell(row, col);
    return cache[col * rows + row];
  }

  /** Programs one cell toward a weight in µS (initialisation); see {@link CellArray#programWeight}. */
  public void programWeightMicroSiemens(int row, int col, double targetMicroSiemens) {
    checkCell(row, col);
    checkFinite("target weight (µS)", targetMicroSiemens);
    cells.programWeight(row, col, targetMicroSiemens, counter);
    cache[col * rows + row] = (float) (weightUnitsPerMicroSiemens * cells.weightMicroSiemens(row, col));
  }

  // ---------------------------------------------------------------- transfer primitives

  /** Reads one column's weights as the hardware would (device read noise), µS, into {@code dst[off..off+rows)}. */
  public void readColumnMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.readWeightMicroSiemens(r, col, counter);
  }

  /** One column's PCM parts {@code F·(G⁺ − G⁻)} now (noise-free), µS. */
  public void readColumnPcmMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.pcmWeightMicroSiemens(r, col);
  }

  /** One column's capacitor parts {@code s·(g − g_shared)} now (noise-free), µS. */
  public void readColumnCapacitorMicroSiemens(int col, double[] dst, int off) {
    checkColumn(col, dst, off);
    for (int r = 0; r < rows; r++) dst[off + r] = cells.capacitorWeightMicroSiemens(r, col);
  }

  /**
   * Programs the PCM pairs of one column by closed-loop tuning toward targets {@code F·(G⁺ − G⁻)},
   * µS, from {@code targets[off..off+rows)}; out-of-range targets are clipped and counted; a target
   * of exactly 0 RESETs both devices.
   */
  public void programColumnPcm(int col, double[] targetsMicroSiemens, int off) {
    checkColumn(col, targetsMicroSiemens, off);
    for (int r = 0; r < rows; r++) checkFinite("PCM target of row " + r, targetsMicroSiemens[off + r]);
    cells.beginColumnProgramming(col); // the whole column is programmed now: its drift gain restarts
    slowest.begin();
    for (int r = 0; r < rows; r++) slowest.program(cells, r, col, targetsMicroSiemens[off + r], counter);
    slowest.end(counter);
    refreshColumn(col);
  }

  /**
   * The latencies that rank the cells of a column being programmed, to find the slowest (the one
   * the column waits for: {@link Event#TRANSFER_SLOWEST_SET_PULSES}); {@link ProgrammingLatencies#UNIT} until set.
   */
  public void timeProgrammingBy(ProgrammingLatencies latencies) {
    slowest.timeBy(latencies);
  }

  /** Re-initialises the capacitors of one column and its g_shared to the reset voltage. */
  public void reinitializeColumnCapacitors(int col) {
    checkCol(col);
    cells.reinitializeCapacitors(col, counter);
    refreshColumn(col);
  }

  /** Flips the polarity s of one column. */
  public void flipPolarity(int col) {
    checkCol(col);
    cells.flipPolarity(col, counter);
    refreshColumn(col);
  }

  /** The polarity s = ±1 of one column. */
  public int polarity(int col) {
    checkCol(col);
    return cells.polarity(col);
  }

  /** As {@link #transferColumn(int, double, boolean, boolean, boolean)} with g left to training (no open-loop pulses). */
  public void transferColumn(int col, double offsetMicroSiemens, boolean flipPolarity, boolean carryTuningResidual) {
    transferColumn(col, offsetMicroSiemens, flipPolarity, carryTuningResidual, false);
  }

  /**
   * One column's transfer (Ambrogio et al., Nature 558, 2018). Hybrid cells: read each weight as
   * the hardware does (device read noise), re-initialise the capacitors and g_shared, flip the
   * polarity if asked, then program each PCM pair toward
   * {@code W − s·[g(0.5 V) − g_shared(0.5 V)] − s·offset} (paper: the target is lowered by the
   * offset, 2 µS, so that PCM programming errors land on the side that g, small at 0.5 V and with
   * room mainly upward, can correct). That the offset follows the polarity s (s·(g − g_shared) is
   * what g adds to the weight, so "upward for g" is the sign s) is our <b>inference</b>. If the
   * target before the offset is on g's side but below the offset ({@code 0 < s·target < offset}:
   * "positive but below the offset"), both PCM devices are RESET instead and g is left to carry it.
   * The weight after the transfer is then short of the read weight by {@code s·offset} (or by the
   * whole small target) plus the tuning error: g takes that up through training (the default, one
   * reading of the paper's "g corrects") or, with {@code openLoopResidual}, at once by open-loop
   * pulses of the nominal step (the other reading). With {@code carryTuningResidual} (our own
   * idea, off in ambrogio2018) every programmed pair is read once more and g is also pulsed to carry
   * what closed-loop tuning left of its target. PCM-pair cells have no capacitor: each pair is read
   * and re-programmed to its weight (the occasional refresh of Burr et al. 2015; no offset). Counts
   * one {@link Event#TRANSFERS}.
   *
   * @throws UnsupportedOperationException for layouts without PCM
   */
  public void transferColumn(int col, double offsetMicroSiemens, boolean flipPolarity, boolean carryTuningResidual,
      boolean openLoopResidual) {
    checkCol(col);
    if (!(offsetMicroSiemens >= 0)) throw new IllegalArgumentException("offsetMicroSiemens must be >= 0, got " + offsetMicroSiemens);
    double[] weight = new double[rows];
    double range = cells.maxWeightMicroSiemens(); // the periphery reads weights within ± its range
    for (int r = 0; r < rows; r++) {
      double w = cells.readWeightMicroSiemens(r, col, counter);
      if (Math.abs(w) > range) {
        w = Math.copySign(range, w);
        counter.add(Event.WEIGHTS_CLIPPED, 1);
      }
      weight[r] = w;
    }
    cells.beginColumnProgramming(col);
    slowest.begin();
    if (cells.hasCapacitor()) {
      cells.reinitializeCapacitors(col, counter);
      if (flipPolarity) cells.flipPolarity(col, counter);
      int s = cells.polarity(col);
      int[] residualRows = new int[rows];
      int[] residualPulses = new int[rows];
      int n = 0;
      double step = cells.updateStepMicroSiemens();
      for (int r = 0; r < rows; r++) {
        double target = weight[r] - cells.capacitorWeightMicroSiemens(r, col);
        double left; // what the PCM was not asked to hold, µS
        if (s * target > 0 && s * target < offsetMicroSiemens) {
          slowest.program(cells, r, col, 0.0, counter);
          left = target;
        } else {
          slowest.program(cells, r, col, target - s * offsetMicroSiemens, counter);
          left = s * offsetMicroSiemens;
        }
        double carried = openLoopResidual ? left : 0.0; // what g must carry now, µS
        if (carryTuningResidual) carried += weight[r] - cells.readWeightMicroSiemens(r, col, counter) - left;
        int pulses = (int) Math.round(carried / step);
        if (pulses != 0) {
          residualRows[n] = r;
          residualPulses[n++] = pulses;
        }
      }
      refreshColumn(col);
      if (n > 0) {
        cells.applyPulses(new int[] {col}, new int[] {n}, 1, residualRows, residualPulses, cache, weightUnitsPerMicroSiemens,
            counter);
      }
    } else {
      for (int r = 0; r < rows; r++) slowest.program(cells, r, col, weight[r], counter);
      if (flipPolarity) throw new IllegalArgumentException(cells.layoutName() + " cells have no polarity to flip");
      refreshColumn(col);
    }
    slowest.end(counter);
    counter.add(Event.TRANSFERS, 1);
  }

  private void refreshColumn(int col) {
    int base = col * rows;
    for (int r = 0; r < rows; r++) cache[base + r] = (float) (weightUnitsPerMicroSiemens * cells.weightMicroSiemens(r, col));
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes the tile's state so that a tile built with the same config, shape and seed continues,
   * after {@link #readState}, with the same numbers bit for bit: shape, seed and cell layout (checked
   * on reading), the event counts, the states of the noise and update streams, the effective-weight
   * cache (saved because updates refresh it incrementally in float, so it is not a function of the
   * devices) and the cells' state ({@link CellArray#writeState}). The samplers and scratch arrays
   * hold nothing between calls.
   *
   * @throws UnsupportedOperationException if the cell layout does not implement checkpoints
   */
  public void writeState(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeLong(seed);
    out.writeUTF(cells.layoutName());
    long[] counts = counter.snapshot().values();
    out.writeInt(counts.length);
    for (long v : counts) out.writeLong(v);
    StateIo.writeRng(out, noiseRng);
    StateIo.writeRng(out, updateRng);
    StateIo.writeFloats(out, cache);
    // The line read-noise variances are as of the last advanceTo (programming since then does not
    // refresh them), so they are saved rather than derived.
    if (columnReadVariance != null) {
      StateIo.writeDoubles(out, columnReadVariance);
      StateIo.writeDoubles(out, rowReadVariance);
    }
    cells.writeState(out);
  }

  /**
   * Restores what {@link #writeState} wrote into a tile built with the same config, shape and seed.
   *
   * @throws java.io.IOException if the state is of another shape, seed, layout or device parameters
   *     (the message names both), or truncated ({@link java.io.EOFException}); the tile may then be
   *     partly restored and should be discarded
   */
  public void readState(java.io.DataInput in) throws java.io.IOException {
    try {
      int r = in.readInt();
      int c = in.readInt();
      long s = in.readLong();
      String layout = in.readUTF();
      if (r != rows || c != cols || s != seed || !layout.equals(cells.layoutName())) {
        throw new java.io.IOException(String.format(Locale.ROOT,
            "state of a %d×%d %s tile with seed %d does not fit this %d×%d %s tile with seed %d"
                + " (restore into a layer created with the checkpoint's config and seed)",
            r, c, layout, s, rows, cols, cells.layoutName(), seed));
      }
      int n = in.readInt();
      if (n < 0 || n > Event.all().length) {
        throw new java.io.IOException("tile state has " + n + " event counts, expected at most " + Event.all().length);
      }
      // A state written before the last events were added has fewer counts: those events read as 0.
      long[] counts = new long[Event.all().length];
      for (int i = 0; i < n; i++) counts[i] = in.readLong();
      byte[] noise = StateIo.readRngState(in, "tile noise stream");
      byte[] upd = StateIo.readRngState(in, "tile update stream");
      float[] w = new float[cache.length];
      StateIo.readFloats(in, w);
      double[] colVar = columnReadVariance == null ? null : new double[cols];
      double[] rowVar = columnReadVariance == null ? null : new double[rows];
      if (colVar != null) {
        StateIo.readDoubles(in, colVar);
        StateIo.readDoubles(in, rowVar);
      }
      cells.readState(in);
      if (colVar != null) {
        System.arraycopy(colVar, 0, columnReadVariance, 0, cols);
        System.arraycopy(rowVar, 0, rowReadVariance, 0, rows);
      }
      StateIo.restoreRng(noiseRng, noise, "tile noise stream");
      StateIo.restoreRng(updateRng, upd, "tile update stream");
      counter.set(new EventCounts(counts));
      System.arraycopy(w, 0, cache, 0, w.length);
    } catch (java.io.EOFException e) {
      java.io.EOFException t = new java.io.EOFException(String.format(Locale.ROOT,
          "state of the %d×%d %s tile with seed %d is truncated%s", rows, cols, cells.layoutName(), seed,
          e.getMessage() == null ? "" : ": " + e.getMessage()));
      t.initCause(e);
      throw t;
    }
  }

  // ---------------------------------------------------------------- accessors

  public int physicalRows() {
    return physicalRows;
  }

  public int physicalCols() {
    return physicalCols;
  }

  /** Rows used (inputs of the forward pass). */
  public int rows() {
    return rows;
  }

  /** Columns used (outputs of the forward pass). */
  public int cols() {
    return cols;
  }

  public CellArray cells() {
    return cells;
  }

  public double weightUnitsPerMicroSiemens() {
    return weightUnitsPerMicroSiemens;
  }

  /** The running event counts (live; use {@link #counts()} for a snapshot). */
  public EventCounter counter() {
    return counter;
  }

  /** A snapshot of the event counts. */
  public EventCounts counts() {
    return counter.snapshot();
  }

  /** The MVM kernel in use. */
  public MvmKernel kernel() {
    return kernel;
  }

  // ---------------------------------------------------------------- checks

  private void checkCell(int row, int col) {
    if (row < 0 || row >= rows || col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException(String.format(Locale.ROOT,
          "cell (%d, %d) is outside the used %d×%d block", row, col, rows, cols));
    }
  }

  private void checkCol(int col) {
    if (col < 0 || col >= cols) {
      throw new IndexOutOfBoundsException("column " + col + " is outside the used " + rows + "×" + cols + " block");
    }
  }

  private void checkColumn(int col, double[] a, int off) {
    checkCol(col);
    if (off < 0 || (long) off + rows > a.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "a column has %d rows, but the array of length %d from offset %d holds %d", rows, a.length, off, a.length - off));
    }
  }

  static void checkBlock(int physicalRows, int physicalCols, int rows, int cols) {
    if (physicalRows <= 0 || physicalCols <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "tile size must be at least 1×1, got %d×%d", physicalRows, physicalCols));
    }
    if (rows <= 0 || cols <= 0 || rows > physicalRows || cols > physicalCols) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "used block %d×%d must be at least 1×1 and fit the %d×%d tile", rows, cols, physicalRows, physicalCols));
    }
  }

  static void checkSpan(String name, float[] a, int off, int len) {
    if (a == null) throw new IllegalArgumentException(name + " is null");
    if (off < 0 || (long) off + len > a.length) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s needs %d elements from offset %d, but its length is %d", name, len, off, a.length));
    }
  }

  static void checkFinite(String name, double v) {
    if (!Double.isFinite(v)) throw new IllegalArgumentException(name + " must be finite, got " + v);
  }

  static void checkFinite(float[] a, int off, int len, String name) {
    for (int i = 0; i < len; i++) {
      if (!Float.isFinite(a[off + i])) throw notFinite(name, i, a[off + i]);
    }
  }

  /** The largest |a[i]|, checking every element is finite. */
  static float maxAbsFinite(float[] a, int off, int len, String name) {
    // A branch-free reduction the JIT can vectorise: Math.max carries a NaN through and an infinity
    // stays the largest, so one test at the end finds any non-finite value; only then is it looked for.
    float max = 0f;
    for (int i = 0; i < len; i++) max = Math.max(max, Math.abs(a[off + i]));
    if (!(max <= Float.MAX_VALUE)) {
      for (int i = 0; i < len; i++) if (!(Math.abs(a[off + i]) <= Float.MAX_VALUE)) throw notFinite(name, i, a[off + i]);
    }
    return max;
  }

  private static IllegalArgumentException notFinite(String name, int i, float v) {
    return new IllegalArgumentException(String.format(Locale.ROOT, "%s[%d] = %s is not finite", name, i, v));
  }
}
