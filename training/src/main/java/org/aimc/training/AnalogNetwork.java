package org.aimc.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.aimc.crossbar.EventCounts;
import org.aimc.crossbar.energy.Phase;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.crossbar.energy.ChipClock;
import org.aimc.crossbar.energy.HardwareSummary;
import org.aimc.crossbar.energy.PhaseLedger;
import org.aimc.crossbar.energy.TileGrid;
import org.aimc.crossbar.tile.AnalogLayer;
import org.aimc.crossbar.tile.Tile;
import org.aimc.crossbar.transfer.TransferRules;

/**
 * The fully connected network with every weight matrix on analog crossbar tiles, trained as in
 * Ambrogio et al. (Nature 558, 2018): forward and backward passes are analog MVMs through the
 * tiles' periphery; neuron functions, softmax and the loss are digital; the outer-product update
 * goes, as pulses, into the capacitors only; every {@link TransferConfig#intervalExamples()}
 * examples each column's weight moves into its PCM pair, the capacitors are reset and the polarity
 * flips. A clock ({@link ClockConfig}) gives examples and transfers their physical duration, so
 * leakage and drift happen in seconds.
 *
 * <p>Each layer has a bias: its tile sees the layer's inputs plus a constant 1 on one more row. The
 * initial weights are the software baseline's (same seed, same draws), so the analog and software
 * configurations start from the same network and see the same examples in the same order.
 */
public final class AnalogNetwork implements Learner {
  private final NetworkShape shape;
  private final Activation activation;
  private final AnalogConfig config;
  private final AnalogLayer[] layers;
  /** in[l]: the input of layer l followed by the bias input 1. */
  private final float[][] in;
  /**
   * The inputs of each layer for one inference batch ({@link #accuracy}), {@code Tile.MAX_BATCH}
   * vectors, each followed by the bias input 1; the last holds the logits.
   */
  private final float[][] batchIn;
  private final float[] logits;
  /** delta[l]: the error at the output of layer l, signed as the wanted change (−∂loss/∂y). */
  private final float[][] delta;
  /** back[l]: Wᵀ·delta[l] (inputs of layer l plus the bias row). */
  private final float[][] back;
  /** What programming the initial weights counted: set-up, not training. */
  private final EventCounts setUpCounts;
  /** The counts split by phase (forward, backward, update, transfer, inference) for the energy model. */
  private PhaseLedger ledger;
  /** The chip's one clock: the same latencies time training here and price it in the energy model. */
  private final ChipClock clock;
  private final double exampleSeconds;
  private long examples;
  private long transfers;
  private double timeSeconds;
  /** Run once just before the next transfer ({@link #beforeNextTransfer}); null: none. */
  private Runnable beforeTransfer;

  public AnalogNetwork(NetworkShape shape, Activation activation, AnalogConfig config, long seed) {
    this.shape = shape;
    this.activation = activation;
    this.config = config;
    int n = shape.layers();
    layers = new AnalogLayer[n];
    in = new float[n + 1][];
    delta = new float[n][];
    back = new float[n][];
    SoftwareNetwork initial = new SoftwareNetwork(shape, activation, 1, Trainer.RNG.create(Seeds.stream(seed, Trainer.WEIGHTS_STREAM)));
    for (int l = 0; l < n; l++) {
      int inputs = shape.inputsOf(l) + 1;
      int outputs = shape.outputsOf(l);
      float[] w = transpose(initial.weights(l), inputs, outputs);
      layers[l] = AnalogLayer.create(inputs, outputs, config.tile(), weightUnitsPerMicroSiemens(w), Seeds.stream(seed, 100 + l));
      layers[l].setWeights(w);
      in[l] = new float[inputs];
      in[l][inputs - 1] = 1f;
      delta[l] = new float[outputs];
      back[l] = new float[inputs];
    }
    in[n] = new float[shape.outputs()];
    logits = in[n];
    batchIn = new float[n + 1][];
    for (int l = 0; l < n; l++) {
      int stride = shape.inputsOf(l) + 1;
      batchIn[l] = new float[Tile.MAX_BATCH * stride];
      for (int b = 0; b < Tile.MAX_BATCH; b++) batchIn[l][b * stride + stride - 1] = 1f;
    }
    batchIn[n] = new float[Tile.MAX_BATCH * shape.outputs()];
    setUpCounts = totalCounts();
    ledger = PhaseLedger.start(java.util.List.of(layers));
    clock = ChipClock.of(config.clock().technologyTable(), HardwareSummary.of(config.tile()), TileGrid.ofLayers(java.util.List.of(layers)));
    exampleSeconds = clock.trainingExampleSeconds();
    for (AnalogLayer layer : layers) layer.timeProgrammingBy(clock.programmingLatencies());
  }

