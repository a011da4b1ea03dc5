package org.aimc.training;

/** Hears about a run's progress (a progress bar, a checkpoint writer). Every method is optional. */
public interface TrainingListener {
  TrainingListener NONE = new TrainingListener() {};

  /** Called once when a run resumes from a checkpoint, with the epochs it had finished. */
  default void resumed(java.util.List<EpochMetrics> history) {}

  /** Called before an epoch's first example. */
  default void epochStarted(int epoch, int epochs, int examples) {}

  /** Called every {@code step} examples with the count done in this epoch so far. */
  default void examplesDone(int doneInEpoch) {}

  default void epochFinished(EpochMetrics metrics) {}

  /**
   * The complete state to continue from here ({@link Trainer#resume}), offered at every epoch end
   * and every {@link Trainer.Plan#checkpointEveryExamples()} examples; {@code state} serialises it
   * when called (only during this call), so a listener that keeps no checkpoints costs nothing.
   */
  default void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {}

  /** Something the user should know that does not stop the run (e.g. accuracy stuck at chance). */
  default void warning(String message) {}

  /** Tells {@code first}, then {@code second}, of every event. */
  static TrainingListener both(TrainingListener first, TrainingListener second) {
    return new TrainingListener() {
      @Override
      public void resumed(java.util.List<EpochMetrics> history) {
        first.resumed(history);
        second.resumed(history);
      }

      @Override
      public void epochStarted(int epoch, int epochs, int examples) {
        first.epochStarted(epoch, epochs, examples);
        second.epochStarted(epoch, epochs, examples);
      }

      @Override
      public void examplesDone(int doneInEpoch) {
        first.examplesDone(doneInEpoch);
        second.examplesDone(doneInEpoch);
      }

      @Override
      public void epochFinished(EpochMetrics metrics) {
        first.epochFinished(metrics);
        second.epochFinished(metrics);
      }

      @Override
      public void checkpoint(java.util.function.Supplier<byte[]> state, long examplesSeen) {
        first.checkpoint(state, examplesSeen);
        second.checkpoint(state, examplesSeen);
      }

      @Override
      public void warning(String message) {
        first.warning(message);
        second.warning(message);
      }
    };
  }
}
