package org.aimc.training;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
  static final NetworkShape SHAPE = NetworkShape.parse("8-12-4");
  static final TrainingConfig CONFIG = TrainingConfig.software(Activation.TANH, 0.05, 0.8, 3);

  private static Trainer.Plan plan(String fingerprint) {
    return new Trainer.Plan(3, CONFIG.learningRate(), CONFIG.learningRateDecay(), 4L, 250, fingerprint);
  }

  /** Interrupt mid-epoch and at an epoch end, resume in a new learner: the numbers equal an uninterrupted run's. */
  @Test
  void resumeGivesTheNumbersOfAnUninterruptedRun() {
    Examples train = SoftwareNetworkTest.blobs(1_000, 1L);
    Examples test = SoftwareNetworkTest.blobs(300, 2L);
    List<byte[]> checkpoints = new ArrayList<>();
    List<Long> when = new ArrayList<>();
    TrainingListener keep = new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long seen) {
        checkpoints.add(state.get());
        when.add(seen);
      }
    };
    Trainer.Outcome full = new Trainer(plan("cfg")).train(CONFIG.network(SHAPE, 4L), train, test, keep);
    assertEquals(List.of(250L, 500L, 750L, 1000L, 1250L, 1500L, 1750L, 2000L, 2250L, 2500L, 2750L, 3000L), when,
        "every 250 examples, and at each epoch end (1000, 2000, 3000)");
    for (int c : new int[] {1, 3, 5}) { // mid-epoch 1, end of epoch 1, mid-epoch 2
      SoftwareNetwork fresh = CONFIG.network(SHAPE, 999L); // other initial weights: all must come from the checkpoint
      List<EpochMetrics> told = new ArrayList<>();
      TrainingListener hear = new TrainingListener() {
        @Override
        public void resumed(List<EpochMetrics> history) {
          told.addAll(history);
        }
      };
      Trainer.Outcome resumed = new Trainer(plan("cfg")).resume(fresh, train, test, hear, checkpoints.get(c));
      assertEquals(full.epochs().subList(0, c < 3 ? 0 : 1), told, "the listener hears of the epochs already finished");
      assertEquals(full.epochs().size(), resumed.epochs().size());
      for (int e = 0; e < full.epochs().size(); e++) {
        assertEquals(full.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(), 0.0, "checkpoint " + c + " epoch " + e);
        assertEquals(full.epochs().get(e).validationAccuracy(), resumed.epochs().get(e).validationAccuracy(), 0.0);
      }
    }
  }

  @Test
  void resumeRefusesAnotherConfigurationAndCorruptBytes() {
    Examples train = SoftwareNetworkTest.blobs(500, 1L);
    byte[][] last = {lastCheckpoint(train)};
    IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(plan("cfg B")).resume(CONFIG.network(SHAPE, 4L), train, train, TrainingListener.NONE, last[0]));
    assertTrue(other.getMessage().contains("another configuration or code version"), other.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(last[0], last[0].length / 2);
    IllegalArgumentException corrupt = assertThrows(IllegalArgumentException.class,
        () -> new Trainer(plan("cfg A")).resume(CONFIG.network(SHAPE, 4L), train, train, TrainingListener.NONE, truncated));
    assertTrue(corrupt.getMessage().contains("truncated"), corrupt.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Trainer(plan("cfg A")).resume(CONFIG.network(SHAPE, 4L), train, train, TrainingListener.NONE, new byte[64]));
  }

  /**
   * Every single-bit flip anywhere in a checkpoint is refused before anything is resumed (issue
   * #17: flipped bytes used to resume with rc 0 and different figures, or fail deep inside).
   */
  @Test
  void everyFlippedBitOfACheckpointIsRefused() {
    Examples train = SoftwareNetworkTest.blobs(200, 1L);
    byte[][] last = {lastCheckpoint(train)};
    java.util.SplittableRandom rng = new java.util.SplittableRandom(17);
    for (int i = 0; i < last[0].length; i++) {
      byte[] damaged = last[0].clone();
      damaged[i] ^= (byte) (1 << rng.nextInt(8));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new Trainer(plan("cfg A")).resume(CONFIG.network(SHAPE, 4L), train, train, TrainingListener.NONE, damaged), "byte " + i);
      assertTrue(e.getMessage().startsWith("the checkpoint "), e.getMessage());
    }
  }

  /** The last checkpoint of a run of {@code plan("cfg A")} on {@code train}. */
  private static byte[] lastCheckpoint(Examples train) {
    byte[][] last = new byte[1][];
    new Trainer(plan("cfg A")).train(CONFIG.network(SHAPE, 4L), train, train, new TrainingListener() {
      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long seen) {
        last[0] = state.get();
      }
    });
    return last[0];
  }
}
