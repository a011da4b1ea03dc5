package org.aimc.training;

import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The sizes of a fully connected network's layers, input first: {@code 784-250-125-10} is a
 * 784-pixel input, hidden layers of 250 and 125 neurons and 10 outputs. Every layer also has a
 * bias, so layer {@code l} has {@code (sizes[l] + 1) × sizes[l+1]} weights.
 */
public record NetworkShape(int[] sizes) {
  private static final Pattern FORMAT = Pattern.compile("\\d+(-\\d+)+");
  /** Large enough for CIFAR-100 features (2,048 + 1 inputs) with room to spare. */
  public static final int MAX_LAYER_SIZE = 1 << 16;

  public NetworkShape {
    if (sizes.length < 2) throw new IllegalArgumentException("a network needs at least an input and an output layer, got " + Arrays.toString(sizes));
    for (int s : sizes) {
      if (s < 1 || s > MAX_LAYER_SIZE)
        throw new IllegalArgumentException("layer size " + s + " in " + Arrays.toString(sizes) + " is outside [1, " + MAX_LAYER_SIZE + "]");
    }
    sizes = sizes.clone();
  }

  /** Parses {@code "784-250-125-10"}; says what is allowed when the text is malformed. */
  public static NetworkShape parse(String text) {
    String t = text == null ? "" : text.trim();
    if (!FORMAT.matcher(t).matches())
      throw new IllegalArgumentException("malformed network '" + text + "': expected layer sizes joined by '-', input first, e.g. 784-250-125-10");
    try {
      return new NetworkShape(Arrays.stream(t.split("-")).mapToInt(Integer::parseInt).toArray());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed network '" + text + "': a layer size is too large (at most " + MAX_LAYER_SIZE + ")");
    }
  }

  @Override
  public int[] sizes() {
    return sizes.clone();
  }

  public int layers() {
    return sizes.length - 1;
  }

  public int inputs() {
    return sizes[0];
  }

  public int outputs() {
    return sizes[sizes.length - 1];
  }

  public int inputsOf(int layer) {
    return sizes[layer];
  }

  public int outputsOf(int layer) {
    return sizes[layer + 1];
  }

  /** Multiply–accumulates of one forward pass through the weights, biases not counted. */
  public long forwardMacs() {
    long n = 0;
    for (int l = 0; l < layers(); l++) n += (long) sizes[l] * sizes[l + 1];
    return n;
  }

  /** Number of weights including biases (the paper's "synapses"). */
  public long synapses() {
    long n = 0;
    for (int l = 0; l < layers(); l++) n += (long) (sizes[l] + 1) * sizes[l + 1];
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NetworkShape other && Arrays.equals(sizes, other.sizes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sizes);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (int s : sizes) b.append(b.length() == 0 ? "" : "-").append(s);
    return b.toString();
  }
}
