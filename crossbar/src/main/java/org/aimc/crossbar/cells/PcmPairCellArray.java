package org.aimc.crossbar.cells;

import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.PcmParams;

/**
 * A PCM pair alone, {@code W = F·(G⁺ − G⁻)} (the paper's "2PCM" comparison cell). An update pulse
 * that raises the weight is a partial-SET pulse on G⁺, one that lowers it a partial-SET pulse on
 * G⁻; PCM cannot be partially RESET, so the pair drifts toward saturation and the trainer must
 * occasionally reprogram it ({@link #programPcm}).
 */
public final class PcmPairCellArray extends AbstractCellArray {
  private final PcmPairs pcm;

  /** The update step is F × the expected first partial-SET increment from RESET (state-dependent in truth). */
  public PcmPairCellArray(PcmParams params, double gainFactor, int rows, int cols, long seed) {
    this(params, gainFactor, rows, cols, seed, DriftCompensation.NONE);
  }

  /** As above, with the periphery's PCM drift compensation. */
  public PcmPairCellArray(PcmParams params, double gainFactor, int rows, int cols, long seed, DriftCompensation compensation) {
    super(rows, cols, PcmPairs.maxWeightMicroSiemens(params, gainFactor), PcmPairs.nominalSetStepMicroSiemens(params, gainFactor));
    PcmPairs.checkGainFactor(gainFactor);
    SplittableRandom seeds = new SplittableRandom(seed);
    this.pcm = new PcmPairs(params, gainFactor, rows, cols, seeds.nextLong(), seeds.nextLong(), compensation);
  }

  @Override
  public boolean lineReadVariancesMicroS2(double[] perColumn, double[] perRow) {
    pcm.lineReadVariances(perColumn, perRow);
    return true;
  }

  @Override
  public void beginColumnProgramming(int col) {
    pcm.beginColumnProgramming(col);
  }

  @Override
  public String layoutName() {
    return "pcm-pair";
  }

  @Override
  void advanceDevicesTo(double t) {
    pcm.refreshAll(t);
  }

  /** The drift gains only ({@link PcmPairs#advanceClockTo}): a PCM read computes its drift from the programming time. */
  @Override
  void advanceDeviceClocksTo(double t) {
    pcm.advanceClockTo(t);
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
  public void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses,
      float[] cache, double scale, EventCounter counter) {
    double t = timeSeconds();
    long sets = 0;
    double touched = 0;
    int j = 0;
    int k = 0;
    while (j < columnCount) {
      // A chunk of columns: first read every pulsed pair's records, so their misses overlap, then pulse
      // them, each side's devices in one batch (PcmArray.touch, PcmArray.applySetPulses); the same
      // numbers as one pair after another.
      int jEnd = j;
      while (jEnd < columnCount && columnEnd[jEnd] - k < PULSE_CHUNK) jEnd++;
      if (jEnd == j) jEnd = j + 1;
      int size = columnEnd[jEnd - 1] - k;
      if (chunkCells.length < size) {
        chunkCells = new int[size];
        chunkPulses = new int[size];
      }
      int m = 0;
      for (; j < jEnd; j++) for (int base = columns[j] * rows; k < columnEnd[j]; k++) {
        chunkCells[m] = base + rowIdx[k];
        chunkPulses[m++] = signedPulses[k];
        sets += Math.abs(signedPulses[k]);
      }
      for (int q = 0; q < m; q++) touched += pcm.touch(chunkCells[q]);
      pcm.setPulses(chunkCells, chunkPulses, m, t);
      for (int q = 0; q < m; q++) cache[chunkCells[q]] = (float) (scale * pcm.part[chunkCells[q]]);
    }
    touchSink = touched;
    counter.add(Event.PCM_SET_PULSES, sets);
  }

  /** Pulsed pairs per chunk of {@link #applyPulses}: enough misses to overlap, few enough that their records stay in L1 and L2. */
  private static final int PULSE_CHUNK = 128;
  /** A chunk's pairs and signed pulse counts (a column longer than a chunk makes a chunk of its own). */
  private int[] chunkCells = new int[PULSE_CHUNK];
  private int[] chunkPulses = new int[PULSE_CHUNK];
  /** Keeps the loads of {@link #applyPulses}' first pass (a value no one reads). */
  @SuppressWarnings("unused")
  private double touchSink;

  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, timeSeconds(), counter);
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    counter.add(Event.CELL_READS, 1);
    return pcm.readAt(col * rows + row, timeSeconds());
  }

  @Override
  public double pcmWeightMicroSiemens(int row, int col) {
    return pcm.weightAt(col * rows + row, timeSeconds());
  }

  @Override
  public void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, timeSeconds(), counter);
  }

  /** G⁺ and G⁻ ({@code org.aimc.devices} state). */
  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    pcm.writeState(out);
  }

  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    pcm.readState(in, t);
  }
}
