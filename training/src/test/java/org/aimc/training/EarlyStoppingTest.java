package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trainer selects the epoch of best validation accuracy and hands back the learner in that epoch's state. */
class EarlyStoppingTest {
  static final NetworkShape SHAPE = NetworkShape.parse("8-12-4");
  static final TrainingConfig CONFIG = TrainingConfig.software(Activation.TANH, 0.05, 1.0, 1);
  final Examples train = SoftwareNetworkTest.blobs(600, 1L);
  final Examples validation = SoftwareNetworkTest.blobs(200, 2L);

  /** A real network whose validation accuracy follows a script, so that the best epoch is known in advance. */
  static final class Scripted implements Learner {
    final SoftwareNetwork net;
    final Examples validation;
    final double[] script;
    int asked;

    Scripted(long seed, Examples validation, double... script) {
      this.net = CONFIG.network(SHAPE, seed);
      this.validation = validation;
      this.script = script;
    }

    @Override public NetworkShape shape() { return net.shape(); }
    @Override public double trainExample(float[] f, int o, int label, float lr) { return net.trainExample(f, o, label, lr); }
    @Override public double accuracy(Examples data) { return data == validation ? script[asked++] : net.accuracy(data); }
    @Override public String kernel() { return net.kernel(); }
    @Override public void writeState(DataOutputStream out) throws IOException { net.writeState(out); }
    @Override public void readState(DataInputStream in) throws IOException { net.readState(in); }
  }

  static byte[] state(Learner l) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    l.writeState(out);
    out.flush();
    return b.toByteArray();
  }

  private static Trainer trainer(int epochs) {
    return new Trainer(new Trainer.Plan(epochs, CONFIG.learningRate(), CONFIG.learningRateDecay(), 7L, 0, "es"));
  }

  @Test
  void restoresTheStateOfTheBestValidationEpoch() throws IOException {
    // Best at epoch 2; epoch 4 ties it and must not replace it (the earlier epoch wins a tie).
    Trainer.Outcome four = trainer(4).train(new Scripted(3L, validation, 0.5, 0.8, 0.7, 0.8), train, validation, TrainingListener.NONE);
    assertEquals(2, four.selectedEpoch());
    assertEquals(0.8, four.selected().validationAccuracy());
    assertEquals(4, four.epochs().size(), "all epochs are trained and reported");
    Trainer.Outcome two = trainer(2).train(new Scripted(3L, validation, 0.5, 0.8), train, validation, TrainingListener.NONE);
    assertEquals(2, two.selectedEpoch());
    assertArrayEquals(state(two.learner()), state(four.learner()), "the 4-epoch run hands back exactly the weights after epoch 2");
    Trainer.Outcome last = trainer(4).train(new Scripted(3L, validation, 0.5, 0.6, 0.7, 0.9), train, validation, TrainingListener.NONE);
    assertEquals(4, last.selectedEpoch());
    assertFalse(java.util.Arrays.equals(state(last.learner()), state(four.learner())), "epoch 4's weights differ from epoch 2's");
  }

  @Test
  void theSelectionSurvivesAResumeAndCanBeReadBackFromTheCheckpoint() throws IOException {
    List<byte[]> checkpoints = new ArrayList<>();
    TrainingListener keep = new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> s, long seen) {
        checkpoints.add(s.get());
      }
    };
    Trainer.Outcome full = trainer(3).train(new Scripted(3L, validation, 0.9, 0.5, 0.6), train, validation, keep);
    assertEquals(1, full.selectedEpoch());
    // Resume after epoch 2 (its validation is already scripted); only epoch 3 is asked again.
    Trainer.Outcome resumed = trainer(3).resume(new Scripted(99L, validation, 0.6), train, validation, TrainingListener.NONE, checkpoints.get(1));
    assertEquals(1, resumed.selectedEpoch());
    assertArrayEquals(state(full.learner()), state(resumed.learner()));
    SoftwareNetwork fresh = CONFIG.network(SHAPE, 123L);
    assertEquals(1, trainer(3).restoreSelected(fresh, checkpoints.get(2)));
    assertArrayEquals(state(full.learner()), state(fresh));
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(new Trainer.Plan(3, 0.05, 1.0, 7L, 0, "other")).restoreSelected(CONFIG.network(SHAPE, 1L), checkpoints.get(2)));
  }
}
