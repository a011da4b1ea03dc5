package org.aimc.crossbar.cells;

import java.util.SplittableRandom;
import org.aimc.crossbar.DriftCompensation;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.devices.DeviceParams;
import org.aimc.devices.PulsedDeviceArray;
import org.aimc.devices.PulsedDeviceParams;
import org.aimc.devices.TuningResult;

/**
 * The hybrid unit cell of Ambrogio et al. (Nature 558, 2018), {@code W = F·(G⁺ − G⁻) + s·(g − g_shared)}
 * µS, with any device in either role: the slow, more significant pair G⁺, G⁻ is the PCM pair or two
 * pulsed devices of one of aihwkit's families ({@link PulsedDeviceArray}); the fast pair g (one per
 * cell) and g_shared (one per column) is the 3T1C capacitor or a pulsed device. The transfer, the
 * offset, the polarity inversion and the clock are the hybrid cell's ({@code ColumnTransfer}); the
 * updates go to g only.
 *
 * <p>A pulsed device's conductance is affine in its weight w ({@link PulsedDeviceParams#microSiemensPerUnit}),
 * so a pair's difference is {@code microSiemensPerUnit·(w₁ − w₂)}. In the fast role an update pulse
 * raises w where it raises the weight (s·n &gt; 0), and a reset drives g and g_shared to their reset
 * points (aihwkit {@code reset}). In the slow role a RESET drives a device to its lower bound; a
 * pair is programmed as the PCM is: the other device is RESET and the device on the target's side
 * is tuned by program-and-verify toward the other's read plus |target|/F (giving up on a device that stalls)
 * ({@code closedLoopTuning}), or, open-loop, RESET and given the nominal number of pulses
 * {@code round(|target|/(F·microSiemensPerUnit·dwMin))}. A target of 0 tunes the pair to equal
 * reads (closed loop) or RESETs both (open loop).
 *
 * <p>Events: a pulsed fast device's pulses count as capacitor charge (w up) and discharge (w down)
 * pulses and its resets as capacitor resets; a pulsed slow device's programming counts as PCM SET
 * pulses, RESETs and verify reads, so the technology table prices them as the devices they
 * replace (a device-specific energy per pulse is not modelled).
 *
 * <p>Randomness: four device arrays (G⁺, G⁻, g, g_shared), each with its own seed split from the
 * cell array's seed, as {@link HybridCellArray}'s.
 */
public final class HybridRolesCellArray extends AbstractCellArray {
  private final double gain;
  // Slow role: the PCM pair, or two pulsed arrays with a cache of F·(G⁺ − G⁻).
  private final PcmPairs pcm;
  private final PulsedDeviceArray plus;
  private final PulsedDeviceArray minus;
  private final double[] slowPart;
  // Fast role: the capacitor cells, or pulsed g and g_shared with a polarity per column.
  private final CapacitorCells cap;
  private final PulsedDeviceArray g;
  private final PulsedDeviceArray shared;
  private final byte[] polarity;
  private final double[] sharedNow;
  private final PulsedDevicePulses fastPulses = new PulsedDevicePulses();

  /**
   * @param devices the devices; {@code fast()} and {@code slow()} replace the capacitor and the PCM
   * @param gainFactor F
   * @param compensation the periphery's PCM drift compensation (ignored without PCM)
   */
  public HybridRolesCellArray(DeviceParams devices, double gainFactor, int rows, int cols, long seed, DriftCompensation compensation) {
    this(devices, gainFactor, rows, cols, seeds(seed), compensation);
  }

  private static long[] seeds(long seed) {
    SplittableRandom seeds = new SplittableRandom(seed);
    return new long[] {seeds.nextLong(), seeds.nextLong(), seeds.nextLong(), seeds.nextLong()};
  }