  /** The layer's weight scale: the largest initial weight at ω of the cell's largest weight (or weight 1 there if ω = 0). */
  private double weightUnitsPerMicroSiemens(float[] initialWeights) {
    double cellMaxMicroSiemens = AnalogLayer.nominalMaxWeightMicroSiemens(config.tile());
    double largest = 0;
    for (float v : initialWeights) largest = Math.max(largest, Math.abs(v));
    double omega = config.weightScalingOmega();
    return omega > 0 && largest > 0 ? largest / (omega * cellMaxMicroSiemens) : 1.0 / cellMaxMicroSiemens;
  }

  /** Software's input-major (in+1)×out weights as the tile's outputs×(in+1), row-major. */
  private static float[] transpose(float[] inputMajor, int inputs, int outputs) {
    float[] w = new float[inputs * outputs];
    for (int i = 0; i < inputs; i++) for (int o = 0; o < outputs; o++) w[o * inputs + i] = inputMajor[i * outputs + o];
    return w;
  }

  @Override
  public NetworkShape shape() {
    return shape;
  }

  public AnalogLayer layer(int l) {
    return layers[l];
  }

  /** Forward pass through the tiles; returns the logits (a live buffer). */
  private float[] forward(float[] features, int offset) {
    System.arraycopy(features, offset, in[0], 0, shape.inputs());
    int n = layers.length;
    for (int l = 0; l < n; l++) {
      float[] y = in[l + 1];
      layers[l].forward(in[l], y);
      if (l < n - 1) activation.applyInPlace(y, shape.outputsOf(l));
    }
    return logits;
  }

  @Override
  public double trainExample(float[] features, int offset, int label, float learningRate) {
    int n = layers.length;
    forward(features, offset);
    ledger.charge(Phase.FORWARD);
    double loss = Softmax.probabilitiesInPlace(logits, shape.outputs(), label);
    float[] d = delta[n - 1];
    for (int o = 0; o < d.length; o++) d[o] = -logits[o];
    d[label] += 1f;
    // Backward through every layer before any update, as the hardware does.
    for (int l = n - 1; l > 0; l--) {
      layers[l].backward(delta[l], back[l]);
      float[] x = in[l];
      float[] dPrev = delta[l - 1];
      for (int i = 0; i < dPrev.length; i++) dPrev[i] = back[l][i] * activation.derivativeFromOutput(x[i]);
    }
    ledger.charge(Phase.BACKWARD);
    for (int l = 0; l < n; l++) layers[l].update(in[l], delta[l], learningRate);
    ledger.charge(Phase.UPDATE);
    tick();
    return loss;
  }

  /** Advances the chip's clock by one example; leakage and drift, and the transfer when due. */
  private void tick() {
    examples++;
    timeSeconds += exampleSeconds;
    TransferConfig t = config.transfer();
    boolean transferDue = t.enabled() && examples % t.intervalExamples() == 0;
    if (transferDue || examples % config.clock().leakRefreshExamples() == 0) {
      for (AnalogLayer layer : layers) layer.advanceTo(timeSeconds);
    }
    if (transferDue) {
      Runnable probe = beforeTransfer;
      beforeTransfer = null;
      if (probe != null) probe.run();
      transfer();
    }
  }

  @Override
  public long transferIntervalExamples() {
    return config.transfer().enabled() ? config.transfer().intervalExamples() : 0;
  }

  @Override
  public long examplesToNextTransfer() {
    long interval = transferIntervalExamples();
    return interval == 0 ? 0 : interval - examples % interval;
  }

  @Override
  public void beforeNextTransfer(Runnable probe) {
    if (transferIntervalExamples() == 0) Learner.super.beforeNextTransfer(probe);
    beforeTransfer = probe;
  }

