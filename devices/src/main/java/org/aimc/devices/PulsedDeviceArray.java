package org.aimc.devices;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.util.Locale;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * An array of devices of one of IBM aihwkit's pulsed families ({@link StepFamily}), stored
 * array-wise: flat {@code double[]}s of state and per-device draws, one seeded random stream, no
 * object per device. The update rules are those of aihwkit's {@code src/rpucuda/rpu_pulsed_device.cpp}
 * ({@code populate}), {@code rpu_constantstep_device.cpp}, {@code rpu_linearstep_device.cpp} (soft
 * bounds are its special case), {@code rpu_expstep_device.cpp} and {@code rpu_powstep_device.cpp},
 * rewritten here; where aihwkit's documentation and code differ (the sign convention of
 * {@code up_down}) the code is followed. Not thread-safe.
 *
 * <h2>Model (weights w in aihwkit's units; parameters in {@link PulsedDeviceParams})</h2>
 *
 * <ul>
 *   <li><b>Per-device draws</b> (z standard normal, one per quantity, not truncated, as aihwkit):
 *       bounds {@code b⁺_i = wMax·(1 + wMaxDtod·z)}, {@code b⁻_i = wMin·(1 + wMinDtod·z)}; gain
 *       {@code g_i = 1 + dwMinDtod·z}; asymmetry {@code r_i = upDownDtod·z}; steps
 *       {@code Δ⁺_i = (min(0, upDown) + g_i + r_i)·dwMin}, {@code Δ⁻_i = (−max(0, upDown) + g_i − r_i)·dwMin}.
 *       Consistency as aihwkit's {@code enforce_consistency}: steps taken by magnitude,
 *       {@code b⁺ ≥ 0 ≥ b⁻}. Reset point {@code β_i = reset + resetDtod·z}; decay time
 *       {@code τ_i = τ·(1 + leakDtod·z)}.
 *   <li><b>One pulse up / down</b>, ξ standard normal per pulse, σ = dwMinCtoc, then w clipped to
 *       [b⁻_i, b⁺_i]:
 *       <ul>
 *         <li>CONSTANT_STEP: {@code w ± Δ^±_i·(1 + σξ)}
 *         <li>LINEAR_STEP: {@code w ± (Δ^±_i + s^±_i·w)·(1 + σξ)} (multiplicative noise; additive:
 *             {@code w ± (Δ^±_i·(1 + σξ) + s^±_i·w)}), slopes {@code s⁺_i = −|γ⁺ + γ⁺_dtod·z|·Δ⁺_i/B⁺},
 *             {@code s⁻_i = −|γ⁻ + γ⁻_dtod·z|·Δ⁻_i/B⁻} with B the mean bounds (meanBoundReference) or the device's.
 *             So the up step is {@code Δ⁺_i·(1 − γ⁺·w/B⁺)}.
 *         <li>SOFT_BOUNDS: LINEAR_STEP with γ = 1, no γ spread and each device's own bounds: the
 *             step falls linearly to 0 at the bound, {@code Δ⁺_i·(1 − w/b⁺_i)}.
 *         <li>EXP_STEP: {@code z = 2a·w/(b⁺_i − b⁻_i) + b}; up {@code w + max(0, 1 − A⁺e^{γ⁺z})·Δ⁺_i·(1 + σξ)},
 *             down {@code w − max(0, 1 − A⁻e^{−γ⁻z})·Δ⁻_i·(1 + σξ)}; with dwMinCtocAdd or
 *             dwMinCtocSlope &gt; 0 the noise is added instead: {@code w + Δw + σ·(|Δw| + add + slope·|w|)·ξ}.
 *         <li>POW_STEP: up {@code w + Δ⁺_i·((b⁺_i − w)/(b⁺_i − b⁻_i))^{γ⁺_i}·(1 + σξ)}, down
 *             {@code w − Δ⁻_i·((w − b⁻_i)/(b⁺_i − b⁻_i))^{γ⁻_i}·(1 + σξ)}, exponents drawn like the steps
 *             from powGamma, powGammaDtod, powUpDown, powUpDownDtod.
 *       </ul>
 *   <li><b>Write noise</b> (writeNoise &gt; 0): pulses act on a hidden w; what is read is
 *       {@code w + writeNoise·dwMin·ξ}, redrawn after every pulse burst and reset (aihwkit redraws
 *       after every pulse; only the last draw of a burst is ever read).
 *   <li><b>Reset</b> ({@link #reset}): {@code w = β_i + resetCtoc·ξ}, clipped. {@link #resetToMin}
 *       drives a device to its lower bound (the slow role's RESET; assumed).
 *   <li><b>Decay</b> ({@link #advanceTo}): {@code w ← β_i + (w − β_i)·e^{−Δt/τ_i}} (aihwkit's
 *       {@code lifetime}, per mini-batch there, in seconds here).
 * </ul>
 *
 * <p>Random numbers: {@code XO_RO_SHI_RO_128_PP} seeded with {@link #seed()}; see {@code DeviceRandom}.
 * Checkpoints: {@link #writeState} saves the time, the hidden and read weights and the
 * cycle-to-cycle stream; the draws are re-created from the seed.
 */
public final class PulsedDeviceArray {
  /** Format tag of {@link #writeState}: "PUL" and format version 1. */
  private static final int STATE_TAG = 0x50554c01;

  private final PulsedDeviceParams p;
  private final long seed;
  private final int n;
  private final StepFamily family;
  /** Hidden weight (what pulses move). */
  private final double[] w;
  /** Read weight: w plus write noise; the same array as {@link #w} without write noise. */
  private final double[] read;
  private final double[] minBound;
  private final double[] maxBound;
  private final double[] upStep;
  private final double[] downStep;
  /** LINEAR_STEP/SOFT_BOUNDS slopes s⁺, s⁻; POW_STEP exponents γ⁺, γ⁻. */
  private final double[] upShape;
  private final double[] downShape;
  private final double[] resetPoint;
  /** 1/τ_i, 1/s (0: no decay). */
  private final double[] invTau;
  private final double ctoc;
  private final double writeNoiseUnits;
  private final boolean complexNoise;
  private double time;

  private final RestorableUniformRandomProvider ctocRng;
  private final ContinuousSampler normal;

  private PulsedDeviceArray(PulsedDeviceParams p, int count, long seed) {
    if (count < 1) throw new DeviceParameterException("count = " + count + " is outside the allowed range [1, 2^31)");
    this.p = p;
    this.seed = seed;
    this.n = count;
    this.family = p.family();
    this.ctoc = p.dwMinCtoc();
    this.writeNoiseUnits = p.writeNoise() * p.dwMin();
    this.complexNoise = family == StepFamily.EXP_STEP && (p.dwMinCtocAdd() > 0 || p.dwMinCtocSlope() > 0);
    DeviceRandom r = new DeviceRandom(seed);
    ContinuousSampler dn = ZigguratSampler.NormalizedGaussian.of(r.dtod);
    this.ctocRng = r.ctoc;
    this.normal = ZigguratSampler.NormalizedGaussian.of(r.ctoc);
    w = new double[count];
    read = writeNoiseUnits > 0 ? new double[count] : w;
    minBound = new double[count];
    maxBound = new double[count];
    upStep = new double[count];
    downStep = new double[count];
    upShape = new double[count];
    downShape = new double[count];
    resetPoint = new double[count];
    invTau = new double[count];
    double upBias = Math.min(0, p.upDown());
    double downBias = -Math.max(0, p.upDown());
    double powUpBias = Math.min(0, p.powUpDown());
    double powDownBias = -Math.max(0, p.powUpDown());
    double tau = p.leakTimeConstantSeconds();
    for (int i = 0; i < count; i++) {
      // Every quantity draws its z whatever the family, so one parameter never shifts another's draws.
      double hi = p.wMax() * (1 + p.wMaxDtod() * dn.sample());
      double lo = p.wMin() * (1 + p.wMinDtod() * dn.sample());
      double gain = 1 + p.dwMinDtod() * dn.sample();
      double asym = p.upDownDtod() * dn.sample();
      double up = Math.abs((upBias + gain + asym) * p.dwMin());
      double down = Math.abs((downBias + gain - asym) * p.dwMin());
      if (lo > hi) {
        double t = lo;
        lo = hi;
        hi = t;
      }
      hi = Math.abs(hi);
      lo = -Math.abs(lo);
      double gUp = Math.abs(p.gammaUp() + p.gammaUpDtod() * dn.sample());
      double gDown = Math.abs(p.gammaDown() + p.gammaDownDtod() * dn.sample());
      double powGain = 1 + p.powGammaDtod() * dn.sample();
      double powAsym = p.powUpDownDtod() * dn.sample();
      double rp = p.reset() + p.resetDtod() * dn.sample();
      double tauFactor = 1 + p.leakDtod() * dn.sample();
      minBound[i] = lo;
      maxBound[i] = hi;
      upStep[i] = up;
      downStep[i] = down;
      switch (family) {
        case LINEAR_STEP -> {
          double refUp = p.meanBoundReference() ? p.wMax() : hi;
          double refDown = p.meanBoundReference() ? p.wMin() : lo;
          upShape[i] = refUp != 0 ? -gUp * up / refUp : 0;
          downShape[i] = refDown != 0 ? -gDown * down / refDown : 0;
        }
        case SOFT_BOUNDS -> {
          upShape[i] = hi != 0 ? -up / hi : 0;
          downShape[i] = lo != 0 ? -down / lo : 0;
        }
        case POW_STEP -> {
          upShape[i] = Math.abs((powUpBias + powGain + powAsym) * p.powGamma());
          downShape[i] = Math.abs((powDownBias + powGain - powAsym) * p.powGamma());
        }
        default -> { }
      }
      resetPoint[i] = Math.min(hi, Math.max(lo, rp));
      invTau[i] = tau == Double.POSITIVE_INFINITY ? 0 : 1 / (tau * Math.max(0.1, tauFactor));
      w[i] = resetPoint[i];
      if (read != w) read[i] = w[i];
    }
  }

  /** {@code count} devices at their reset point, time 0, each with its own draws from {@code seed}. */
  public static PulsedDeviceArray create(PulsedDeviceParams p, int count, long seed) {
    if (p == null) throw new DeviceParameterException("pulsed device parameters must not be null");
    return new PulsedDeviceArray(p, count, seed);
  }

  public PulsedDeviceParams params() {
    return p;
  }

  public long seed() {
    return seed;
  }

  public int size() {
    return n;
  }

  /** The device time, s. */
  public double timeSeconds() {
    return time;
  }

  /** The weight a read sees (hidden weight plus write noise), weight units. */
  public double weight(int i) {
    return read[i];
  }

  /** The hidden weight that pulses move, weight units (equal to {@link #weight} without write noise). */
  public double hiddenWeight(int i) {
    return w[i];
  }

  /** {@link #weight} in µS above the device's w = 0 point: {@code microSiemensPerUnit·w}. */
  public double conductanceMicroSiemens(int i) {
    return p.microSiemensPerUnit() * read[i];
  }

  /** The device's lower bound b⁻_i, weight units. */
  public double minBound(int i) {
    return minBound[i];
  }

  /** The device's upper bound b⁺_i, weight units. */
  public double maxBound(int i) {
    return maxBound[i];
  }

  /** The device's up step Δ⁺_i at w = 0 before the family's shape, weight units. */
  public double upStep(int i) {
    return upStep[i];
  }

  /** The device's down step Δ⁻_i, weight units. */
  public double downStep(int i) {
    return downStep[i];
  }

  /** The device's reset point β_i, weight units. */
  public double resetPoint(int i) {
    return resetPoint[i];
  }

  /**
   * {@code |n|} pulses on device i, up for {@code n > 0}, down for {@code n < 0}, one step rule
   * application each (each with its own cycle-to-cycle noise), then the write noise redrawn.
   * Returns the change of the read weight, weight units.
   */
  public double pulse(int i, int pulses) {
    double before = read[i];
    double x = w[i];
    boolean up = pulses > 0;
    for (int k = Math.abs(pulses); k > 0; k--) x = once(i, x, up);
    w[i] = x;
    if (pulses != 0) redrawWriteNoise(i);
    return read[i] - before;
  }

  /**
   * A batch of pulse bursts: device {@code cells[k]} gets {@code signedPulses[k]} pulses
   * ({@link #pulse}); the changes of the read weights go to {@code change[k]}. Returns the number
   * of up pulses (the rest are down).
   */
  public long applyPulses(int[] cells, int[] signedPulses, int count, double[] change) {
    long up = 0;
    for (int k = 0; k < count; k++) {
      int np = signedPulses[k];
      if (np > 0) up += np;
      change[k] = pulse(cells[k], np);
    }
    return up;
  }

  /** One pulse's step rule at hidden weight x of device i; returns the new hidden weight, clipped. */
  private double once(int i, double x, boolean up) {
    double lo = minBound[i];
    double hi = maxBound[i];
    double y;
    switch (family) {
      case CONSTANT_STEP -> {
        double f = 1 + ctoc * normal.sample();
        y = up ? x + upStep[i] * f : x - downStep[i] * f;
      }
      case LINEAR_STEP, SOFT_BOUNDS -> {
        double xi = normal.sample();
        if (p.multiplicativeNoise()) {
          double f = 1 + ctoc * xi;
          y = up ? x + (upShape[i] * x + upStep[i]) * f : x - (downShape[i] * x + downStep[i]) * f;
        } else {
          y = up ? x + upShape[i] * x + upStep[i] * (1 + ctoc * xi) : x - downShape[i] * x - downStep[i] * (1 + ctoc * xi);
        }
      }
      case EXP_STEP -> {
        double range = hi - lo;
        if (!(range > 0)) return x;
        double z = 2 * x / range * p.expA() + p.expB();
        double shape = up ? Math.max(0, 1 - p.expAUp() * Math.exp(p.expGammaUp() * z))
            : Math.max(0, 1 - p.expADown() * Math.exp(-p.expGammaDown() * z));
        double xi = normal.sample();
        if (complexNoise) {
          double dw = up ? shape * upStep[i] : -shape * downStep[i];
          y = x + dw + ctoc * (Math.abs(dw) + p.dwMinCtocAdd() + p.dwMinCtocSlope() * Math.abs(x)) * xi;
        } else {
          y = up ? x + shape * upStep[i] * (1 + ctoc * xi) : x - shape * downStep[i] * (1 + ctoc * xi);
        }
      }
      case POW_STEP -> {
        double range = hi - lo;
        if (!(range > 0)) return x;
        double f = 1 + ctoc * normal.sample();
        y = up ? x + upStep[i] * Math.pow(Math.max(0, hi - x) / range, upShape[i]) * f
            : x - downStep[i] * Math.pow(Math.max(0, x - lo) / range, downShape[i]) * f;
      }
      default -> throw new IllegalStateException("family " + family);
    }
    return y > hi ? hi : (y < lo ? lo : y);
  }

  private void redrawWriteNoise(int i) {
    if (read != w) read[i] = w[i] + writeNoiseUnits * normal.sample();
  }

  /** Resets device i to its reset point with the reset's cycle-to-cycle spread (aihwkit {@code reset_std}). */
  public void reset(int i) {
    double x = resetPoint[i] + (p.resetCtoc() > 0 ? p.resetCtoc() * normal.sample() : 0);
    w[i] = Math.min(maxBound[i], Math.max(minBound[i], x));
    redrawWriteNoise(i);
  }

  /** Drives device i to its lower bound b⁻_i (the slow role's RESET; assumed to be exact). */
  public void resetToMin(int i) {
    w[i] = minBound[i];
    redrawWriteNoise(i);
  }

  /** Sets device i's hidden weight to x clipped to its bounds (aihwkit {@code set_weights}), write noise drawn anew. */
  public void set(int i, double x) {
    if (!Double.isFinite(x)) throw new DeviceParameterException("weight = " + x + " must be finite");
    w[i] = Math.min(maxBound[i], Math.max(minBound[i], x));
    redrawWriteNoise(i);
  }

  /**
   * Program-and-verify toward read weight {@code target} (weight units): read, and while the read
   * is farther than {@code tolerance} from the target, a burst of pulses toward it
   * ({@code round(error / dwMin)}, at least one, at most what is left of {@code maxPulses}), then
   * read again. Gives up when {@code maxPulses} are spent, or when {@code stallPulses} pulses have
   * neither brought the reads closer to the target by more than the tolerance nor crossed it (the
   * device is pushed one way without effect: a target beyond its own bound; a device whose write
   * noise scatters its reads around the target crosses it and goes on). Returns the pulses (as SET pulses), no RESETs, the verify reads and the
   * last read in µS.
   */
  public TuningResult tune(int i, double target, double tolerance, int maxPulses, int stallPulses) {
    int pulses = 0;
    int reads = 1;
    double now = read[i];
    double best = Math.abs(target - now);
    int sinceProgress = 0;
    int lastDirection = 0;
    double step = p.dwMin();
    boolean stalled = false;
    while (Math.abs(target - now) > tolerance && pulses < maxPulses) {
      if (sinceProgress >= stallPulses) {
        stalled = true;
        break;
      }
      double e = target - now;
      int direction = e > 0 ? 1 : -1;
      if (direction != lastDirection) sinceProgress = 0; // the reads crossed the target
      lastDirection = direction;
      int burst = (int) Math.max(1, Math.min(maxPulses - pulses, Math.round(Math.abs(e) / step)));
      pulse(i, direction * burst);
      pulses += burst;
      sinceProgress += burst;
      now = read[i];
      reads++;
      double err = Math.abs(target - now);
      if (err < best - tolerance) {
        best = err;
        sinceProgress = 0;
      }
    }
    boolean ok = Math.abs(target - now) <= tolerance;
    return new TuningResult(pulses, 0, reads, p.microSiemensPerUnit() * now, ok, stalled);
  }

  /** Moves every device to time t (decay toward its reset point); t must not go back. */
  public void advanceTo(double t) {
    if (!(t >= time) || t == Double.POSITIVE_INFINITY) {
      throw new DeviceParameterException(String.format(Locale.ROOT, "time must be finite and not go back: now %.9g s, asked %s s", time, t));
    }
    double dt = t - time;
    if (dt > 0 && p.leakTimeConstantSeconds() != Double.POSITIVE_INFINITY) {
      for (int i = 0; i < n; i++) {
        double b = resetPoint[i];
        double x = b + (w[i] - b) * Math.exp(-dt * invTau[i]);
        if (read != w) read[i] += x - w[i];
        w[i] = x;
      }
    }
    time = t;
  }

  /** The time, the cycle-to-cycle stream, the hidden and the read weights. */
  public void writeState(DataOutput out) throws IOException {
    StateIo.writeHeader(out, STATE_TAG, n, seed, StateIo.fingerprint(p));
    StateIo.writeRng(out, ctocRng);
    out.writeDouble(time);
    StateIo.writeDoubles(out, w);
    if (read != w) StateIo.writeDoubles(out, read);
  }

  /**
   * Restores what {@link #writeState} wrote into an array of the same parameters, count and seed.
   *
   * @throws IOException if the state is of another kind, count, seed or parameters, or truncated
   */
  public void readState(DataInput in) throws IOException {
    try {
      StateIo.readHeader(in, "PulsedDeviceArray", STATE_TAG, n, seed, StateIo.fingerprint(p));
      byte[] rng = StateIo.readRngState(in, "PulsedDeviceArray");
      double t = in.readDouble();
      double[] x = new double[n];
      StateIo.readDoubles(in, x);
      double[] r = read != w ? new double[n] : x;
      if (read != w) StateIo.readDoubles(in, r);
      if (!(t >= 0 && t < Double.POSITIVE_INFINITY)) throw new IOException("PulsedDeviceArray state has time " + t + " s; a corrupt state");
      StateIo.restoreRng(ctocRng, rng, "PulsedDeviceArray");
      time = t;
      System.arraycopy(x, 0, w, 0, n);
      if (read != w) System.arraycopy(r, 0, read, 0, n);
    } catch (EOFException e) {
      EOFException t = new EOFException(String.format(Locale.ROOT, "PulsedDeviceArray state (%d devices, seed %d) is truncated", n, seed));
      t.initCause(e);
      throw t;
    }
  }
}
