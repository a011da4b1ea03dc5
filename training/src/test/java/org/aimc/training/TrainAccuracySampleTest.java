package org.aimc.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link TrainingConfig#trainAccuracyExamples()}: each epoch's training accuracy on a fixed, evenly spaced sample. */
class TrainAccuracySampleTest {
  @Test
  void aSampleTakesExamplesSpacedEvenlyAndInOrder() {
    int count = 10;
    float[] f = new float[2 * count];
    byte[] l = new byte[count];
    for (int k = 0; k < count; k++) {
      f[2 * k] = k;
      f[2 * k + 1] = -k;
      l[k] = (byte) k;
    }
    Examples all = new Examples(f, l, 2);
    Examples four = all.evenlySpaced(4);
    assertArrayEquals(new byte[] {0, 2, 5, 7}, four.labels(), "⌊i·10/4⌋");
    assertArrayEquals(new float[] {0, 0, 2, -2, 5, -5, 7, -7}, four.features());
    assertSame(all, all.evenlySpaced(0), "0: the whole split");
    assertSame(all, all.evenlySpaced(10));
    assertSame(all, all.evenlySpaced(11), "more than there are: the whole split");
    assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, all.evenlySpaced(9).labels());
    assertThrows(IllegalArgumentException.class, () -> all.evenlySpaced(-1));
  }

  /** Each epoch's training accuracy is the sample's (checked on the trained network: one epoch, so it is the selected state). */
  @Test
  void theEpochsTrainingAccuracyIsTheSamples() {
    Examples train = SoftwareNetworkTest.blobs(400, 31L);
    Examples validation = SoftwareNetworkTest.blobs(80, 32L);
    TrainingConfig c = TrainingPreset.SOFTWARE.config();
    NetworkShape shape = NetworkShape.parse("8-6-4");
    int sample = 37;
    Trainer.Plan plan = new Trainer.Plan(1, 0.002, c.learningRateDecay(), 5L, 0, "t", false, sample);
    Trainer.Outcome o = new Trainer(plan).train(c.learner(shape, 5L), train, validation, TrainingListener.NONE);
    double measured = o.epochs().get(0).trainAccuracy();
    assertTrue(measured > 0 && measured < 1, "the check needs a network that errs on some examples: " + measured);
    assertTrue(o.learner().accuracy(train) != measured, "a 37-example sample that gives the whole set's figure cannot tell them apart");
    assertEquals(o.learner().accuracy(train.evenlySpaced(sample)), measured, 0.0);
    assertEquals(Math.rint(measured * sample), measured * sample, 1e-9, "a fraction of 37 examples: " + measured);
  }

  @Test
  void aNegativeSampleIsRefusedNamingTheKey() {
    TrainingConfig c = TrainingPreset.SOFTWARE.config();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new TrainingConfig(c.activation(), c.learningRate(), c.learningRateDecay(), 1, null, false, -5));
    assertTrue(e.getMessage().contains("trainAccuracyExamples = -5"), e.getMessage());
    assertEquals(TrainingConfig.DEFAULT_TRAIN_ACCURACY_EXAMPLES, c.trainAccuracyExamples(), "the software preset's value is the protocol's default");
  }
}
