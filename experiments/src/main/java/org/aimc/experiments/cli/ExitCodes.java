package org.aimc.experiments.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.aimc.experiments.io.IoErrors;
import picocli.CommandLine.ParameterException;

/** One mapping from failures to exit codes: 0 success, 2 bad usage or bad input, 1 failure. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitCodes() {}

  /**
   * Bad input is anything the user can fix by changing what they typed or by fetching a file again:
   * picocli's parameter errors and the library's {@link IllegalArgumentException}s (which include
   * the data sets' corrupt-file errors). Everything else is a failure.
   */
  public static int forException(Throwable ex) {
    if (ex instanceof ParameterException || ex instanceof IllegalArgumentException) return USAGE;
    return FAILURE;
  }

  /** A one-line message that says what went wrong, never a bare stack trace. */
  public static String message(Throwable ex) {
    for (Throwable c = ex; c != null; c = c.getCause()) if (c instanceof OutOfMemoryError) return outOfMemory();
    Throwable t = ex;
    if (t instanceof UncheckedIOException u && u.getCause() != null) {
      // Our own wrappers say what was being done and to which file ("cannot write X: reason"); a bare
      // wrapper (message = the cause's toString) says nothing the cause does not.
      if (u.getMessage() != null && !u.getMessage().equals(u.getCause().toString())) return "I/O error: " + u.getMessage();
      t = u.getCause();
    }
    if (t instanceof IOException io) return "I/O error: " + IoErrors.reason(io);
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) msg = t.getClass().getSimpleName();
    return msg;
  }

  /** What to say when Java ran out of heap: how much it had, and the option that gives it more. */
  public static String outOfMemory() {
    long max = Runtime.getRuntime().maxMemory();
    long more = Math.max(4, 2 * (long) Math.ceil(max / (double) (1L << 30)));
    return String.format(java.util.Locale.ROOT, "out of memory: Java may use at most %.1f GB here; give it more, e.g. AIMC_JAVA_OPTS=-Xmx%dg ./aimc …"
        + " (at most the machine's free memory), or use smaller data", max / 1e9, more);
  }
}
