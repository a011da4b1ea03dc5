package org.aimc.crossbar;

import org.aimc.devices.PcmArray;
import org.aimc.devices.PcmParams;
import org.aimc.devices.TuningResult;

/**
 * The PCM pair {@code F·(G⁺ − G⁻)} of every cell of a block (cell index {@code col·rows + row}):
 * two {@link PcmArray}s and a cache of each cell's pair weight at the last refresh, which is what
 * the MVM cache is built from. Shared by the hybrid and the PCM-only layouts.
 */
final class PcmPairs {
  final PcmArray plus;
  final PcmArray minus;
  final double gain;
  /** F·(G⁺ − G⁻) of each cell, µS, as of the last refresh or programming of that cell. */
  final double[] part;
  /** Scratch of {@link #refreshAll}: G⁻ of every cell. */
  private final double[] scratch;

  PcmPairs(PcmParams params, double gain, int count, long seedPlus, long seedMinus) {
    this.plus = PcmArray.create(params, count, seedPlus);
    this.minus = PcmArray.create(params, count, seedMinus);
    this.gain = gain;
    this.part = new double[count];
    this.scratch = new double[count];
    refreshAll(0.0);
  }

  /** The largest pair weight programmed on purpose, µS: F × the useful PCM range (paper: 20 µS). */
  static double maxWeightMicroSiemens(PcmParams p, double gain) {
    return gain * p.gUsefulMaxMicroS();
  }

  /** The gain factor F of a layout with PCM pairs: finite and &gt; 0. */
  static void checkGainFactor(double gainFactor) {
    if (!(gainFactor > 0 && gainFactor < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("gainFactor must be finite and > 0, got " + gainFactor);
    }
  }

  /** F × the expected first partial-SET increment from RESET, µS: the nominal update step of a PCM-only cell. */
  static double nominalSetStepMicroSiemens(PcmParams p, double gain) {
    return gain * (p.expectedConductanceFromResetMicroS(p.setStepSeconds()) - p.gResetMicroS());
  }

  /** The true (drifted) pair weight at time t, µS. */
  double weightAt(int cell, double t) {
    return gain * (plus.conductanceMicroSiemens(cell, t) - minus.conductanceMicroSiemens(cell, t));
  }

  /** One noisy read of each device at time t, µS. */
  double readAt(int cell, double t) {
    return gain * (plus.readMicroSiemens(cell, t) - minus.readMicroSiemens(cell, t));
  }

  /** Every pair weight at time t (the same numbers as {@link #weightAt}, in two bulk device calls). */
  void refreshAll(double t) {
    double[] minusG = scratch;
    plus.conductancesMicroSiemens(t, part);
    minus.conductancesMicroSiemens(t, minusG);
    for (int i = 0; i < part.length; i++) part[i] = gain * (part[i] - minusG[i]);
  }

  /**
   * Closed-loop programming toward {@code F·(G⁺ − G⁻) = target}: the device on the other side is
   * RESET, the device on the target's side is tuned to {@code |target|/F} (the tuner RESETs it
   * first if it is above). A magnitude beyond the useful range is clipped to it and counted.
   */
  void program(int cell, double targetMicroSiemens, double t, EventCounter counter) {
    Tile.checkFinite("PCM target (µS)", targetMicroSiemens);
    if (targetMicroSiemens == 0.0) { // nothing to hold: RESET both, no tuning toward "almost zero"
      plus.reset(cell, t);
      minus.reset(cell, t);
      counter.add(Event.PCM_RESET_PULSES, 2);
      part[cell] = weightAt(cell, t);
      return;
    }
    double g = Math.abs(targetMicroSiemens) / gain;
    double max = plus.maxMicroSiemens();
    if (g > max) {
      g = max;
      counter.add(Event.WEIGHTS_CLIPPED, 1);
    }
    PcmArray on = targetMicroSiemens >= 0 ? plus : minus;
    PcmArray off = targetMicroSiemens >= 0 ? minus : plus;
    off.reset(cell, t);
    TuningResult r = on.tune(cell, g, t);
    counter.add(Event.PCM_RESET_PULSES, 1L + r.resetPulses());
    counter.add(Event.PCM_SET_PULSES, r.setPulses());
    counter.add(Event.PCM_VERIFY_READS, r.verifyReads());
    part[cell] = weightAt(cell, t);
  }

  /** Both devices' state ({@link PcmArray#writeState}), G⁺ first. */
  void writeState(java.io.DataOutput out) throws java.io.IOException {
    plus.writeState(out);
    minus.writeState(out);
  }

  /**
   * Restores what {@link #writeState} wrote and recomputes the pair weights at the cell array's time
   * t ({@link #part} always holds the weights at that time, so it is derived, not saved).
   */
  void readState(java.io.DataInput in, double t) throws java.io.IOException {
    plus.readState(in);
    minus.readState(in);
    refreshAll(t);
  }

  /** {@code n > 0} SET pulses on G⁺ (weight up), {@code n < 0} on G⁻ (weight down), at time t. */
  void setPulses(int cell, int n, double t) {
    PcmArray target = n > 0 ? plus : minus;
    int count = Math.abs(n);
    for (int k = 0; k < count; k++) target.applySetPulse(cell, t);
    part[cell] = weightAt(cell, t);
  }
}
