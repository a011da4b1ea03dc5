package org.aimc.experiments.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aimc.crossbar.Event;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.TileConfig;
import org.aimc.crossbar.tile.AnalogLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Speed of one analog layer (forward, backward, update, and the three as one training step) at
 * batch size 1, beside a {@link PlainFloatLayer} of the same shape and ND4J's gemv, measured in the
 * same run.
 *
 * <p>Workload: weights uniform in ±0.1 of the cell's largest weight, programmed into the devices;
 * inputs x uniform in [0, 1] (dense, like sigmoid activations; a harder case than MNIST pixels,
 * 80 % of which are 0); errors δ normal, learning rate η. The cost of an update grows with the
 * pulses it delivers, so δ's standard deviation is set from a wanted mean number of pulses per cell
 * per update: {@code E[n] = η·E|δ|·E|x| / (weightUnitsPerMicroSiemens·step)} with E|x| = ½ and
 * {@code E|δ| = σ·√(2/π)}. The paper's hybrid cells received about 1,000 pulses per 16,000 images
 * (paper), i.e. 0.0625 per cell per example. A pool of 64 (x, δ) pairs is cycled, in which every
 * (x, δ) is followed by (x, −δ).
 */
public final class TileBenchmark {
  private static final int POOL = 64;

  /**
   * One layer shape's figures; times in µs per call (medians over the rounds), NaN where not
   * measured; {@code ratioRange} holds, for forward, backward, update and step, the min and max
   * over the rounds of emulated/plain taken within each round: {@code [fMin, fMax, bMin, bMax, …]}.
   */
  public record Result(
      int inputs,
      int outputs,
      double forwardMicros,
      double backwardMicros,
      double updateMicros,
      double stepMicros,
      double plainForwardMicros,
      double plainBackwardMicros,
      double plainUpdateMicros,
      double plainStepMicros,
      double nd4jForwardMicros,
      double nd4jBackwardMicros,
      double refreshMicros,
      double[] ratioRange,
      double deltaStd,
      double pulsesPerCellPerUpdate,
      double adcClippedFraction) {}

  private final TileConfig config;
  private final MedianTimer timer;
  private final long seed;
  private final float eta;
  private final double pulsesPerCell;
  private final boolean nd4j;

  /**
   * @param pulsesPerCell the wanted mean pulses per cell per update, which sets δ's spread
   */
  public TileBenchmark(TileConfig config, MedianTimer timer, long seed, float eta, double pulsesPerCell, boolean nd4j) {
    if (!(eta > 0) || !(pulsesPerCell > 0)) {
      throw new IllegalArgumentException("eta and pulses per cell must be > 0, got " + eta + ", " + pulsesPerCell);
    }
    this.config = config;
    this.timer = timer;
    this.seed = seed;
    this.eta = eta;
    this.pulsesPerCell = pulsesPerCell;
    this.nd4j = nd4j;
  }

