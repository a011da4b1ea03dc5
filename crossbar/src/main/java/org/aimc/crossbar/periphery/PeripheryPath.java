package org.aimc.crossbar.periphery;

import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounter;
import org.aimc.crossbar.InputScaling;
import org.aimc.crossbar.PeripheryConfig;
import org.aimc.crossbar.cells.Checks;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;

/**
 * One direction of a tile's periphery at run time: the {@link PeripheryConfig} turned into
 * precomputed converters and IR-drop factors for a fixed number of inputs and outputs.
 */
final class PeripheryPath {
  final PeripheryConfig config;
  final boolean ideal;
  private final int inputs;
  private final int outputs;
  private final Quantizer dac;
  private final Quantizer adc;
  /** Per-output IR-drop factor, or null when there is no IR drop. */
  private final float[] attenuation;
  private final double readNoiseNormalised;
  /** Output noise SD of this path, normalised units: outputNoise × the full-scale factor. */
  private final double outputNoise;
  /** ‖x̂‖² of the last {@link #encode}. */
  private double lastNormSquared;
  /** Scratch of {@link #encode}: the indices of the nonzero inputs. */
  private final int[] nonzero;

  /**
   * @param lineCells cells along a driven line of the physical tile (≥ outputs): the IR drop is that
   *     of the whole line, of which the outputs are the first positions
   */
  PeripheryPath(PeripheryConfig config, int inputs, int outputs, int lineCells, double maxWeightMicroSiemens) {
    this.config = config;
    this.ideal = config.isIdeal();
    this.inputs = inputs;
    this.outputs = outputs;
    this.nonzero = new int[inputs];
    this.dac = new Quantizer(config.dacBits(), 1.0);
    double fullScale = config.fullScaleFactor(inputs);
    this.adc = new Quantizer(config.adcBits(), config.outputRange() * fullScale);
    this.outputNoise = config.outputNoise() * fullScale;
    this.attenuation = config.irDrop() == 0 ? null : irDropFactors(config.irDrop(), outputs, lineCells);
    this.readNoiseNormalised = config.readNoiseMicroSiemens() / maxWeightMicroSiemens;
  }

  /**
   * The first-order IR-drop factors {@code 1 − drop·j(2N−j+1)/(N(N+1))}, j = 1..used, of a driven
   * line of N uniformly loaded cells fed from position 0: the current through segment k is that of
   * the N−k+1 cells beyond it, so the voltage lost up to cell j is a sum of those, normalised so that
   * the far end of the physical line (j = N) loses {@code drop}. N is the physical line, not the used
   * block: the unused cells still sit on the line.
   */
  static float[] irDropFactors(double drop, int used, int n) {
    float[] f = new float[used];
    double norm = (double) n * (n + 1);
    for (int j = 1; j <= used; j++) f[j - 1] = (float) (1.0 - drop * j * (2.0 * n - j + 1) / norm);
    return f;
  }

  /**
   * DAC: writes the normalised, clipped, quantised inputs {@code x̂} into {@code dst[0..inputs)}
   * and returns the input scale α (network input units per full scale); 0 when every input is 0
   * under {@link InputScaling#MAX_ABS}. Inputs beyond α are counted as {@link Event#DAC_CLIPPED}.
   *
   * @throws IllegalArgumentException naming the first input that is NaN or infinite
   */
  double encode(float[] x, int xOff, float[] dst, String name, EventCounter counter) {
    return encode(x, xOff, dst, 0, name, counter);
  }