  private HybridRolesCellArray(DeviceParams d, double gainFactor, int rows, int cols, long[] seeds, DriftCompensation compensation) {
    super(rows, cols, maxWeightMicroSiemens(d, gainFactor), updateStep(d));
    PcmPairs.checkGainFactor(gainFactor);
    this.gain = gainFactor;
    int count = Math.multiplyExact(rows, cols);
    PulsedDeviceParams slow = d.slow();
    if (slow == null) {
      pcm = new PcmPairs(d.pcm(), gainFactor, rows, cols, seeds[0], seeds[1], compensation);
      plus = minus = null;
      slowPart = null;
    } else {
      pcm = null;
      plus = PulsedDeviceArray.create(slow, count, seeds[0]);
      minus = PulsedDeviceArray.create(slow, count, seeds[1]);
      slowPart = new double[count];
      for (int i = 0; i < count; i++) {
        plus.resetToMin(i);
        minus.resetToMin(i);
        slowPart[i] = slowWeight(i);
      }
    }
    PulsedDeviceParams fast = d.fast();
    if (fast == null) {
      cap = new CapacitorCells(d.capacitor(), rows, cols, seeds[2], seeds[3]);
      g = shared = null;
      polarity = null;
      sharedNow = null;
    } else {
      cap = null;
      g = PulsedDeviceArray.create(fast, count, seeds[2]);
      shared = PulsedDeviceArray.create(fast, cols, seeds[3]);
      polarity = new byte[cols];
      java.util.Arrays.fill(polarity, (byte) 1);
      sharedNow = new double[cols];
      refreshShared();
    }
  }

  /** The slow pair's range plus the fast pair's largest excursion, µS, as {@link HybridCellArray#maxWeightMicroSiemens}. */
  public static double maxWeightMicroSiemens(DeviceParams d, double gainFactor) {
    PulsedDeviceParams s = d.slow();
    double slow = s == null ? PcmPairs.maxWeightMicroSiemens(d.pcm(), gainFactor) : gainFactor * s.microSiemensPerUnit() * (s.wMax() - s.wMin());
    PulsedDeviceParams f = d.fast();
    double fast = f == null ? CapacitorCells.maxWeightMicroSiemens(d.capacitor())
        : f.microSiemensPerUnit() * Math.max(f.wMax() - f.reset(), f.reset() - f.wMin());
    return slow + fast;
  }

  private static double updateStep(DeviceParams d) {
    return d.fast() == null ? d.capacitor().nominalStepMicroS() : d.fast().nominalStepMicroS();
  }

  @Override
  public String layoutName() {
    return "hybrid";
  }

  private double slowWeight(int i) {
    return gain * plus.params().microSiemensPerUnit() * (plus.weight(i) - minus.weight(i));
  }

  private void refreshShared() {
    for (int c = 0; c < sharedNow.length; c++) sharedNow[c] = shared.conductanceMicroSiemens(c);
  }

  private double fastPart(int i, int col) {
    return cap != null ? cap.part(i, col) : polarity[col] * (g.conductanceMicroSiemens(i) - sharedNow[col]);
  }

  private double slowNow(int i) {
    return pcm != null ? pcm.part[i] : slowPart[i];
  }

  @Override
  void advanceDevicesTo(double t) {
    if (cap != null) {
      cap.advanceTo(t);
      cap.refreshShared();
    } else {
      g.advanceTo(t);
      shared.advanceTo(t);
      refreshShared();
    }
    if (pcm != null) {
      pcm.refreshAll(t);
    } else {
      plus.advanceTo(t);
      minus.advanceTo(t);
      for (int i = 0; i < slowPart.length; i++) slowPart[i] = slowWeight(i);
    }
  }

  @Override
  public double weightMicroSiemens(int row, int col) {
    int i = col * rows + row;
    return slowNow(i) + fastPart(i, col);
  }

  @Override
  public void writeWeights(float[] cache, double scale) {
    for (int c = 0; c < cols; c++) {
      for (int r = 0, i = c * rows; r < rows; r++, i++) cache[i] = (float) (scale * (slowNow(i) + fastPart(i, c)));
    }
  }

  @Override
  public void applyPulses(int[] columns, int[] columnEnd, int columnCount, int[] rowIdx, int[] signedPulses, float[] cache,
      double scale, EventCounter counter) {
    if (cap != null) {
      cap.applyPulses(columns, columnEnd, columnCount, rowIdx, signedPulses, cache, scale, counter);
      return;
    }
    fastPulses.apply(g, polarity, rows, columns, columnEnd, columnCount, rowIdx, signedPulses, cache, scale, counter);
  }

  /** Programs the slow pair to {@code target − s·(g − g_shared)}, leaving the fast pair as it is. */
  @Override
  public void programWeight(int row, int col, double targetMicroSiemens, EventCounter counter) {
    int i = col * rows + row;
    programSlow(i, targetMicroSiemens - fastPart(i, col), counter);
  }

  @Override
  public double readWeightMicroSiemens(int row, int col, EventCounter counter) {
    int i = col * rows + row;
    counter.add(Event.CELL_READS, 1);
    return (pcm != null ? pcm.readAt(i, timeSeconds()) : slowPart[i]) + fastPart(i, col);
  }

