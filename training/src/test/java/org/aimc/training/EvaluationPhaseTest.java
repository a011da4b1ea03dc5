package org.aimc.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.aimc.crossbar.TileConfig;
import org.apache.commons.rng.RestorableUniformRandomProvider;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainingConfig#evaluateBeforeTransfer()}: each epoch measured just before its last transfer,
 * checked against a network stopped there by hand; the default still measures at the epoch's end.
 */
class EvaluationPhaseTest {
  static final NetworkShape SHAPE = NetworkShape.parse("8-6-4");
  /** 200 training examples, a transfer every 70: the interval does not divide the epoch. */
  static final int TRAIN = 200;
  static final long INTERVAL = 70;
  static final long SEED = 5L;
  static final Examples TRAIN_SET = SoftwareNetworkTest.blobs(TRAIN, 31L);
  static final Examples VALIDATION = SoftwareNetworkTest.blobs(80, 32L);

  /** Transfers every 70 examples; leakage and drift advance every 10, so also at every transfer without one. */
  static AnalogConfig analog(boolean transfers) {
    return new AnalogConfig(TileConfig.ambrogio2018().withSize(16, 8), new TransferConfig(transfers, INTERVAL, 2.0, true, false),
        new ClockConfig("ambrogio2018", 10), 0.25);
  }

  static TrainingConfig config(boolean beforeTransfer) {
    return TrainingPreset.AMBROGIO2018.config().withAnalog(analog(true)).withEvaluateBeforeTransfer(beforeTransfer);
  }

