package org.aimc.crossbar;

import java.util.SplittableRandom;
import org.aimc.devices.PcmParams;

/**
 * A PCM pair alone, {@code W = F·(G⁺ − G⁻)} (the paper's "2PCM" comparison cell). An update pulse
 * that raises the weight is a partial-SET pulse on G⁺, one that lowers it a partial-SET pulse on
 * G⁻; PCM cannot be partially RESET, so the pair drifts toward saturation and the trainer must
 * occasionally reprogram it ({@link #programPcm}).
 */
public final class PcmPairCellArray implements CellArray {
  private final int rows;
  private final int cols;
  private final PcmPairs pcm;
  private final double step;
  private double time;

  public PcmPairCellArray(PcmParams params, double gainFactor, int rows, int cols, long seed) {
    Tile.checkBlock(rows, cols, rows, cols);
    if (!(gainFactor > 0 && gainFactor < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gainFactor must be finite and > 0, got " + gainFactor);
    }
    this.rows = rows;
    this.cols = cols;
    SplittableRandom seeds = new SplittableRandom(seed);
    this.pcm = new PcmPairs(params, gainFactor, Math.multiplyExact(rows, cols), seeds.nextLong(), seeds.nextLong());
    this.step = PcmPairs.nominalSetStepMicroSiemens(params, gainFactor);
  }

  @Override
  public String layoutName() {
    return "pcm-pair";
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int cols() {
    return cols;
  }

  @Override
  public double maxWeightMicroSiemens() {
    return pcm.maxWeightMicroSiemens();
  }

  /** F × the expected first partial-SET increment from RESET (state-dependent in truth). */
  @Override
  public double updateStepMicroSiemens() {
    return step;
  }

  @Override
  public double timeSeconds() {
    return time;
  }

  @Override
  public void advanceTo(double t) {
    Tile.checkTime(time, t);
    time = t;
    pcm.refreshAll(t);
  }

  @Override
  public double weightMicroSiemens(int row, int col) {
    return pcm.part[col * rows + row];
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int i = 0; i < pcm.part.length; i++) cache[i] = (float) (scale * pcm.part[i]);
  }

  @Override
  public void applyPulses(int col, int[] rowIdx, int[] signedPulses, int count, float[] cache, double scale,
      EventCounter counter) {
    int base = col * rows;
    long sets = 0;
    for (int k = 0; k < count; k++) {
      int i = base + rowIdx[k];
      int n = signedPulses[k];
      sets += Math.abs(n);
      pcm.setPulses(i, n, time);
      cache[i] = (float) (scale * pcm.part[i]);
    }
    counter.add(Event.PCM_SET_PULSES, sets);
  }

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, time, counter);
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    counter.add(Event.CELL_READS, 1);
    return pcm.readAt(col * rows + row, time);
  }

  @Override
  public double pcmWeightMicroSiemens(int row, int col) {
    return pcm.weightAt(col * rows + row, time);
  }

  @Override
  public void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, time, counter);
  }

  /** Shape and time, then G⁺ and G⁻ ({@code org.aimc.devices} state). */
  @Override
  public void writeState(java.io.DataOutput out) throws java.io.IOException {
    Tile.writeCellHeader(out, rows, cols, time);
    pcm.writeState(out);
  }

  @Override
  public void readState(java.io.DataInput in) throws java.io.IOException {
    double t = Tile.readCellHeader(in, layoutName(), rows, cols);
    pcm.readState(in, t);
    time = t;
  }
}
