package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SoftwareNetworkTest {

  /** Backpropagation must equal the finite-difference gradient of the loss, weight by weight. */
  @ParameterizedTest
  @EnumSource(Activation.class)
  void backpropagationMatchesFiniteDifferences(Activation activation) {
    NetworkShape shape = NetworkShape.parse("5-4-3-3");
    UniformRandomProvider rng = Trainer.RNG.create(7L);
    float[] x = new float[5];
    for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextDouble();
    int label = 2;
    for (int l = 0; l < shape.layers(); l++) {
      for (int k = 0; k < (shape.inputsOf(l) + 1) * shape.outputsOf(l); k++) {
        SoftwareNetwork net = new SoftwareNetwork(shape, activation, 1, Trainer.RNG.create(3L));
        // Shift biases off zero so ReLU units are not at their kink.
        for (int j = 0; j < net.weights(l).length; j++) net.weights(l)[j] += 0.05f;
        float w0 = net.weights(l)[k];
        float h = 1e-2f;
        net.weights(l)[k] = w0 + h;
        double up = net.loss(x, 0, label);
        net.weights(l)[k] = w0 - h;
        double down = net.loss(x, 0, label);
        net.weights(l)[k] = w0;
        double numeric = (up - down) / (2 * h);
        float lr = 1e-3f;
        net.trainExample(x, 0, label, lr);
        double analytic = (w0 - net.weights(l)[k]) / lr;
        // float arithmetic: central differences are accurate to O(h²) plus rounding of ~1e-7/h.
        assertEquals(numeric, analytic, 2e-3 + 2e-2 * Math.abs(numeric), "layer " + l + " weight " + k + " (" + activation + ")");
      }
    }
  }

  /**
   * The backward pass sums rows four at a time for speed; each δ must still be the plain loop's sum,
   * taken over the outputs in order, bit for bit (a reordered float sum gives other bits and so
   * other runs). Row counts that leave 0 to 3 rows over.
   */
  @Test
  void backwardPassGivesThePlainLoopsBits() {
    UniformRandomProvider rng = Trainer.RNG.create(41L);
    for (int[] shape : new int[][] {{250, 125}, {125, 10}, {7, 33}, {9, 1}, {3, 5}, {8, 5}}) {
      int in = shape[0];
      int out = shape[1];
      float[] w = new float[(in + 1) * out];
      float[] x = new float[in];
      float[] d = new float[out];
      for (int k = 0; k < w.length; k++) w[k] = (float) ((rng.nextDouble() - 0.5) * 0.2);
      for (int i = 0; i < in; i++) x[i] = (float) rng.nextDouble();
      for (int o = 0; o < out; o++) d[o] = (float) ((rng.nextDouble() - 0.5) * Math.pow(10, rng.nextInt(5) - 2));
      for (Activation activation : Activation.values()) {
        float[] blocked = new float[in];
        SoftwareNetwork.backpropagate(activation, w, x, d, blocked, in, out);
        for (int i = 0; i < in; i++) {
          float s = 0f;
          for (int o = 0; o < out; o++) s += w[i * out + o] * d[o];
          float plain = s * activation.derivativeFromOutput(x[i]);
          assertEquals(Float.floatToRawIntBits(plain), Float.floatToRawIntBits(blocked[i]), activation + " " + in + "×" + out + " row " + i);
        }
      }
    }
  }

  /** Four Gaussian blobs in 8 dimensions: the baseline must learn them almost perfectly. */
  @Test
  void learnsASmallProblem() {
    Examples train = blobs(2_000, 11L);
    Examples test = blobs(1_000, 12L);
    for (int batch : new int[] {1, 16}) {
      TrainingConfig config = TrainingConfig.software(Activation.TANH, batch == 1 ? 0.02 : 0.2, 1.0, batch);
      Trainer.Outcome out = train(config, NetworkShape.parse("8-16-4"), train, test, 5, 5L);
      assertTrue(out.last().validationAccuracy() > 0.97, "batch " + batch + ": test accuracy " + out.last().validationAccuracy());
      assertTrue(out.epochs().get(4).trainLoss() < out.epochs().get(0).trainLoss(), "loss must fall");
    }
  }

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() {
    Examples train = blobs(500, 1L);
    Examples test = blobs(200, 2L);
    TrainingConfig config = TrainingPreset.SOFTWARE.config();
    NetworkShape shape = NetworkShape.parse("8-6-4");
    List<EpochMetrics> a = train(config, shape, train, test, 2, 9L).epochs();
    List<EpochMetrics> b = train(config, shape, train, test, 2, 9L).epochs();
    List<EpochMetrics> c = train(config, shape, train, test, 2, 10L).epochs();
    for (int e = 0; e < 2; e++) {
      assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), 0.0);
      assertEquals(a.get(e).validationAccuracy(), b.get(e).validationAccuracy(), 0.0);
    }
    assertNotEquals(a.get(1).trainLoss(), c.get(1).trainLoss());
  }

  @Test
  void divergenceStopsWithAMessageNamingTheEpoch() {
    Examples train = blobs(1_000, 1L);
    TrainingConfig wild = TrainingConfig.software(Activation.RELU, 10, 1.0, 1);
    float[] big = train.features().clone();
    for (int i = 0; i < big.length; i++) big[i] *= 1e4f;
    Examples scaled = new Examples(big, train.labels(), train.inputs());
    TrainingDivergedException ex = assertThrows(TrainingDivergedException.class,
        () -> train(wild, NetworkShape.parse("8-64-64-4"), scaled, scaled, 3, 1L));
    assertTrue(ex.getMessage().contains("epoch 1"), ex.getMessage());
    assertTrue(ex.getMessage().contains("learning rate"), ex.getMessage());
    assertTrue(ex.getMessage().contains("layer "), "names the layer: " + ex.getMessage());
  }

  @Test
  void malformedNetworksSayWhatIsAllowed() {
    for (String bad : new String[] {"", "784", "784-", "784-x-10", "784--10", "784-0-10", "-1-2"}) {
      IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> NetworkShape.parse(bad), bad);
      assertTrue(ex.getMessage().contains("784-250-125-10") || ex.getMessage().contains("outside"), ex.getMessage());
    }
    NetworkShape s = NetworkShape.parse("784-250-125-10");
    assertEquals(164_885 + (784 - 528) * 250, s.synapses(), "the 528-input net of Burr 2015 has 164,885 synapses");
    assertEquals("784-250-125-10", s.toString());
  }

  static Trainer.Outcome train(TrainingConfig c, NetworkShape shape, Examples train, Examples test, int epochs, long seed) {
    Trainer.Plan plan = new Trainer.Plan(epochs, c.learningRate(), c.learningRateDecay(), seed, 0, "test");
    return new Trainer(plan).train(c.network(shape, seed), train, test, TrainingListener.NONE);
  }

  static Examples blobs(int n, long seed) {
    UniformRandomProvider rng = Trainer.RNG.create(seed);
    UniformRandomProvider centres = Trainer.RNG.create(99L);
    int d = 8;
    float[][] mu = new float[4][d];
    for (float[] m : mu) for (int j = 0; j < d; j++) m[j] = (float) (2 * centres.nextDouble() - 1);
    float[] x = new float[n * d];
    byte[] y = new byte[n];
    for (int i = 0; i < n; i++) {
      int c = rng.nextInt(4);
      y[i] = (byte) c;
      for (int j = 0; j < d; j++) x[i * d + j] = mu[c][j] + (float) (0.15 * gaussian(rng));
    }
    return new Examples(x, y, d);
  }

  private static double gaussian(UniformRandomProvider rng) {
    return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
  }
}
