package org.aimc.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The weight trajectory of a few synapses of an {@link AnalogNetwork} during training, split into
 * its two parts, {@code W = F·(G⁺ − G⁻) + s·(g − g_shared)} (µS): a listener that samples them every
 * time the {@link Trainer} reports progress (every 500 examples) and at every epoch end. With it a
 * transfer shows as the capacitor part returning to about zero while the PCM part takes over, and
 * polarity inversion as the sign {@code s} (and the direction in which {@code g − g_shared} moves
 * for the same weight change) flipping at every transfer.
 *
 * <p>Reads are the noise-free device values ({@link org.aimc.crossbar.tile.AnalogLayer#readColumnPcmMicroSiemens}),
 * count no events and draw no random numbers, so tracing does not change the run's figures.
 */
public final class SynapseTrace implements TrainingListener {
  /** One synapse: the weight from {@code input} to {@code output} of layer {@code layer} (the bias input is {@code inputs}). */
  public record Synapse(int layer, int output, int input) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "layer %d, input %d → output %d", layer, input, output);
    }
  }

  private final AnalogNetwork network;
  private final List<Synapse> synapses;
  private final double[] column;
  private final List<long[]> examples = new ArrayList<>();
  /** Per sample: for each synapse its PCM part, capacitor part and polarity. */
  private final List<double[]> samples = new ArrayList<>();

  /**
   * @throws IllegalArgumentException if the network's cells have no PCM pair and capacitor (only hybrid cells have both parts),
   *     or a synapse is outside the network
   */
  public SynapseTrace(AnalogNetwork network, List<Synapse> synapses) {
    if (synapses.isEmpty()) throw new IllegalArgumentException("name at least one synapse to trace");
    int rows = 0;
    for (Synapse s : synapses) {
      if (s.layer() < 0 || s.layer() >= network.shape().layers())
        throw new IllegalArgumentException("synapse " + s + ": the network has layers 0.." + (network.shape().layers() - 1));
      var layer = network.layer(s.layer());
      if (s.output() < 0 || s.output() >= layer.outputs() || s.input() < 0 || s.input() >= layer.inputs())
        throw new IllegalArgumentException(String.format(Locale.ROOT, "synapse %s: layer %d has inputs 0..%d (the last is the bias) and outputs 0..%d",
            s, s.layer(), layer.inputs() - 1, layer.outputs() - 1));
      rows = Math.max(rows, layer.inputs());
    }
    if (network.config().tile().layout() != org.aimc.crossbar.CellLayout.HYBRID)
      throw new IllegalArgumentException("a synapse trace needs hybrid cells (PCM pair + capacitor); this network has "
          + network.config().tile().layout().id() + " cells; trace an ambrogio2018-like configuration");
    this.network = network;
    this.synapses = List.copyOf(synapses);
    this.column = new double[rows];
    sample();
  }

  @Override
  public void examplesDone(int doneInEpoch) {
    sample();
  }

  @Override
  public void epochFinished(EpochMetrics metrics) {
    if (examples.get(examples.size() - 1)[0] != network.examplesTrained()) sample();
  }

  private void sample() {
    double[] v = new double[3 * synapses.size()];
    for (int k = 0; k < synapses.size(); k++) {
      Synapse s = synapses.get(k);
      var layer = network.layer(s.layer());
      layer.readColumnPcmMicroSiemens(s.output(), column);
      v[3 * k] = column[s.input()];
      layer.readColumnCapacitorMicroSiemens(s.output(), column);
      v[3 * k + 1] = column[s.input()];
      v[3 * k + 2] = layer.polarity(s.output());
    }
    examples.add(new long[] {network.examplesTrained(), network.transfers()});
    samples.add(v);
  }

  public List<Synapse> synapses() {
    return synapses;
  }

  /** Training examples seen at each sample. */
  public double[] examples() {
    return examples.stream().mapToDouble(e -> e[0]).toArray();
  }

  /** Transfers done by each sample. */
  public double[] transfers() {
    return examples.stream().mapToDouble(e -> e[1]).toArray();
  }

  /** Synapse {@code k}'s PCM part {@code F·(G⁺ − G⁻)} at each sample, µS. */
  public double[] pcmMicroSiemens(int k) {
    return column(k, 0);
  }

  /** Synapse {@code k}'s capacitor part {@code s·(g − g_shared)} at each sample, µS. */
  public double[] capacitorMicroSiemens(int k) {
    return column(k, 1);
  }

  /** Synapse {@code k}'s polarity {@code s = ±1} at each sample. */
  public double[] polarity(int k) {
    return column(k, 2);
  }

  /** Synapse {@code k}'s raw capacitor difference {@code g − g_shared} (without the sign s) at each sample, µS. */
  public double[] capacitorDifferenceMicroSiemens(int k) {
    double[] c = capacitorMicroSiemens(k);
    double[] s = polarity(k);
    for (int i = 0; i < c.length; i++) c[i] *= s[i];
    return c;
  }

  /** Synapse {@code k}'s weight {@code W = F·(G⁺ − G⁻) + s·(g − g_shared)} at each sample, µS. */
  public double[] weightMicroSiemens(int k) {
    double[] w = pcmMicroSiemens(k);
    double[] c = capacitorMicroSiemens(k);
    for (int i = 0; i < w.length; i++) w[i] += c[i];
    return w;
  }

  private double[] column(int k, int part) {
    if (k < 0 || k >= synapses.size()) throw new IndexOutOfBoundsException("synapse " + k + " of " + synapses.size());
    double[] out = new double[samples.size()];
    for (int i = 0; i < out.length; i++) out[i] = samples.get(i)[3 * k + part];
    return out;
  }

  @Override
  public String toString() {
    return "SynapseTrace" + synapses + ", " + samples.size() + " samples, examples " + Arrays.toString(new double[] {
        examples.get(0)[0], examples.get(examples.size() - 1)[0]});
  }
}
