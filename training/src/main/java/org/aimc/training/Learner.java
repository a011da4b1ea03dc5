package org.aimc.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * A network that learns one example at a time: the software baseline, or a network whose weights
 * live on analog tiles. {@link Trainer} drives it; everything it does between examples (a
 * transfer, a clock tick) is its own business.
 */
public interface Learner {
  NetworkShape shape();

  /** One SGD step on one example ({@code offset} into {@code features}); returns its loss. */
  double trainExample(float[] features, int offset, int label, float learningRate);

  /** At the end of an epoch (e.g. apply a partly filled mini-batch). */
  default void endEpoch(float learningRate) {}

  /**
   * Training examples between two of this learner's transfers (what it does between examples), or 0
   * if it does none. A transfer is due after every multiple of it of the examples the learner has
   * trained ({@link #examplesToNextTransfer}).
   */
  default long transferIntervalExamples() {
    return 0;
  }

  /**
   * How many more examples until the next transfer is due, counting the example that makes it due
   * (1: the next one), or 0 if this learner does no transfers.
   */
  default long examplesToNextTransfer() {
    return 0;
  }

  /**
   * Runs {@code probe} once, just before the next transfer starts: after the update of the example
   * that makes it due, with the devices advanced to that moment, before any column is read or
   * programmed. The probe may read the learner ({@link #accuracy}, {@link #writeState}), not train it.
   *
   * @throws UnsupportedOperationException if this learner does no transfers
   */
  default void beforeNextTransfer(Runnable probe) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " does no transfers");
  }

  /** Fraction of {@code data} classified correctly, without learning. */
  double accuracy(Examples data);

  /** The matrix-vector kernel in use, for provenance (FMA changes the last bits). */
  String kernel();

  /**
   * When training diverged: which layer went wrong and the likely cause, in one sentence (or an
   * empty string when nothing specific is found).
   */
  default String diagnose() {
    return "";
  }

  /** Writes everything needed to continue exactly where it is (weights, device states, RNG states). */
  void writeState(DataOutputStream out) throws IOException;

  /** Restores what {@link #writeState} wrote, into a learner built from the same configuration. */
  void readState(DataInputStream in) throws IOException;
}
