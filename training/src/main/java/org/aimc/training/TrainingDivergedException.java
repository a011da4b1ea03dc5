package org.aimc.training;

/** The loss or the weights stopped being finite: training cannot continue meaningfully. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
