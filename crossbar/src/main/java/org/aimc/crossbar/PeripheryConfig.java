package org.aimc.crossbar;

import java.util.Locale;
import org.aimc.devices.Check;

/**
 * The periphery of one MVM direction (forward or backward) of a tile: input DAC, analog
 * non-idealities, output ADC.
 *
 * <h2>Units</h2>
 * Analog quantities are in <b>normalised units</b> (as in IBM aihwkit): an input of 1 is the DAC's
 * full scale, a weight of 1 is the cell's largest weight {@link CellArray#maxWeightMicroSiemens()},
 * so an output of 1 is the current of one cell at its largest weight driven at full scale. The
 * output range and noise are given in these units, which makes a periphery preset independent of
 * the network's weight scale. The tile converts to and from network units:
 * {@code y = ŷ · weightUnitsPerMicroSiemens · maxWeightMicroSiemens · α}, with α the input scale
 * ({@link #inputRange()} or {@code max|x|}).
 *
 * <h2>One MVM</h2>
 * <ol>
 *   <li>DAC: {@code x̂ = clip(x/α, −1, 1)} (inputs beyond α counted as {@link Event#DAC_CLIPPED}),
 *       quantised to {@code dacBits} (see below);
 *   <li>array: {@code ŷ_j = Σ_i Ŵ_ij·x̂_i} on the effective-weight cache;
 *   <li>IR drop: {@code ŷ_j ·= 1 − irDrop·j(2N−j+1)/(N(N+1))}, the first-order voltage loss at
 *       position {@code j} of a uniformly loaded driven line of N cells, N the tile's <i>physical</i>
 *       line (columns forward, rows backward) and j = 1..(lines used): the far end of a fully used
 *       line loses {@code irDrop}, a small block in the driver's corner of a large tile much less.
 *       Unused cells are assumed to load the line as used ones do; the sensed line's resistance is
 *       neglected;
 *   <li>noise: {@code ŷ_j += N(0, σ²)}, {@code σ² = outputNoise² + (readNoiseMicroSiemens /
 *       maxWeightMicroSiemens)²·‖x̂‖²} — independent Gaussian read noise on each cell sums along a
 *       line to one Gaussian of that variance, so it is drawn once per output, exactly;
 *   <li>ADC: clip to {@code ±outputRange} (counted as {@link Event#ADC_CLIPPED}), quantise to
 *       {@code adcBits}.
 * </ol>
 *
 * <h2>Quantisation convention</h2>
 * A converter of {@code b ≥ 2} bits over {@code ±range} has the {@code 2^b − 1} levels
 * {@code k·range/(2^(b−1) − 1)}, {@code |k| ≤ 2^(b−1) − 1}: symmetric, zero included, both bounds
 * reachable. Values round to the nearest level. {@code b = 0} means no quantisation.
 *
 * @param dacBits input DAC resolution in bits; 0 = unquantised, else 2..24
 * @param inputScaling how inputs are scaled onto the DAC's full scale
 * @param inputRange for {@link InputScaling#FIXED}: the input (network units) that maps to full
 *     scale, &gt; 0; unused by {@link InputScaling#MAX_ABS} but still validated
 * @param adcBits output ADC resolution in bits; 0 = unquantised, else 2..24
 * @param outputRange ADC full scale, normalised units, &gt; 0; {@code +∞} = no clipping (only when
 *     {@code adcBits} is 0)
 * @param outputNoise standard deviation of the additive Gaussian output noise, normalised units, ≥ 0
 * @param readNoiseMicroSiemens standard deviation of independent per-read noise on every cell's
 *     weight, µS, ≥ 0
 * @param irDrop relative voltage drop at the far end of a fully used driven line of the physical tile, in [0, 1)
 * @param outputScaling whether outputRange and outputNoise are absolute or per √(driven line)
 *     ({@link OutputScaling}); with {@code SQRT_LINES} an MVM driving N lines has full scale
 *     {@code outputRange·√N} and noise {@code outputNoise·√N}
 */
