package org.aimc.experiments.run;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * One progress bar on a stream (speed, time left). The bar redraws its line with {@code '\r'} and
 * no newline, so anything printed while it is open would be glued to it: {@link #close} ends the
 * line, and must run before an error or a warning is printed ({@code try}-with-resources does it on
 * the way out of a failure, before the caller prints the error).
 */
public final class ProgressLine implements AutoCloseable {
  private final ProgressBar bar;
  private final Console console;
  private boolean open = true;

  /** The bar's writer, which knows whether its line is still unended (the bar ends it only if it had drawn before it was closed). */
  private static final class Console extends ConsoleProgressBarConsumer {
    private final PrintStream stream;
    private volatile boolean lineOpen;

    Console(PrintStream out) {
      super(out);
      stream = out;
    }

    @Override
    public void accept(String rendered) {
      super.accept(rendered);
      lineOpen = true;
    }

    @Override
    public void close() {
      super.close();
      lineOpen = false;
    }
  }

  private ProgressLine(ProgressBar bar, Console console) {
    this.bar = bar;
    this.console = console;
  }

  /**
   * @param task the bar's label, e.g. "epoch 1/3"
   * @param max the count at 100 %
   * @param unit what is counted, e.g. " ex"
   * @param updateMillis least time between redraws
   */
  public static ProgressLine open(PrintStream out, String task, long max, String unit, int updateMillis) {
    Console console = new Console(out);
    return new ProgressLine(new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII).setUnit(unit, 1)
        .showSpeed().setUpdateIntervalMillis(updateMillis).setConsumer(console).build(), console);
  }

  public void stepTo(long done) {
    bar.stepTo(done);
  }

  /** Shows the bar full, then ends its line. */
  public void finish() {
    bar.stepTo(bar.getMax());
    close();
  }

  /** Ends the bar's line (the bar as it stands): what is printed next starts a line of its own. Once; later calls do nothing. */
  @Override
  public void close() {
    if (!open) return;
    open = false;
    bar.close(); // draws the bar a last time; ends its line only if it had drawn before
    if (console.lineOpen) console.stream.println();
    console.stream.flush();
  }
}
