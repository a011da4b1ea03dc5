package org.aimc.training;

/** Hears about a run's progress (a progress bar, a checkpoint writer). Every method is optional. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  /** Called before an epoch's first example. */
  default void epochStarted(int epoch, int epochs, int examples) {}

  /** Called every {@code step} examples with the count done in this epoch so far. */
  default void examplesDone(int doneInEpoch) {}

  default void epochFinished(EpochMetrics metrics) {}

  /**
   * The complete state to continue from here ({@link Trainer#resume}), offered at every epoch end
   * and every {@link Trainer.Plan#checkpointEveryExamples()} examples.
   */
  default void checkpoint(byte[] state, long examplesSeen) {}
}
