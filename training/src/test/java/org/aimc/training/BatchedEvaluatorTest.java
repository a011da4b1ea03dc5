package org.aimc.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link BatchedEvaluator#shareCores}: while runs share the cores, each evaluation gets its share of
 * ND4J's threads, afterwards all of them again, and the accuracy is the same either way.
 */
class BatchedEvaluatorTest {
  @Test
  void runsSharingTheCoresGetTheirShareOfThreadsAndTheSameAccuracy() throws InterruptedException {
    NetworkShape shape = NetworkShape.parse("784-64-10");
    SplittableRandom rnd = new SplittableRandom(4);
    float[][] w = {new float[785 * 64], new float[65 * 10]};
    for (float[] layer : w) for (int i = 0; i < layer.length; i++) layer[i] = (float) (rnd.nextDouble() - 0.5) * 0.2f;
    int n = 3_000;
    float[] x = new float[n * 784];
    byte[] labels = new byte[n];
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(5) == 0 ? (float) rnd.nextDouble() : 0f;
    for (int i = 0; i < n; i++) labels[i] = (byte) rnd.nextInt(10);
    double alone = BatchedEvaluator.accuracy(shape, Activation.SIGMOID, w, x, labels);
    int all = Nd4j.getEnvironment().maxMasterThreads();
    int allBlas = Nd4j.factory().blas().getMaxThreads();
    try {
      BatchedEvaluator.shareCores(2);
      double shared = BatchedEvaluator.accuracy(shape, Activation.SIGMOID, w, x, labels);
      assertEquals(Math.max(1, all / 2), Nd4j.getEnvironment().maxMasterThreads());
      assertEquals(Math.max(1, allBlas / 2), Nd4j.factory().blas().getMaxThreads());
      assertEquals(alone, shared);
      // The runs evaluate on pool threads: the setting is the process's, not the thread's.
      int[] seen = new int[2];
      Thread other = new Thread(() -> {
        seen[0] = Nd4j.getEnvironment().maxMasterThreads();
        seen[1] = Nd4j.factory().blas().getMaxThreads();
      });
      other.start();
      other.join();
      assertEquals(Math.max(1, all / 2), seen[0]);
      assertEquals(Math.max(1, allBlas / 2), seen[1]);
    } finally {
      BatchedEvaluator.shareCores(1);
    }
    assertEquals(all, Nd4j.getEnvironment().maxMasterThreads(), "restored when the runs end, before any evaluation");
    assertEquals(alone, BatchedEvaluator.accuracy(shape, Activation.SIGMOID, w, x, labels));
    assertEquals(allBlas, Nd4j.factory().blas().getMaxThreads());
    assertThrows(IllegalArgumentException.class, () -> BatchedEvaluator.shareCores(0));
  }
}
