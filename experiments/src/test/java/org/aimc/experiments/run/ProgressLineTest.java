package org.aimc.experiments.run;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 31: an error during feature extraction starts on a line of its own, not glued to the progress bar's '\r' line. */
class ProgressLineTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** What the command line prints after a failure, and the check that it begins a line. */
  private void assertOnALineOfItsOwn(String error) {
    log.print(error);
    String text = bytes.toString(StandardCharsets.UTF_8);
    int at = text.indexOf(error);
    assertTrue(at > 0 && text.charAt(at - 1) == '\n', "on a line of its own: " + text.replace("\r", "\\r"));
  }

  @Test
  void anExtractionThatFailsEndsItsBarsLineBeforeTheError() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureSets.withProgress(log, bar -> {
      bar.open(1000);
      bar.stepTo(300);
      try {
        Thread.sleep(1200); // the bar draws at least once (every 1000 ms)
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
      throw new IllegalArgumentException("image 301 is not 32×32");
    }, r -> log.println("extracted")));
    assertOnALineOfItsOwn("aimc features: " + e.getMessage());
    assertFalse(bytes.toString(StandardCharsets.UTF_8).contains("extracted"), "a failed extraction reports no result");
  }

  /** Closed before it first drew, the bar used to leave its line open (progressbar ends it only after a first draw). */
  @Test
  void aBarClosedAtOnceStillEndsItsLine() {
    ProgressLine line = ProgressLine.open(log, "features", 10, " img", 1000);
    line.stepTo(3);
    line.close();
    line.close();
    assertOnALineOfItsOwn("warning: something");
    assertEquals(1, bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count(), "one line ended, once");
  }

  @Test
  void aCachedExtractionOpensNoBarAndPrintsNothing() {
    assertEquals("cached", FeatureSets.withProgress(log, bar -> "cached", r -> log.println("extracted")));
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
  }
}