  public Result measure(int inputs, int outputs) {
    SplittableRandom rnd = new SplittableRandom(seed ^ (inputs * 31L + outputs));
    AnalogLayer layer = AnalogLayer.create(inputs, outputs, config, seed);
    float[] w = new float[inputs * outputs];
    double wMax = 0.1 * layer.maxWeight();
    for (int i = 0; i < w.length; i++) w[i] = (float) ((2 * rnd.nextDouble() - 1) * wMax);
    layer.setWeights(w);
    PlainFloatLayer plain = new PlainFloatLayer(inputs, outputs, w);

    double step = layer.tile(0, 0).cells().updateStepMicroSiemens();
    double meanAbsDelta = pulsesPerCell * layer.weightUnitsPerMicroSiemens() * step / (eta * 0.5);
    double deltaStd = meanAbsDelta / Math.sqrt(2 / Math.PI);
    float[][] xs = new float[POOL][inputs];
    float[][] ds = new float[POOL][outputs];
    // Pairs (x, δ), (x, −δ): thousands of timed updates then add up to no net change, as they
    // would not in training without transfers; the devices' own up/down asymmetry still drifts.
    for (int p = 0; p < POOL; p += 2) {
      for (int i = 0; i < inputs; i++) xs[p][i] = (float) rnd.nextDouble();
      for (int o = 0; o < outputs; o++) ds[p][o] = (float) (deltaStd * gaussian(rnd));
      xs[p + 1] = xs[p].clone();
      for (int o = 0; o < outputs; o++) ds[p + 1][o] = -ds[p][o];
    }
    float[] y = new float[outputs];
    float[] z = new float[inputs];
    float[] py = new float[outputs];
    float[] pz = new float[inputs];

    EventCounts before = layer.counts();
    MedianTimer.Timings timings = timer.measure(
        k -> layer.forward(xs[k & (POOL - 1)], y),
        k -> plain.forward(xs[k & (POOL - 1)], py),
        k -> layer.backward(ds[k & (POOL - 1)], z),
        k -> plain.backward(ds[k & (POOL - 1)], pz),
        k -> layer.update(xs[k & (POOL - 1)], ds[k & (POOL - 1)], eta),
        k -> plain.update(xs[k & (POOL - 1)], ds[k & (POOL - 1)], eta),
        k -> {
          float[] x = xs[k & (POOL - 1)];
          float[] d = ds[k & (POOL - 1)];
          layer.forward(x, y);
          layer.backward(d, z);
          layer.update(x, d, eta);
        },
        k -> {
          float[] x = xs[k & (POOL - 1)];
          float[] d = ds[k & (POOL - 1)];
          plain.forward(x, py);
          plain.backward(d, pz);
          plain.update(x, d, eta);
        });
    double[] t = timings.medians();
    // Op 2i is emulated, 2i+1 plain: emulated/plain within each round, its min and max.
    double[] ratioRange = new double[8];
    for (int i = 0; i < 4; i++) {
      MedianTimer.Summary q = timings.ratio(2 * i, 2 * i + 1);
      ratioRange[2 * i] = q.min();
      ratioRange[2 * i + 1] = q.max();
    }
    EventCounts used = layer.counts().minus(before);
    // The trainer's clock: leakage and drift of every device, then the cache rebuilt. From 100 s on,
    // past the drift reference time t0 = 20 s, so every PCM device pays its power law.
    double[] clock = {Math.max(100.0, layer.timeSeconds())};
    double refresh = timer.medianNanos(k -> layer.advanceTo(clock[0] += 1e-3))[0] / 1e3;
    long pulses = used.capacitorPulses() + used.get(Event.PCM_SET_PULSES);
    long updates = used.get(Event.UPDATES);
    long cellsPerUpdate = (long) inputs * outputs;
    int tilesPerUpdate = layer.tiles().size();
    double measuredPulses = updates == 0 ? Double.NaN : pulses / ((double) updates / tilesPerUpdate * cellsPerUpdate);
    long adc = used.get(Event.ADC_CONVERSIONS);
    double clipped = adc == 0 ? Double.NaN : used.get(Event.ADC_CLIPPED) / (double) adc;

    double nf = Double.NaN;
    double nb = Double.NaN;
    if (nd4j) {
      INDArray wm = Nd4j.create(w, new long[] {outputs, inputs}, 'c');
      INDArray wt = wm.transpose();
      INDArray[] xa = new INDArray[POOL];
      INDArray[] da = new INDArray[POOL];
      for (int p = 0; p < POOL; p++) {
        xa[p] = Nd4j.create(xs[p], new long[] {inputs, 1}, 'c');
        da[p] = Nd4j.create(ds[p], new long[] {outputs, 1}, 'c');
      }
      INDArray ya = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, outputs, 1);
      INDArray za = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, inputs, 1);
      double[] tn = timer.medianNanos(
          k -> wm.mmuli(xa[k & (POOL - 1)], ya),
          k -> wt.mmuli(da[k & (POOL - 1)], za));
      nf = tn[0] / 1e3;
      nb = tn[1] / 1e3;
    }
    return new Result(inputs, outputs, t[0] / 1e3, t[2] / 1e3, t[4] / 1e3, t[6] / 1e3,
        t[1] / 1e3, t[3] / 1e3, t[5] / 1e3, t[7] / 1e3, nf, nb, refresh, ratioRange, deltaStd, measuredPulses, clipped);
  }

  public List<Result> measureAll(int[][] shapes) {
    List<Result> out = new ArrayList<>();
    for (int[] s : shapes) out.add(measure(s[0], s[1]));
    return out;
  }

  private static double gaussian(SplittableRandom r) {
    // Box–Muller: benchmark data only.
    double u = 1.0 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
