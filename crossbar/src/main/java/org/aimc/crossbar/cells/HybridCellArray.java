package org.aimc.crossbar.cells;

import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.CapacitorParams;
import org.aimc.devices.PcmParams;

/**
 * The hybrid unit cell of Ambrogio et al. (Nature 558, 2018):
 * {@code W = F·(G⁺ − G⁻) + s·(g − g_shared)}, µS. G⁺ and G⁻ are PCM devices (non-volatile, high
 * significance), g a 3T1C capacitor cell (volatile, linear-ish, updated by the parallel update
 * only), g_shared one reference capacitor per column and s = ±1 one polarity per column (flipped
 * at every transfer by the trainer). Initially every PCM device is RESET, every capacitor at its
 * reset voltage and s = +1.
 *
 * <p>Randomness: four device arrays (G⁺, G⁻, g, g_shared), each with its own seed split from the
 * cell array's seed.
 */
public final class HybridCellArray extends CapacitorBackedCellArray {
  private final PcmPairs pcm;

  /** The update step is the capacitor's nominal |Δg| per pulse: the update goes to g only. */
  public HybridCellArray(PcmParams pcmParams, CapacitorParams capParams, double gainFactor, int rows, int cols, long seed) {
    this(pcmParams, capParams, gainFactor, rows, cols, seed, DriftCompensation.NONE);
  }

  /** As above, with the periphery's PCM drift compensation. */
  public HybridCellArray(PcmParams pcmParams, CapacitorParams capParams, double gainFactor, int rows, int cols, long seed,
      DriftCompensation compensation) {
    this(pcmParams, capParams, gainFactor, rows, cols, seeds(seed), compensation);
  }

  /** Seeds of G⁺, G⁻, g and g_shared, in that order (each device array has its own stream). */
  private static long[] seeds(long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new long[] {seeds.nextLong(), seeds.nextLong(), seeds.nextLong(), seeds.nextLong()};
  }

  private HybridCellArray(PcmParams pcmParams, CapacitorParams capParams, double gainFactor, int rows, int cols, long[] seeds,
      DriftCompensation compensation) {
    super(rows, cols, maxWeightMicroSiemens(pcmParams, capParams, gainFactor),
        new CapacitorCells(capParams, rows, cols, seeds[2], seeds[3]), capParams.nominalStepMicroS());
    PcmPairs.checkGainFactor(gainFactor);
    this.pcm = new PcmPairs(pcmParams, gainFactor, rows, cols, seeds[0], seeds[1], compensation);
  }

  /** F × the useful PCM range plus the capacitor part's largest excursion, µS. */
  public static double maxWeightMicroSiemens(PcmParams p, CapacitorParams c, double gainFactor) {
    return PcmPairs.maxWeightMicroSiemens(p, gainFactor) + CapacitorCells.maxWeightMicroSiemens(c);
  }

  @Override
  public String layoutName() {
    return "hybrid";
  }

  @Override
  void advanceDevicesTo(double t) {
    cap.advanceTo(t);
    pcm.refreshAll(t);
    cap.refreshShared();
  }

  /** Leakage of g and g_shared; the PCM pairs' drift gains ({@link PcmPairs#advanceClockTo}). */
  @Override
  void advanceDeviceClocksTo(double t) {
    cap.advanceTo(t);
    cap.refreshShared();
    pcm.advanceClockTo(t);
  }

  @Override
  public double weightMicroSiemens(int row, int col) {
    int i = col * rows + row;
    return pcm.part[i] + cap.part(i, col);
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int c = 0; c < cols; c++) {
      int base = c * rows;
      double s = cap.polarity[c];
      double sh = cap.sharedNow[c];
      for (int r = 0; r < rows; r++) {
        int i = base + r;
        cache[i] = (float) (scale * (pcm.part[i] + s * (cap.g.conductanceMicroSiemens(i) - sh)));
      }
    }
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

  /** Programs the PCM pair to {@code target − s·(g − g_shared)}, leaving the capacitors as they are. */
  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    int i = col * rows + row;
    pcm.program(i, targetMicroSiemens - cap.part(i, col), timeSeconds(), counter);
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    int i = col * rows + row;
    counter.add(Event.CELL_READS, 1);
    return pcm.readAt(i, timeSeconds()) + cap.part(i, col);
  }

  @Override
  public double pcmWeightMicroSiemens(int row, int col) {
    return pcm.weightAt(col * rows + row, timeSeconds());
  }

  @Override
  public void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, timeSeconds(), counter);
  }

  /** G⁺, G⁻, g, g_shared ({@code org.aimc.devices} state) and the polarities. */
  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    pcm.writeState(out);
    cap.writeState(out);
  }

  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    pcm.readState(in, t);
    cap.readState(in);
  }
}