  /**
   * A transfer of every column of every layer ({@link AnalogLayer#transferColumn}): hybrid cells move
   * their weight into the PCM pair (the paper's scheme, with polarity inversion if configured),
   * PCM-pair cells are refreshed. Layers sit on separate tiles ({@code TileGrid.ofNetwork}: no two
   * layers share a tile), so they are programmed in parallel on the chip clock, each layer's columns
   * in sequence from the transfer's start; the transfer ends when the slowest layer does. Each column
   * takes the chip clock's time for it ({@link ChipClock#programmingNs}: read, capacitor reset, its
   * slowest cell's tuning). A layer's device time moves in whole refresh periods
   * ({@link ClockConfig#leakRefreshExamples()} examples' worth of seconds): before a column, by as many
   * as have passed, so a column's cells are read, reset and programmed at most one refresh period
   * before that layer's time. These steps move only what the transfer's device operations see
   * ({@link AnalogLayer#advanceClockTo}: capacitor leakage, and a column's drift gain re-estimated
   * when the column is read; a PCM read computes its own drift); the 1/f excursions and caches that
   * only the MVMs read are refreshed once the transfer ends, when every layer is advanced to the
   * transfer's end. Whole periods give every step the same leakage factors.
   */
  public void transfer() {
    TransferConfig t = config.transfer();
    boolean flip = config.transfersCapacitor() && t.polarityInversion();
    boolean carry = config.transfersCapacitor() && t.carryTuningResidual();
    TransferRules rules = new TransferRules(t.offsetMicroSiemens(), flip, carry, t.openLoopResidual());
    // A transfer lasts many refresh periods (ms against 0.1 ms): the layer being programmed is advanced
    // as often as training advances the devices, so each column is read and programmed close to its own time.
    double refreshSeconds = config.clock().leakRefreshExamples() * exampleSeconds;
    double start = timeSeconds;
    double end = start;
    for (int l = 0; l < layers.length; l++) {
      AnalogLayer layer = layers[l];
      double now = start; // this layer's own clock: it starts with the others
      layer.advanceTo(now);
      double advanced = now;
      EventCounts before = layer.counts();
      for (int c = 0; c < layer.outputs(); c++) {
        if (now - advanced >= refreshSeconds) {
          advanced += Math.floor((now - advanced) / refreshSeconds) * refreshSeconds;
          layer.advanceClockTo(advanced);
        }
        layer.transferColumn(c, rules);
        EventCounts after = layer.counts();
        now += clock.programmingNs(after.minus(before), l) * 1e-9;
        before = after;
      }
      end = Math.max(end, now);
    }
    timeSeconds = end;
    for (AnalogLayer layer : layers) layer.advanceTo(timeSeconds);
    transfers++;
    ledger.charge(Phase.TRANSFER);
  }

  /**
   * Accuracy through the tiles, as the chip would infer; does not learn. The examples go through in
   * batches of {@link Tile#MAX_BATCH} ({@link AnalogLayer#forwardBatch}): the same numbers, noise
   * draws and event counts as one example at a time ({@link #accuracyOneByOne}), faster because a
   * block of each layer's weights serves the whole batch while it is in cache.
   */
  @Override
  public double accuracy(Examples data) {
    int correct = 0;
    float[] x = data.features();
    int inputs = data.inputs();
    int n = layers.length;
    int classes = shape.outputs();
    for (int k = 0; k < data.count(); k += Tile.MAX_BATCH) {
      int count = Math.min(Tile.MAX_BATCH, data.count() - k);
      int stride0 = inputs + 1; // each layer's input ends with the bias input 1, set once
      for (int b = 0; b < count; b++) System.arraycopy(x, (k + b) * inputs, batchIn[0], b * stride0, inputs);
      for (int l = 0; l < n; l++) {
        int outputs = shape.outputsOf(l);
        int xStride = shape.inputsOf(l) + 1;
        int yStride = l < n - 1 ? outputs + 1 : outputs;
        float[] y = batchIn[l + 1];
        layers[l].forwardBatch(batchIn[l], 0, xStride, y, 0, yStride, count);
        if (l < n - 1) {
          for (int b = 0; b < count; b++) {
            for (int i = b * yStride, end = i + outputs; i < end; i++) y[i] = activation.apply(y[i]);
          }
        }
      }
      for (int b = 0; b < count; b++) {
        if (Softmax.argmax(batchIn[n], b * classes, classes) == data.labels()[k + b]) correct++;
      }
    }
    ledger.charge(Phase.INFERENCE);
    return (double) correct / data.count();
  }

