package org.aimc.crossbar;

import java.util.SplittableRandom;
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
public final class HybridCellArray extends AbstractCellArray {
  private final PcmPairs pcm;
  private final CapacitorCells cap;

  /** The update step is the capacitor's nominal |Δg| per pulse: the update goes to g only. */
  public HybridCellArray(PcmParams pcmParams, CapacitorParams capParams, double gainFactor, int rows, int cols, long seed) {
    super(rows, cols, maxWeightMicroSiemens(pcmParams, capParams, gainFactor), capParams.nominalStepMicroS());
    PcmPairs.checkGainFactor(gainFactor);
    SplittableRandom seeds = new SplittableRandom(seed);
    int n = Math.multiplyExact(rows, cols);
    this.pcm = new PcmPairs(pcmParams, gainFactor, n, seeds.nextLong(), seeds.nextLong());
    this.cap = new CapacitorCells(capParams, rows, cols, seeds.nextLong(), seeds.nextLong());
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

  /** Only g moves: the PCM part of the cached weights stays as it is. */
  @Override
  public void applyPulses(int col, int[] rowIdx, int[] signedPulses, int count, float[] cache, double scale,
      EventCounter counter) {
    cap.applyPulses(col, rowIdx, signedPulses, count, cache, scale, counter);
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
  public double capacitorWeightMicroSiemens(int row, int col) {
    return cap.part(col * rows + row, col);
  }

  @Override
  public void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    pcm.program(col * rows + row, targetMicroSiemens, timeSeconds(), counter);
  }

  @Override
  public void reinitializeCapacitors(int col, EventCounter counter) {
    cap.reinitialize(col, counter);
  }

  @Override
  public boolean hasCapacitor() {
    return true;
  }

  @Override
  public int polarity(int col) {
    return cap.polarity[col];
  }

  @Override
  public void flipPolarity(int col, EventCounter counter) {
    cap.flip(col, counter);
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