public record PeripheryConfig(
    int dacBits,
    InputScaling inputScaling,
    double inputRange,
    int adcBits,
    double outputRange,
    double outputNoise,
    double readNoiseMicroSiemens,
    double irDrop,
    OutputScaling outputScaling) {

  public PeripheryConfig {
    checkBits("dacBits", dacBits);
    checkBits("adcBits", adcBits);
    if (inputScaling == null) throw new IllegalArgumentException("inputScaling is null");
    Check.plausible("inputRange", inputRange, 1e-6, 1e6, "network units");
    if (outputRange != Double.POSITIVE_INFINITY) Check.plausible("outputRange", outputRange, 1e-3, 1e6, "normalised units (or Infinity: no clipping)");
    if (adcBits > 0 && outputRange == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(
          "an ADC of " + adcBits + " bits needs a finite outputRange (levels are range/(2^(bits-1)-1) apart)");
    }
    Check.plausible("outputNoise", outputNoise, 0, 100, "normalised units");
    Check.plausible("readNoiseMicroSiemens", readNoiseMicroSiemens, 0, 100, "µS");
    if (!(irDrop >= 0 && irDrop < 1)) throw new IllegalArgumentException("irDrop must be in [0, 1), got " + irDrop);
    if (outputScaling == null) throw new IllegalArgumentException("outputScaling is null (allowed: FIXED, SQRT_LINES)");
  }

  /** With absolute ({@link OutputScaling#FIXED}) output range and noise. */
  public PeripheryConfig(int dacBits, InputScaling inputScaling, double inputRange, int adcBits, double outputRange,
      double outputNoise, double readNoiseMicroSiemens, double irDrop) {
    this(dacBits, inputScaling, inputRange, adcBits, outputRange, outputNoise, readNoiseMicroSiemens, irDrop, OutputScaling.FIXED);
  }

  /** The full-scale multiplier of an MVM driving {@code drivenLines} lines: 1, or √lines. */
  public double fullScaleFactor(int drivenLines) {
    return outputScaling == OutputScaling.FIXED ? 1.0 : Math.sqrt(drivenLines);
  }

  public PeripheryConfig withOutputScaling(OutputScaling o) {
    return new PeripheryConfig(dacBits, inputScaling, inputRange, adcBits, outputRange, outputNoise, readNoiseMicroSiemens, irDrop, o);
  }

  private static void checkBits(String name, int bits) {
    if (bits != 0 && (bits < 2 || bits > 24)) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "%s must be 0 (unquantised) or 2..24, got %d", name, bits));
    }
  }

  /** Periphery off: no quantisation, no clipping, no noise, no IR drop. The tile then computes W·x exactly. */
  public static PeripheryConfig ideal() {
    return new PeripheryConfig(0, InputScaling.MAX_ABS, 1.0, 0, Double.POSITIVE_INFINITY, 0.0, 0.0, 0.0);
  }

  /**
   * The periphery of the {@code ambrogio2018} tile preset in the forward direction (the same as
   * the backward one): every value assumed, from IBM aihwkit's {@code PresetIOParameters}, with the
   * output range and noise per √(driven line). Each value's source is in
   * {@code presets/tile/ambrogio2018.yaml}.
   */
  public static PeripheryConfig ambrogio2018() {
    return TileConfig.ambrogio2018().forward();
  }

  /** Whether this periphery leaves W·x untouched, so the tile can skip the conversions. */
  public boolean isIdeal() {
    return dacBits == 0 && adcBits == 0 && outputRange == Double.POSITIVE_INFINITY
        && outputNoise == 0 && readNoiseMicroSiemens == 0 && irDrop == 0
        && inputScaling == InputScaling.MAX_ABS; // a FIXED range clips, even with nothing else on
  }

  public PeripheryConfig withDacBits(int bits) {
    return new PeripheryConfig(bits, inputScaling, inputRange, adcBits, outputRange, outputNoise, readNoiseMicroSiemens, irDrop, outputScaling);
  }

  public PeripheryConfig withInputScaling(InputScaling scaling, double range) {
    return new PeripheryConfig(dacBits, scaling, range, adcBits, outputRange, outputNoise, readNoiseMicroSiemens, irDrop, outputScaling);
  }

  public PeripheryConfig withAdc(int bits, double range) {
    return new PeripheryConfig(dacBits, inputScaling, inputRange, bits, range, outputNoise, readNoiseMicroSiemens, irDrop, outputScaling);
  }

  public PeripheryConfig withOutputNoise(double sigma) {
    return new PeripheryConfig(dacBits, inputScaling, inputRange, adcBits, outputRange, sigma, readNoiseMicroSiemens, irDrop, outputScaling);
  }

  public PeripheryConfig withReadNoiseMicroSiemens(double sigma) {
    return new PeripheryConfig(dacBits, inputScaling, inputRange, adcBits, outputRange, outputNoise, sigma, irDrop, outputScaling);
  }

  public PeripheryConfig withIrDrop(double drop) {
    return new PeripheryConfig(dacBits, inputScaling, inputRange, adcBits, outputRange, outputNoise, readNoiseMicroSiemens, drop, outputScaling);
  }
}