  static Trainer.Outcome train(boolean beforeTransfer, int epochs, List<String> warnings) {
    TrainingConfig c = config(beforeTransfer);
    Trainer.Plan plan = new Trainer.Plan(epochs, c.learningRate(), c.learningRateDecay(), SEED, 0, "t", c.evaluateBeforeTransfer());
    return new Trainer(plan).train(c.learner(SHAPE, SEED), TRAIN_SET, VALIDATION, new TrainingListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    });
  }

  /** What a by-hand run measured: per epoch the training and validation accuracy and the state there. */
  record Measured(List<double[]> accuracies, List<byte[]> states) {}

  /**
   * The trainer's epochs by hand, in its order of examples, on {@code net}; after the example at
   * index {@code measureAt(epoch)} of the epoch the network is measured; with {@code transferByHand}
   * it is then transferred after every {@link #INTERVAL} examples trained.
   */
  static Measured byHand(AnalogNetwork net, int epochs, java.util.function.IntUnaryOperator measureAt, boolean transferByHand) {
    TrainingConfig c = config(false);
    RestorableUniformRandomProvider rng = Trainer.RNG.create(Seeds.stream(SEED, 1));
    int[] order = new int[TRAIN];
    for (int i = 0; i < TRAIN; i++) order[i] = i;
    Measured m = new Measured(new ArrayList<>(), new ArrayList<>());
    long trained = 0;
    for (int e = 0; e < epochs; e++) {
      Trainer.shuffle(order, rng);
      float lr = (float) (c.learningRate() * Math.pow(c.learningRateDecay(), e));
      for (int k = 0; k < TRAIN; k++) {
        int i = order[k];
        net.trainExample(TRAIN_SET.features(), i * TRAIN_SET.inputs(), TRAIN_SET.labels()[i], lr);
        trained++;
        if (k == measureAt.applyAsInt(e)) {
          m.accuracies().add(new double[] {net.accuracy(TRAIN_SET), net.accuracy(VALIDATION)});
          m.states().add(state(net));
        }
        if (transferByHand && trained % INTERVAL == 0) net.transfer();
      }
    }
    return m;
  }

  static byte[] state(Learner l) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(b);
      l.writeState(out);
      out.flush();
      return b.toByteArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theLastTransferOfAnEpochIsFoundFromTheLearnersPlaceInTheCycle() {
    assertEquals(139, Trainer.lastTransferIndex(70, 70, 0, 200), "transfers after examples 70 and 140 of the first epoch");
    assertEquals(149, Trainer.lastTransferIndex(70, 10, 0, 200), "epoch 2 (200 trained): due at 210, 280, 350");
    assertEquals(149, Trainer.lastTransferIndex(70, 1, 149, 200), "resumed just before it");
    assertEquals(-1, Trainer.lastTransferIndex(70, 61, 140, 200), "resumed after the epoch's last");
    assertEquals(199, Trainer.lastTransferIndex(50, 50, 0, 200), "an interval that divides the epoch: its last example");
    assertEquals(-1, Trainer.lastTransferIndex(300, 300, 0, 200), "an interval longer than the epoch");
    assertEquals(-1, Trainer.lastTransferIndex(0, 0, 0, 200), "no transfers");
  }

  /**
   * The trainer's figures are those of a network trained by hand and stopped just before each
   * epoch's last transfer (a network without scheduled transfers, transferred by hand at the same
   * examples, measured before the one after example 140 and 350); the selected state is that state.
   */
  @Test
  void beforeTransferMeasuresTheStateJustBeforeTheEpochsLastTransfer() {
    List<String> warnings = new ArrayList<>();
    Trainer.Outcome o = train(true, 2, warnings);
    assertEquals(List.of(), warnings);
    AnalogNetwork hand = new AnalogNetwork(SHAPE, config(false).activation(), analog(false), SEED);
    Measured m = byHand(hand, 2, e -> e == 0 ? 139 : 149, true);
    for (int e = 0; e < 2; e++) {
      assertEquals(m.accuracies().get(e)[0], o.epochs().get(e).trainAccuracy(), 0.0, "epoch " + (e + 1) + " train");
      assertEquals(m.accuracies().get(e)[1], o.epochs().get(e).validationAccuracy(), 0.0, "epoch " + (e + 1) + " validation");
    }
    assertArrayEquals(m.states().get(o.selectedEpoch() - 1), state(o.learner()), "the selected state is the one measured");
    AnalogNetwork selected = (AnalogNetwork) o.learner();
    assertEquals(o.selectedEpoch() == 1 ? 140 : 350, selected.examplesTrained());
    assertEquals(o.selectedEpoch() == 1 ? 1 : 4, selected.transfers(), "the transfer after the measurement is not in the state");
  }

  /** Off (the default): measured at each epoch's end, as a network trained by hand through the whole epoch. */
  @Test
  void theDefaultMeasuresAtTheEpochsEnd() {
    Trainer.Outcome o = train(false, 2, new ArrayList<>());
    AnalogNetwork hand = new AnalogNetwork(SHAPE, config(false).activation(), analog(true), SEED);
    Measured m = byHand(hand, 2, e -> TRAIN - 1, false);
    for (int e = 0; e < 2; e++) {
      assertEquals(m.accuracies().get(e)[0], o.epochs().get(e).trainAccuracy(), 0.0);
      assertEquals(m.accuracies().get(e)[1], o.epochs().get(e).validationAccuracy(), 0.0);
    }
    assertArrayEquals(m.states().get(o.selectedEpoch() - 1), state(o.learner()));
    Trainer.Outcome before = train(true, 2, new ArrayList<>());
    assertNotEquals(((AnalogNetwork) o.learner()).examplesTrained(), ((AnalogNetwork) before.learner()).examplesTrained(),
        "the option moves the measured state");
  }

  /**
   * A run checkpointed every 30 examples resumes from each checkpoint to the same figures; none is
   * offered between an epoch's measurement and its end (after example 140 of 200, or 350 of 400).
   */
  @Test
  void aResumedRunMeasuresTheSameStates() {
    TrainingConfig c = config(true);
    Trainer.Plan plan = new Trainer.Plan(2, c.learningRate(), c.learningRateDecay(), SEED, 30, "t", true);
    List<byte[]> checkpoints = new ArrayList<>();
    List<Long> at = new ArrayList<>();
    Trainer.Outcome full = new Trainer(plan).train(c.learner(SHAPE, SEED), TRAIN_SET, VALIDATION, new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long seen) {
        checkpoints.add(state.get());
        at.add(seen);
      }
    });
    assertEquals(List.of(30L, 60L, 90L, 120L, 200L, 210L, 240L, 270L, 300L, 330L, 400L), at);
    for (byte[] cp : checkpoints.subList(0, checkpoints.size() - 1)) {
      Trainer.Outcome resumed = new Trainer(plan).resume(c.learner(SHAPE, SEED), TRAIN_SET, VALIDATION, TrainingListener.NONE, cp);
      for (int e = 0; e < 2; e++) assertEquals(full.epochs().get(e).validationAccuracy(), resumed.epochs().get(e).validationAccuracy(), 0.0);
      assertArrayEquals(state(full.learner()), state(resumed.learner()));
    }
  }

  /** An interval longer than the epoch: no transfer is due in it, so it is measured at its end, with a warning. */
  @Test
  void anEpochWithoutATransferIsMeasuredAtItsEndWithAWarning() {
    TrainingConfig c = TrainingPreset.AMBROGIO2018.config().withAnalog(new AnalogConfig(TileConfig.ambrogio2018().withSize(16, 8),
        new TransferConfig(true, 500, 2.0, true, false), new ClockConfig("ambrogio2018", 10), 0.25)).withEvaluateBeforeTransfer(true);
    List<String> warnings = new ArrayList<>();
    Trainer.Plan plan = new Trainer.Plan(1, c.learningRate(), c.learningRateDecay(), SEED, 0, "t", true);
    Trainer.Outcome o = new Trainer(plan).train(c.learner(SHAPE, SEED), TRAIN_SET, VALIDATION, new TrainingListener() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    });
    assertEquals(TRAIN, ((AnalogNetwork) o.learner()).examplesTrained());
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("no transfer is due"), warnings.get(0));
  }

  @Test
  void aConfigurationWithoutTransfersRejectsIt() {
    IllegalArgumentException sw = assertThrows(IllegalArgumentException.class,
        () -> TrainingPreset.SOFTWARE.config().withEvaluateBeforeTransfer(true));
    assertTrue(sw.getMessage().contains("evaluateBeforeTransfer") && sw.getMessage().contains("software"), sw.getMessage());
    IllegalArgumentException off = assertThrows(IllegalArgumentException.class,
        () -> TrainingPreset.AMBROGIO2018.config().withAnalog(analog(false)).withEvaluateBeforeTransfer(true));
    assertTrue(off.getMessage().contains("analog.transfer.enabled = false"), off.getMessage());
    Trainer.Plan plan = new Trainer.Plan(1, 0.01, 1, SEED, 0, "t", true);
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(plan).train(TrainingPreset.SOFTWARE.config().learner(SHAPE, SEED), TRAIN_SET, VALIDATION, TrainingListener.NONE));
  }
}
