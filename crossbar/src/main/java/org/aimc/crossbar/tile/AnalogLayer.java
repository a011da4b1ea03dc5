package org.aimc.crossbar.tile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.aimc.crossbar.CellLayout;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.cells.Checks;
import org.aimc.crossbar.periphery.MvmKernel;
import org.aimc.crossbar.periphery.MvmKernels;
import org.aimc.crossbar.transfer.ColumnTransfer;
import org.aimc.crossbar.transfer.ProgrammingLatencies;
import org.aimc.crossbar.transfer.TransferRules;

/**
 * A fully connected layer of {@code inputs → outputs} on a grid of crossbar tiles: the weight
 * matrix W (outputs × inputs) is cut into blocks of at most {@code config.rows()} inputs ×
 * {@code config.cols()} outputs, one tile each. Tile (i, j) holds inputs
 * {@code [i·rows, …)} and outputs {@code [j·cols, …)}; the partial sums of the tiles along the
 * input direction are added digitally, after each tile's own ADC.
 *
 * <h2>Weight mapping</h2>
 * The layer owns one scale, {@code weightUnitsPerMicroSiemens}: a network weight w (what a trainer
 * sees) is {@code w = weightUnitsPerMicroSiemens · W}, W the cell's weight in µS. The default is
 * {@code 1 / maxWeightMicroSiemens}, so |w| = 1 is the cell's largest weight (ambrogio2018 hybrid:
 * F·20 µS + 8 µS = 68 µS). Inputs and outputs are in the trainer's units; the periphery's ranges
 * are in normalised units ({@link PeripheryConfig}) and do not depend on the scale.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * AnalogLayer layer = AnalogLayer.create(784, 250, TileConfig.ambrogio2018(), seed);
 * layer.setWeights(w0);                     // outputs × inputs, row-major; programs the PCM
 * layer.forward(x, y);                      // y = W·x
 * layer.backward(delta, z);                 // z = Wᵀ·δ
 * layer.update(x, delta, eta);              // W += η·δ·xᵀ, as pulses into the capacitors
 * layer.advanceTo(t);                       // leakage and drift up to t s; refreshes the cache
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class AnalogLayer {
  private final int inputs;
  private final int outputs;
  private final TileConfig config;
  private final double weightUnitsPerMicroSiemens;
  private final int tileRows;
  private final int tileCols;
  /** Tiles in row-major grid order: index {@code i·tileCols + j}. */
  private final Tile[] tiles;
  private final MvmKernel kernel;

  private AnalogLayer(int inputs, int outputs, TileConfig config, double scale, long seed, MvmKernel kernel) {
    if (inputs <= 0 || outputs <= 0) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "layer shape must be at least 1 input × 1 output, got %d inputs × %d outputs", inputs, outputs));
    }
    if (!(scale > 0 && scale < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("weightUnitsPerMicroSiemens must be finite and > 0, got " + scale);
    }
    this.inputs = inputs;
    this.outputs = outputs;
    this.config = config;
    this.weightUnitsPerMicroSiemens = scale;
    this.kernel = kernel;
    this.tileRows = (inputs + config.rows() - 1) / config.rows();
    this.tileCols = (outputs + config.cols() - 1) / config.cols();
    this.tiles = new Tile[tileRows * tileCols];
    SplittableRandom seeds = new SplittableRandom(seed);
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        int r = Math.min(config.rows(), inputs - i * config.rows());
        int c = Math.min(config.cols(), outputs - j * config.cols());
        tiles[i * tileCols + j] = Tile.create(config, r, c, scale, seeds.nextLong(), kernel);
      }
    }
  }

  /** A layer with the default weight scale ({@code 1 / maxWeightMicroSiemens}) and the preferred kernel. */
  public static AnalogLayer create(int inputs, int outputs, TileConfig config, long seed) {
    return create(inputs, outputs, config, 1.0 / nominalMaxWeightMicroSiemens(config), seed);
  }

  /** A layer with an explicit weight scale (network weight units per µS) and the preferred kernel. */
  public static AnalogLayer create(int inputs, int outputs, TileConfig config, double weightUnitsPerMicroSiemens, long seed) {
    return new AnalogLayer(inputs, outputs, config, weightUnitsPerMicroSiemens, seed, MvmKernels.preferred());
  }

  /** As above with a chosen kernel (tests compare kernels; benchmarks time them). */
  public static AnalogLayer create(int inputs, int outputs, TileConfig config, double weightUnitsPerMicroSiemens,
      long seed, MvmKernel kernel) {
    return new AnalogLayer(inputs, outputs, config, weightUnitsPerMicroSiemens, seed, kernel);
  }

  /** The largest cell weight of the config's layout, µS (what the default scale maps to weight 1). */
  public static double nominalMaxWeightMicroSiemens(TileConfig config) {
    return config.layout().create(config, 1, 1, 0L).maxWeightMicroSiemens();
  }

  // ---------------------------------------------------------------- MVMs and update

  /** {@code y = W·x}: {@code inputs} values of x, {@code outputs} values of y (overwritten). */
  public void forward(float[] x, float[] y) {
    forward(x, 0, y, 0);
  }

  public void forward(float[] x, int xOff, float[] y, int yOff) {
    Checks.checkSpan("x", x, xOff, inputs);
    Checks.checkSpan("y", y, yOff, outputs);
    java.util.Arrays.fill(y, yOff, yOff + outputs, 0f);
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        tiles[i * tileCols + j].forwardAdd(x, xOff + i * config.rows(), y, yOff + j * config.cols());
      }
    }
  }

  /**
   * {@link #forward} of {@code count} vectors, at most {@link Tile#MAX_BATCH}: x_b from {@code xOff +
   * b·xStride}, y_b from {@code yOff + b·yStride} ({@code outputs} values each, overwritten; what
   * lies between them is left alone). The same numbers, noise draws and event counts as {@code
   * count} forward calls in order (see {@link Tile#forwardAddBatch}).
   */
  public void forwardBatch(float[] x, int xOff, int xStride, float[] y, int yOff, int yStride, int count) {
    for (int b = 0; b < count; b++) {
      Checks.checkSpan("x", x, xOff + b * xStride, inputs);
      Checks.checkSpan("y", y, yOff + b * yStride, outputs);
      java.util.Arrays.fill(y, yOff + b * yStride, yOff + b * yStride + outputs, 0f);
    }
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        tiles[i * tileCols + j].forwardAddBatch(x, xOff + i * config.rows(), xStride, count, y, yOff + j * config.cols(), yStride);
      }
    }
  }

  /** {@code z = Wᵀ·δ}: {@code outputs} values of δ, {@code inputs} values of z (overwritten). */
  public void backward(float[] delta, float[] z) {
    backward(delta, 0, z, 0);
  }

  public void backward(float[] delta, int dOff, float[] z, int zOff) {
    Checks.checkSpan("delta", delta, dOff, outputs);
    Checks.checkSpan("z", z, zOff, inputs);
    java.util.Arrays.fill(z, zOff, zOff + inputs, 0f);
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        tiles[i * tileCols + j].backwardAdd(delta, dOff + j * config.cols(), z, zOff + i * config.rows());
      }
    }
  }

  /**
   * {@code W += η·δ·xᵀ} by the tiles' parallel update (see {@link Tile#update}); δ is signed so that
   * this is the wanted change (gradient descent: {@code δ = −∂loss/∂y}).
   */
  public void update(float[] x, float[] delta, float learningRate) {
    update(x, 0, delta, 0, learningRate);
  }

  public void update(float[] x, int xOff, float[] delta, int dOff, float learningRate) {
    Checks.checkSpan("x", x, xOff, inputs);
    Checks.checkSpan("delta", delta, dOff, outputs);
    for (int i = 0; i < tileRows; i++) {
      for (int j = 0; j < tileCols; j++) {
        tiles[i * tileCols + j].update(x, xOff + i * config.rows(), delta, dOff + j * config.cols(), learningRate);
      }
    }
  }

  // ---------------------------------------------------------------- weights and clock

  /**
   * Programs every cell toward the given weights (network units, outputs × inputs, row-major):
   * closed-loop tuning of the PCM where the layout has PCM. Out-of-range weights are clipped and
   * counted ({@link Event#WEIGHTS_CLIPPED}).
   *
   * @throws IllegalArgumentException if the length is not outputs × inputs or a weight is not finite
   *     (checked before anything is programmed)
   */
  public void setWeights(float[] w) {
    if (w.length != inputs * outputs) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "weights must have outputs × inputs = %d × %d = %d values, got %d", outputs, inputs, inputs * outputs, w.length));
    }
    Checks.checkFinite(w, 0, w.length, "w");
    for (int o = 0; o < outputs; o++) {
      for (int in = 0; in < inputs; in++) {
        tileOf(in, o).programWeightMicroSiemens(in % config.rows(), o % config.cols(), w[o * inputs + in] / weightUnitsPerMicroSiemens);
      }
    }
  }

  /** The effective weights the MVMs use now (network units, outputs × inputs, row-major). */
  public void copyWeights(float[] dst) {
    if (dst.length != inputs * outputs) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "dst must have outputs × inputs = %d values, got %d", inputs * outputs, dst.length));
    }
    for (int o = 0; o < outputs; o++) {
      int j = o / config.cols();
      int c = o % config.cols();
      for (int i = 0; i < tileRows; i++) {
        Tile t = tiles[i * tileCols + j];
        for (int r = 0; r < t.rows(); r++) dst[o * inputs + i * config.rows() + r] = t.weight(r, c);
      }
    }
  }

  /** The effective weight of one synapse now, network units. */
  public float weight(int output, int input) {
    checkOutput(output);
    if (input < 0 || input >= inputs) throw new IndexOutOfBoundsException("input " + input + " of " + inputs);
    return tileOf(input, output).weight(input % config.rows(), output % config.cols());
  }

  /**
   * The trainer's clock: moves every device to time t (capacitor leakage, PCM drift) and recomputes
   * the effective-weight caches. Call it at coarse intervals; between calls the MVMs see updates and
   * programming but not leakage or drift.
   */
  public void advanceTo(double timeSeconds) {
    for (Tile t : tiles) t.advanceTo(timeSeconds);
  }

  /** {@link Tile#advanceClockTo} of every tile: the device time of a transfer's steps, no cache refresh. */
  public void advanceClockTo(double timeSeconds) {
    for (Tile t : tiles) t.advanceClockTo(timeSeconds);
  }

  /** The device time, seconds. */
  public double timeSeconds() {
    return tiles[0].timeSeconds();
  }

  // ---------------------------------------------------------------- transfer primitives (per output)

  /** Reads one output's weights as the hardware would (device read noise), µS, into {@code dst[0..inputs)}. */
  public void readColumnMicroSiemens(int output, double[] dst) {
    checkColumnArray(output, dst);
    forColumn(output, (t, c, off) -> t.readColumnMicroSiemens(c, dst, off));
  }

  /** One output's PCM parts {@code F·(G⁺ − G⁻)}, µS (noise-free). */
  public void readColumnPcmMicroSiemens(int output, double[] dst) {
    checkColumnArray(output, dst);
    forColumn(output, (t, c, off) -> t.readColumnPcmMicroSiemens(c, dst, off));
  }

  /** One output's capacitor parts {@code s·(g − g_shared)}, µS (noise-free). */
  public void readColumnCapacitorMicroSiemens(int output, double[] dst) {
    checkColumnArray(output, dst);
    forColumn(output, (t, c, off) -> t.readColumnCapacitorMicroSiemens(c, dst, off));
  }

  /** Programs one output's PCM pairs by closed-loop tuning toward {@code targets[0..inputs)}, µS. */
  public void programColumnPcm(int output, double[] targetsMicroSiemens) {
    checkColumnArray(output, targetsMicroSiemens);
    forColumn(output, (t, c, off) -> t.programColumnPcm(c, targetsMicroSiemens, off));
  }

  /** Re-initialises one output's capacitors and its g_shared (in every tile it spans). */
  public void reinitializeColumnCapacitors(int output) {
    checkOutput(output);
    forColumn(output, (t, c, off) -> t.reinitializeColumnCapacitors(c));
  }

  /** Flips the polarity s of one output (in every tile it spans). */
  public void flipPolarity(int output) {
    checkOutput(output);
    forColumn(output, (t, c, off) -> t.flipPolarity(c));
  }

  /** Sets, in every tile, the latencies that find a programmed column's slowest cell ({@link Tile#timeProgrammingBy}). */
  public void timeProgrammingBy(ProgrammingLatencies latencies) {
    for (Tile t : tiles) t.timeProgrammingBy(latencies);
  }

  /** The polarity s = ±1 of one output. */
  public int polarity(int output) {
    checkOutput(output);
    return tiles[output / config.cols()].polarity(output % config.cols());
  }

  /**
   * One output's transfer in every tile it spans, under the given rules (see
   * {@link ColumnTransfer#transferColumn}): hybrid cells move their weight into the PCM pair, PCM-pair
   * cells are refreshed; counted once per tile.
   */
  public void transferColumn(int output, TransferRules rules) {
    checkOutput(output);
    forColumn(output, (t, c, off) -> t.transferColumn(c, rules));
  }

  // ---------------------------------------------------------------- checkpoints

  /** Format version of {@link #writeState}: 2 saves device state for every layout (1 had only ideal cells). */
  private static final int STATE_VERSION = 2;

  /**
   * Writes the layer's complete state (every tile's counts, random streams, weight cache and device
   * state; see {@link Tile#writeState}) for an exact resume: a layer created with the same shape,
   * config and seed continues after {@link #readState} with the same numbers, bit for bit, for every
   * {@link CellLayout}. Large (44 bytes per hybrid cell): give it a buffered stream.
   */
  public void writeState(java.io.DataOutput out) throws java.io.IOException {
    out.writeInt(STATE_VERSION);
    out.writeInt(inputs);
    out.writeInt(outputs);
    out.writeInt(tiles.length);
    for (Tile t : tiles) t.writeState(out);
  }

  /**
   * Restores what {@link #writeState} wrote into a layer created with the same shape, config and seed.
   *
   * @throws java.io.IOException if the state is of another version, shape, seed or config, or
   *     truncated; the layer may then be partly restored and should be discarded
   */
  public void readState(java.io.DataInput in) throws java.io.IOException {
    try {
      int version = in.readInt();
      if (version != STATE_VERSION) {
        throw new java.io.IOException("layer state format version " + version + ", expected " + STATE_VERSION);
      }
      int in0 = in.readInt();
      int out0 = in.readInt();
      int n = in.readInt();
      if (in0 != inputs || out0 != outputs || n != tiles.length) {
        throw new java.io.IOException(String.format(Locale.ROOT, "state of a %d×%d layer on %d tiles, not %d×%d on %d",
            in0, out0, n, inputs, outputs, tiles.length));
      }
    } catch (java.io.EOFException e) {
      java.io.EOFException t = new java.io.EOFException("layer state is truncated in its header");
      t.initCause(e);
      throw t;
    }
    for (Tile t : tiles) t.readState(in);
  }

  // ---------------------------------------------------------------- accessors

  public int inputs() {
    return inputs;
  }

  public int outputs() {
    return outputs;
  }

  public TileConfig config() {
    return config;
  }

  /** Network weight units per µS. */
  public double weightUnitsPerMicroSiemens() {
    return weightUnitsPerMicroSiemens;
  }

  /** The largest cell weight in network units ({@code weightUnitsPerMicroSiemens · maxWeightMicroSiemens}). */
  public double maxWeight() {
    return weightUnitsPerMicroSiemens * tiles[0].cells().maxWeightMicroSiemens();
  }

  /** Number of tiles along the inputs. */
  public int tileRows() {
    return tileRows;
  }

  /** Number of tiles along the outputs. */
  public int tileCols() {
    return tileCols;
  }

  public Tile tile(int i, int j) {
    return tiles[i * tileCols + j];
  }

  public List<Tile> tiles() {
    List<Tile> list = new ArrayList<>(tiles.length);
    Collections.addAll(list, tiles);
    return Collections.unmodifiableList(list);
  }

  /** The event counts of all tiles, summed (a snapshot). */
  public EventCounts counts() {
    EventCounts total = EventCounts.ZERO;
    for (Tile t : tiles) total = total.plus(t.counts());
    return total;
  }

  /**
   * Adds the event counts of all tiles into {@code dst} (one entry per {@link Event}, by ordinal),
   * without allocating: {@link #counts()} for a hot path.
   */
  public void addCountsTo(long[] dst) {
    if (dst.length != Event.all().length) {
      throw new IllegalArgumentException("dst has " + dst.length + " entries, one per event needs " + Event.all().length);
    }
    for (Tile t : tiles) t.counter().addTo(dst);
  }

  /** The MVM kernel's name, for provenance. */
  public String kernelName() {
    return kernel.name();
  }

  // ---------------------------------------------------------------- helpers

  private interface ColumnOp {
    void apply(Tile tile, int col, int off);
  }

  private void forColumn(int output, ColumnOp op) {
    int j = output / config.cols();
    int c = output % config.cols();
    for (int i = 0; i < tileRows; i++) op.apply(tiles[i * tileCols + j], c, i * config.rows());
  }

  private Tile tileOf(int input, int output) {
    return tiles[(input / config.rows()) * tileCols + output / config.cols()];
  }

  private void checkOutput(int output) {
    if (output < 0 || output >= outputs) throw new IndexOutOfBoundsException("output " + output + " of " + outputs);
  }

  private void checkColumnArray(int output, double[] a) {
    checkOutput(output);
    if (a.length < inputs) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "a column of this layer has %d inputs, but the array has %d values", inputs, a.length));
    }
  }
}
