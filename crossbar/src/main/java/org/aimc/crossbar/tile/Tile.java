package org.aimc.crossbar.tile;

import static org.aimc.crossbar.cells.Checks.checkBlock;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.SplittableRandom;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.UpdateConfig;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.EffectiveWeights;
import org.aimc.crossbar.periphery.MvmKernel;
import org.aimc.crossbar.periphery.MvmKernels;
import org.aimc.crossbar.periphery.MvmPath;
import org.aimc.crossbar.transfer.ColumnTransfer;
import org.aimc.crossbar.transfer.ProgrammingLatencies;
import org.aimc.crossbar.transfer.TransferRules;
import org.aimc.crossbar.update.PulsedUpdate;
import org.apache.commons.rng.RestorableUniformRandomProvider;
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
 * <p>A facade over classes named for what they do: the {@link MvmPath} (forward and backward MVMs
 * with periphery and read noise), the {@link PulsedUpdate}, the {@link ColumnTransfer} (read, offset,
 * RESET rule, program-and-verify, polarity) and the state I/O. They share the cells, the counter and
 * the {@link EffectiveWeights} cache, which updates refresh cell by cell and {@link #advanceTo} whole.
 *
 * <p>Randomness: two streams derived from the tile's seed, one for read/output noise, one for
 * stochastic pulse trains (so switching noise off leaves the update's random numbers unchanged). The
 * cells draw from their own streams. Same seed and same calls ⇒ same numbers. Not thread-safe: one
 * thread uses a tile at a time.
 */
public final class Tile {
  /** The most vectors of one {@link #forwardAddBatch} call. */
  public static final int MAX_BATCH = MvmPath.MAX_BATCH;

  private final int physicalRows;
  private final int physicalCols;
  private final CellArray cells;
  private final EffectiveWeights weights;
  private final EventCounter counter = new EventCounter();
  private final MvmPath mvm;
  private final PulsedUpdate update;
  private final ColumnTransfer transfer;
  private final TileState state;

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
    this.physicalRows = physicalRows;
    this.physicalCols = physicalCols;
    this.cells = cells;
    SplittableRandom seeds = new SplittableRandom(seed);
    RestorableUniformRandomProvider noiseRng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong());
    RestorableUniformRandomProvider updateRng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong());
    this.weights = new EffectiveWeights(cells, weightUnitsPerMicroSiemens);
    this.update = new PulsedUpdate(cells, weights, update, updateRng, counter);
    this.mvm = new MvmPath(cells, weights, forward, backward, physicalRows, physicalCols, kernel,
        ZigguratSampler.NormalizedGaussian.of(noiseRng), counter);
    this.transfer = new ColumnTransfer(cells, weights, counter);
    this.state = new TileState(seed, cells, counter, noiseRng, updateRng, weights, mvm);
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
    mvm.forwardAdd(x, xOff, y, yOff);
  }

  /**
   * {@link #forwardAdd} of {@code count ≤} {@link #MAX_BATCH} vectors (x_b from {@code xOff + b·xStride},
   * y_b from {@code yOff + b·yStride}), as {@code count} calls in order; see {@link MvmPath#forwardAddBatch}.
   */
  public void forwardAddBatch(float[] x, int xOff, int xStride, int count, float[] y, int yOff, int yStride) {
    mvm.forwardAddBatch(x, xOff, xStride, count, y, yOff, yStride);
  }

  /**
   * Backward MVM through the periphery: adds the digitised {@code Wᵀ·δ} of this tile into
   * {@code z[zOff..zOff+rows)}.
   *
   * @param delta {@code cols} errors from {@code dOff}
   */
  public void backwardAdd(float[] delta, int dOff, float[] z, int zOff) {
    mvm.backwardAdd(delta, dOff, z, zOff);
  }

  /**
   * The parallel rank-1 update {@code W += η·δ·xᵀ} (cell (r, c) by {@code η·δ_c·x_r} network weight
   * units), applied in the array as the config's pulse trains ({@link PulsedUpdate}).
   *
   * @param delta the {@code cols} errors, signed so that {@code +η·δ·xᵀ} is the wanted change
   * @param learningRate η, finite
   */
  public void update(float[] x, int xOff, float[] delta, int dOff, float learningRate) {
    update.apply(x, xOff, delta, dOff, learningRate);
  }

  // ---------------------------------------------------------------- clock, weights

  /** Moves the devices to time t (leakage, drift) and recomputes the effective-weight cache. */
  public void advanceTo(double timeSeconds) {
    cells.advanceTo(timeSeconds);
    weights.refreshAll();
    mvm.refreshReadNoise();
  }

  /**
   * Moves the devices to time t for a transfer's device operations only ({@link CellArray#advanceClockTo}):
   * the cache and the read-noise variances stay as they are until the next {@link #advanceTo}.
   */
  public void advanceClockTo(double timeSeconds) {
    cells.advanceClockTo(timeSeconds);
  }

  /** Recomputes the cache from the devices without moving time. */
  public void refresh() {
    weights.refreshAll();
  }

  /** The device time, seconds. */
  public double timeSeconds() {
    return cells.timeSeconds();
  }

  /** Copies the cached effective weights (network units; output c's weights at {@code c·rows}) into dst. */
  public void copyWeights(float[] dst, int dstOff) {
    weights.copyTo(dst, dstOff);
  }

  /** The cached effective weight of a cell, network units. */
  public float weight(int row, int col) {
    return weights.get(row, col);
  }

  /** Programs one cell toward a weight in µS (initialisation); see {@link CellArray#programWeight}. */
  public void programWeightMicroSiemens(int row, int col, double targetMicroSiemens) {
    transfer.programWeight(row, col, targetMicroSiemens);
  }

  // ---------------------------------------------------------------- transfer ({@link ColumnTransfer})

  /** One column's transfer under the given rules; see {@link ColumnTransfer#transferColumn}. */
  public void transferColumn(int col, TransferRules rules) {
    transfer.transferColumn(col, rules);
  }

  /** Reads one column's weights as the hardware would (device read noise), µS, into {@code dst[off..off+rows)}. */
  public void readColumnMicroSiemens(int col, double[] dst, int off) {
    transfer.readColumnMicroSiemens(col, dst, off);
  }

  /** One column's PCM parts {@code F·(G⁺ − G⁻)} now (noise-free), µS. */
  public void readColumnPcmMicroSiemens(int col, double[] dst, int off) {
    transfer.readColumnPcmMicroSiemens(col, dst, off);
  }

  /** One column's capacitor parts {@code s·(g − g_shared)} now (noise-free), µS. */
  public void readColumnCapacitorMicroSiemens(int col, double[] dst, int off) {
    transfer.readColumnCapacitorMicroSiemens(col, dst, off);
  }

  /** Programs one column's PCM pairs by closed-loop tuning; see {@link ColumnTransfer#programColumnPcm}. */
  public void programColumnPcm(int col, double[] targetsMicroSiemens, int off) {
    transfer.programColumnPcm(col, targetsMicroSiemens, off);
  }

  /** The latencies that find a programmed column's slowest cell ({@link Event#TRANSFER_SLOWEST_SET_PULSES}). */
  public void timeProgrammingBy(ProgrammingLatencies latencies) {
    transfer.timeProgrammingBy(latencies);
  }

  /** Re-initialises the capacitors of one column and its g_shared to the reset voltage. */
  public void reinitializeColumnCapacitors(int col) {
    transfer.reinitializeColumnCapacitors(col);
  }

  /** Flips the polarity s of one column. */
  public void flipPolarity(int col) {
    transfer.flipPolarity(col);
  }

  /** The polarity s = ±1 of one column. */
  public int polarity(int col) {
    return transfer.polarity(col);
  }

  // ---------------------------------------------------------------- checkpoints

  /**
   * Writes the tile's state so that a tile built with the same config, shape and seed continues,
   * after {@link #readState}, with the same numbers bit for bit (what is saved: {@code TileState}).
   *
   * @throws UnsupportedOperationException if the cell layout does not implement checkpoints
   */
  public void writeState(DataOutput out) throws IOException {
    state.write(out);
  }

  /**
   * Restores what {@link #writeState} wrote into a tile built with the same config, shape and seed.
   *
   * @throws IOException if the state does not fit this tile (the message names both) or is truncated;
   *     the tile may then be partly restored and should be discarded
   */
  public void readState(DataInput in) throws IOException {
    state.read(in);
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
    return cells.rows();
  }

  /** Columns used (outputs of the forward pass). */
  public int cols() {
    return cells.cols();
  }

  public CellArray cells() {
    return cells;
  }

  public double weightUnitsPerMicroSiemens() {
    return weights.unitsPerMicroSiemens();
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
    return mvm.kernel();
  }
}
