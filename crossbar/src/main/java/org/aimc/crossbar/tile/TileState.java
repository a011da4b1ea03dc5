package org.aimc.crossbar.tile;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.cells.CellArray;
import org.aimc.crossbar.cells.EffectiveWeights;
import org.aimc.crossbar.periphery.MvmPath;
import org.aimc.devices.StateIo;
import org.apache.commons.rng.RestorableUniformRandomProvider;

/**
 * A tile's state I/O (see {@link Tile#writeState}): shape, seed and cell layout (checked on
 * reading), the event counts, the states of the noise and update streams, the effective-weight
 * cache (saved because updates refresh it incrementally in float, so it is not a function of the
 * devices), the line read-noise variances and the cells' state ({@link CellArray#writeState}). The
 * samplers and scratch arrays hold nothing between calls.
 */
final class TileState {
  private final int rows;
  private final int cols;
  private final long seed;
  private final CellArray cells;
  private final EventCounter counter;
  private final RestorableUniformRandomProvider noiseRng;
  private final RestorableUniformRandomProvider updateRng;
  private final EffectiveWeights weights;
  private final MvmPath mvm;

  TileState(long seed, CellArray cells, EventCounter counter, RestorableUniformRandomProvider noiseRng,
      RestorableUniformRandomProvider updateRng, EffectiveWeights weights, MvmPath mvm) {
    this.rows = cells.rows();
    this.cols = cells.cols();
    this.seed = seed;
    this.cells = cells;
    this.counter = counter;
    this.noiseRng = noiseRng;
    this.updateRng = updateRng;
    this.weights = weights;
    this.mvm = mvm;
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(rows);
    out.writeInt(cols);
    out.writeLong(seed);
    out.writeUTF(cells.layoutName());
    long[] counts = counter.snapshot().values();
    out.writeInt(counts.length);
    for (long v : counts) out.writeLong(v);
    StateIo.writeRng(out, noiseRng);
    StateIo.writeRng(out, updateRng);
    StateIo.writeFloats(out, weights.values());
    // The line read-noise variances are as of the last advanceTo (programming since then does not
    // refresh them), so they are saved rather than derived.
    if (mvm.columnReadVariance() != null) {
      StateIo.writeDoubles(out, mvm.columnReadVariance());
      StateIo.writeDoubles(out, mvm.rowReadVariance());
    }
    cells.writeState(out);
  }

  /**
   * Restores what {@link #write} wrote into a tile built with the same config, shape and seed.
   *
   * @throws IOException if the state is of another shape, seed, layout or device parameters
   *     (the message names both), or truncated ({@link EOFException}); the tile may then be
   *     partly restored and should be discarded
   */
  void read(DataInput in) throws IOException {
    try {
      int r = in.readInt();
      int c = in.readInt();
      long s = in.readLong();
      String layout = in.readUTF();
      if (r != rows || c != cols || s != seed || !layout.equals(cells.layoutName())) {
        throw new IOException(String.format(Locale.ROOT,
            "state of a %d×%d %s tile with seed %d does not fit this %d×%d %s tile with seed %d"
                + " (restore into a layer created with the checkpoint's config and seed)",
            r, c, layout, s, rows, cols, cells.layoutName(), seed));
      }
      int n = in.readInt();
      if (n < 0 || n > Event.all().length) {
        throw new IOException("tile state has " + n + " event counts, expected at most " + Event.all().length);
      }
      // A state written before the last events were added has fewer counts: those events read as 0.
      long[] counts = new long[Event.all().length];
      for (int i = 0; i < n; i++) counts[i] = in.readLong();
      byte[] noise = StateIo.readRngState(in, "tile noise stream");
      byte[] upd = StateIo.readRngState(in, "tile update stream");
      float[] cache = weights.values();
      float[] w = new float[cache.length];
      StateIo.readFloats(in, w);
      double[] columnReadVariance = mvm.columnReadVariance();
      double[] colVar = columnReadVariance == null ? null : new double[cols];
      double[] rowVar = columnReadVariance == null ? null : new double[rows];
      if (colVar != null) {
        StateIo.readDoubles(in, colVar);
        StateIo.readDoubles(in, rowVar);
      }
      cells.readState(in);
      if (colVar != null) {
        System.arraycopy(colVar, 0, columnReadVariance, 0, cols);
        System.arraycopy(rowVar, 0, mvm.rowReadVariance(), 0, rows);
      }
      StateIo.restoreRng(noiseRng, noise, "tile noise stream");
      StateIo.restoreRng(updateRng, upd, "tile update stream");
      counter.set(new EventCounts(counts));
      System.arraycopy(w, 0, cache, 0, w.length);
    } catch (EOFException e) {
      EOFException t = new EOFException(String.format(Locale.ROOT,
          "state of the %d×%d %s tile with seed %d is truncated%s", rows, cols, cells.layoutName(), seed,
          e.getMessage() == null ? "" : ": " + e.getMessage()));
      t.initCause(e);
      throw t;
    }
  }
}