  /** {@link #accuracy} one example at a time through {@link AnalogLayer#forward}: the reference of the batched path. */
  public double accuracyOneByOne(Examples data) {
    int correct = 0;
    float[] x = data.features();
    for (int k = 0; k < data.count(); k++) {
      float[] z = forward(x, k * data.inputs());
      if (Softmax.argmax(z, 0, shape.outputs()) == data.labels()[k]) correct++;
    }
    ledger.charge(Phase.INFERENCE);
    return (double) correct / data.count();
  }

  @Override
  public String diagnose() {
    for (int l = 0; l < layers.length; l++) {
      EventCounts c = layers[l].counts();
      long conversions = c.get(org.aimc.crossbar.Event.ADC_CONVERSIONS);
      double clipped = conversions == 0 ? 0 : (double) c.get(org.aimc.crossbar.Event.ADC_CLIPPED) / conversions;
      String where = "layer " + (l + 1) + " (" + shape.inputsOf(l) + "→" + shape.outputsOf(l) + ")";
      for (float v : in[l + 1]) {
        if (!Float.isFinite(v)) return where + " produced non-finite outputs: the learning rate or the weight scale is too large";
      }
      if (clipped > 0.05)
        return String.format(java.util.Locale.ROOT, "%s clips %.0f %% of its ADC conversions: widen the ADC range (analog.tile.forward.outputRange) or lower the learning rate", where, 100 * clipped);
      EventCounts u = ledger.counts().get(Phase.UPDATE, l);
      long pulses = u.capacitorPulses();
      double clampsPerPulse = pulses == 0 ? 0 : (double) u.get(org.aimc.crossbar.Event.CAPACITOR_RAIL_CLAMPS) / pulses;
      if (clampsPerPulse > 0.01)
        return String.format(java.util.Locale.ROOT, "%s: %.0f of every 1,000 capacitor update pulses ran into a rail (the capacitors fill up between transfers): shorten analog.transfer.intervalExamples or lower the learning rate", where, 1000 * clampsPerPulse);
    }
    return "";
  }

  /** One training example on the chip's clock, s. */
  public double exampleSeconds() {
    return exampleSeconds;
  }

  /** Events of training (forward, backward, update, transfer; not the evaluations), by kind. */
  public java.util.Map<org.aimc.crossbar.Event, Long> eventCounts() {
    return ledger.counts().trainingTotal().asMap();
  }

  @Override
  public String kernel() {
    return layers[0].kernelName();
  }

  /** Everything every tile counted since training began (initial programming excluded). */
  public EventCounts counts() {
    return totalCounts().minus(setUpCounts);
  }

  private EventCounts totalCounts() {
    EventCounts sum = EventCounts.ZERO;
    for (AnalogLayer l : layers) sum = sum.plus(l.counts());
    return sum;
  }

  /** The counts by phase since training began, for {@code EnergyModel.report}. */
  public PhaseCounts phaseCounts() {
    return ledger.counts();
  }

  public AnalogConfig config() {
    return config;
  }

  public long examplesTrained() {
    return examples;
  }

  public long transfers() {
    return transfers;
  }

  /** The chip's clock, seconds since training began. */
  public double timeSeconds() {
    return timeSeconds;
  }

  @Override
  public void writeState(DataOutputStream out) throws IOException {
    out.writeLong(examples);
    out.writeLong(transfers);
    out.writeDouble(timeSeconds);
    for (AnalogLayer l : layers) l.writeState(out);
    ledger.counts().writeState(out);
  }

  @Override
  public void readState(DataInputStream in) throws IOException {
    examples = in.readLong();
    transfers = in.readLong();
    timeSeconds = in.readDouble();
    for (AnalogLayer l : layers) l.readState(in);
    ledger = PhaseLedger.resume(java.util.List.of(layers), PhaseCounts.readState(in));
  }
}
