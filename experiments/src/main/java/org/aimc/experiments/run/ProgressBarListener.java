package org.aimc.experiments.run;

import java.io.PrintStream;
import java.util.Locale;
import org.aimc.training.EpochMetrics;
import org.aimc.training.TrainingListener;

/** A progress bar per epoch (speed and time left) on stderr, and one line per finished epoch. */
public final class ProgressBarListener implements TrainingListener {
  private final PrintStream err;
  private ProgressLine bar;
  private final java.util.List<String> pending = new java.util.ArrayList<>();

  public ProgressBarListener(PrintStream err) {
    this.err = err;
  }

  @Override
  public void epochStarted(int epoch, int epochs, int examples) {
    bar = ProgressLine.open(err, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs), examples, " ex", 500);
  }

  @Override
  public void examplesDone(int doneInEpoch) {
    bar.stepTo(doneInEpoch);
  }

  /** Printed after the progress line closes (at once when none is open), so that neither breaks the other. */
  @Override
  public void warning(String message) {
    if (bar == null) err.println("warning: " + message);
    else pending.add("warning: " + message);
  }

  /** Ends the progress line (if one is open), so that an error printed next starts on a line of its own. */
  public void abandon() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
    err.flush();
  }

  @Override
  public void epochFinished(EpochMetrics m) {
    bar.finish();
    bar = null;
    err.printf(Locale.ROOT, "epoch %2d  loss %.4f  train %.2f %%  validation %.2f %%  (%.1f s)%n",
        m.epoch(), m.trainLoss(), 100 * m.trainAccuracy(), 100 * m.validationAccuracy(), m.seconds());
    pending.forEach(err::println);
    pending.clear();
  }
}