  /** {@link #encode} into {@code dst[dstOff .. dstOff + inputs)}. */
  double encode(float[] x, int xOff, float[] dst, int dstOff, String name, EventCounter counter) {
    double alpha;
    if (config.inputScaling() == InputScaling.MAX_ABS) {
      alpha = Checks.maxAbsFinite(x, xOff, inputs, name);
      if (alpha == 0) {
        java.util.Arrays.fill(dst, dstOff, dstOff + inputs, 0f);
        lastNormSquared = 0;
        return 0;
      }
    } else {
      Checks.checkFinite(x, xOff, inputs, name);
      alpha = config.inputRange();
    }
    float inv = (float) (1.0 / alpha);
    double normSq = 0;
    long clipped = 0;
    // A zero input (81 % of an MNIST digit) encodes to what the converter makes of ±0, counts no clip
    // (α > 0) and adds +0 to ‖x̂‖²: when +0 and −0 encode to the same bits, zeros are filled in and only
    // the nonzero inputs ({@link Checks#nonzeroIndices}) go through the converter. The same bits as
    // converting every input.
    float zero = dac.apply(0f * inv);
    int count = inputs;
    int[] at = null;
    if (zero == 0f && Float.floatToRawIntBits(dac.apply(-0f * inv)) == Float.floatToRawIntBits(zero)) {
      at = nonzero;
      count = Checks.nonzeroIndices(x, xOff, inputs, at);
      java.util.Arrays.fill(dst, dstOff, dstOff + inputs, zero);
    }
    for (int k = 0; k < count; k++) {
      int i = at == null ? k : at[k];
      float xi = x[xOff + i];
      // Compared in input units, not after the rounded 1/α: under MAX_ABS α = max|x| counts nothing.
      if (Math.abs(xi) > alpha) clipped++;
      float v = dac.apply(xi * inv);
      dst[dstOff + i] = v;
      normSq += v * v;
    }
    lastNormSquared = normSq;
    counter.add(Event.DAC_CLIPPED, clipped);
    return alpha;
  }

  /**
   * Analog non-idealities and ADC: turns the array's raw outputs (cache · x̂, in network weight units)
   * into digital outputs and adds them to {@code y[yOff..yOff+outputs)}.
   *
   * @param outputUnit network weight units per normalised weight unit
   *     ({@code weightUnitsPerMicroSiemens · maxWeightMicroSiemens})
   * @param alpha the input scale from {@link #encode}
   * @param lineReadVariance per output, the cells' mean read-noise variance along its line in
   *     normalised weight units² (added as {@code lineReadVariance[j]·‖x̂‖²}), or null for none
   */
  void decodeAdd(float[] raw, float[] y, int yOff, double outputUnit, double alpha, EventCounter counter,
      ContinuousSampler gaussian, double[] lineReadVariance) {
    decodeAdd(raw, 0, y, yOff, outputUnit, alpha, lastNormSquared, counter, gaussian, lineReadVariance);
  }

  /** ‖x̂‖² of the last {@link #encode}: what a batch keeps per vector for {@link #decodeAdd}. */
  double lastNormSquared() {
    return lastNormSquared;
  }

  /**
   * {@link #decodeAdd} of the raw outputs at {@code raw[rawOff ..]} whose input had the encoded
   * norm² {@code normSquared} (the read noise grows with it).
   */
  void decodeAdd(float[] raw, int rawOff, float[] y, int yOff, double outputUnit, double alpha, double normSquared,
      EventCounter counter, ContinuousSampler gaussian, double[] lineReadVariance) {
    float toNormalised = (float) (1.0 / outputUnit);
    float toNetwork = (float) (outputUnit * alpha);
    double noiseVar = outputNoise * outputNoise
        + readNoiseNormalised * readNoiseNormalised * normSquared;
    float sigma = (float) Math.sqrt(noiseVar);
    float bound = adc.range;
    long clipped = 0;
    for (int j = 0; j < outputs; j++) {
      float v = raw[rawOff + j] * toNormalised;
      if (attenuation != null) v *= attenuation[j];
      if (lineReadVariance != null) {
        v += (float) Math.sqrt(noiseVar + lineReadVariance[j] * normSquared) * (float) gaussian.sample();
      } else if (sigma != 0f) v += sigma * (float) gaussian.sample();
      if (v > bound || v < -bound) clipped++;
      y[yOff + j] += adc.apply(v) * toNetwork;
    }
    counter.add(Event.ADC_CLIPPED, clipped);
  }
}