  @Override
  public boolean lineReadVariancesMicroS2(double[] perColumn, double[] perRow) {
    if (pcm == null) return false;
    pcm.lineReadVariances(perColumn, perRow);
    return true;
  }

  @Override
  public void beginColumnProgramming(int col) {
    if (pcm != null) pcm.beginColumnProgramming(col);
  }

  @Override
  public double pcmWeightMicroSiemens(int row, int col) {
    int i = col * rows + row;
    return pcm != null ? pcm.weightAt(i, timeSeconds()) : slowPart[i];
  }

  @Override
  public void programPcm(int row, int col, double targetMicroSiemens, EventCounter counter) {
    programSlow(col * rows + row, targetMicroSiemens, counter);
  }

  private void programSlow(int i, double target, EventCounter counter) {
    Checks.checkFinite("slow-pair target (µS)", target);
    if (pcm != null) {
      pcm.program(i, target, timeSeconds(), counter);
      return;
    }
    PulsedDeviceParams p = plus.params();
    double unit = p.microSiemensPerUnit();
    double d = Math.abs(target) / (gain * unit); // weight units the "on" device must stand above the other
    double range = p.wMax() - p.wMin();
    if (d > range) {
      d = range;
      counter.add(Event.WEIGHTS_CLIPPED, 1);
    }
    PulsedDeviceArray on = target >= 0 ? plus : minus;
    PulsedDeviceArray off = target >= 0 ? minus : plus;
    off.resetToMin(i);
    if (p.closedLoopTuning()) {
      TuningResult r = on.tune(i, off.weight(i) + d, p.tuneToleranceMicroS() / unit, p.tuneMaxPulses(), p.tuneStallPulses());
      counter.add(Event.PCM_RESET_PULSES, 1);
      counter.add(Event.PCM_SET_PULSES, r.setPulses());
      counter.add(Event.PCM_VERIFY_READS, r.verifyReads());
      if (!r.converged()) counter.add(Event.PCM_CELLS_GIVEN_UP, 1);
    } else {
      on.resetToMin(i);
      int n = (int) Math.round(d / p.dwMin());
      on.pulse(i, n);
      counter.add(Event.PCM_RESET_PULSES, 2);
      counter.add(Event.PCM_SET_PULSES, n);
    }
    slowPart[i] = slowWeight(i);
  }

  @Override
  public boolean hasCapacitor() {
    return true;
  }

  @Override
  public double capacitorWeightMicroSiemens(int row, int col) {
    return fastPart(col * rows + row, col);
  }

  @Override
  public void reinitializeCapacitors(int col, EventCounter counter) {
    if (cap != null) {
      cap.reinitialize(col, counter);
      return;
    }
    for (int r = 0, i = col * rows; r < rows; r++, i++) g.reset(i);
    shared.reset(col);
    sharedNow[col] = shared.conductanceMicroSiemens(col);
    counter.add(Event.CAPACITOR_RESETS, rows + 1L);
  }

  @Override
  public int polarity(int col) {
    return cap != null ? cap.polarity[col] : polarity[col];
  }

  @Override
  public void flipPolarity(int col, EventCounter counter) {
    if (cap != null) {
      cap.flip(col, counter);
      return;
    }
    polarity[col] = (byte) -polarity[col];
    counter.add(Event.POLARITY_FLIPS, 1);
  }

  /** The slow pair's devices, then the fast pair's and the polarities. */
  @Override
  void writeDeviceState(java.io.DataOutput out) throws java.io.IOException {
    if (pcm != null) {
      pcm.writeState(out);
    } else {
      plus.writeState(out);
      minus.writeState(out);
    }
    if (cap != null) {
      cap.writeState(out);
    } else {
      g.writeState(out);
      shared.writeState(out);
      out.write(polarity);
    }
  }

  @Override
  void readDeviceState(java.io.DataInput in, double t) throws java.io.IOException {
    if (pcm != null) {
      pcm.readState(in, t);
    } else {
      plus.readState(in);
      minus.readState(in);
      for (int i = 0; i < slowPart.length; i++) slowPart[i] = slowWeight(i);
    }
    if (cap != null) {
      cap.readState(in);
    } else {
      g.readState(in);
      shared.readState(in);
      CapacitorCells.readPolarities(in, polarity);
      refreshShared();
    }
  }
}
