package org.aimc.experiments.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.util.List;
import org.aimc.config.RecordOverrides;
import org.aimc.experiments.run.ProgressBarListener;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;
import org.junit.jupiter.api.Test;

/** Failure messages say what failed, where, and why (issue #17, items 3 and 6). */
class FaultMessagesTest {

  @Test
  void ioErrorsNameThePathAndTheReason() {
    assertEquals("I/O error: /proc/aimcrun: permission denied",
        ExitCodes.message(new UncheckedIOException(new AccessDeniedException("/proc/aimcrun"))));
    assertEquals("I/O error: cannot write runs/a/result.json: No space left on device",
        ExitCodes.message(new UncheckedIOException("cannot write runs/a/result.json: No space left on device", new IOException("No space left on device"))));
    assertEquals(ExitCodes.FAILURE, ExitCodes.forException(new UncheckedIOException(new IOException("x"))));
  }

  @Test
  void anEmptyOutIsBadUsage() {
    CliRunner r = CliRunner.run("train", "--epochs", "1", "--out", "");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("--out '' is empty"), r.err());
  }

  /** The error after a failure starts on its own line, not glued to the \r progress bar. */
  @Test
  void anAbandonedProgressBarEndsItsLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    ProgressBarListener bar = new ProgressBarListener(err);
    bar.epochStarted(1, 3, 1000);
    bar.examplesDone(500);
    bar.abandon();
    err.print("aimc train: training diverged");
    String text = bytes.toString(StandardCharsets.UTF_8);
    int at = text.indexOf("aimc train:");
    assertTrue(at > 0 && text.charAt(at - 1) == '\n', "error on a line of its own: " + text.replace("\r", "\\r"));
  }

  /**
   * Issue #17 item 3: every physical number of the paper's configuration refuses an absurd value
   * (1e308) up front, naming its key, whichever entry point sets it (all go through the records).
   */
  @Test
  void everyNumericKeyRefusesAnAbsurdValueUpFrontNamingIt() {
    TrainingConfig base = TrainingPreset.AMBROGIO2018.config();
    int checked = 0;
    for (String key : RecordOverrides.keys(TrainingConfig.class)) {
      Object v = valueAt(base, key);
      if (!(v instanceof Double)) continue;
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecordOverrides.apply(base, List.of(key + "=1e308")), key);
      String leaf = key.substring(key.lastIndexOf('.') + 1);
      assertTrue(e.getMessage().contains(leaf), key + ": " + e.getMessage());
      checked++;
    }
    assertTrue(checked >= 45, "checked " + checked + " numeric keys");
  }

  @Test
  void plausibleRangesStateTheirUnit() {
    TrainingConfig base = TrainingPreset.AMBROGIO2018.config();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RecordOverrides.apply(base, List.of("analog.tile.devices.pcm.gSatMicroS=1e308")));
    assertTrue(e.getMessage().contains("gSatMicroS = 1.0E308 µS is outside the allowed range [0.01, 1000.0] µS"), e.getMessage());
    CliRunner r = CliRunner.run("train", "--config", "ambrogio2018", "--set", "analog.tile.forward.inputRange=1e308", "--show-config");
    assertEquals(2, r.exitCode(), r.err());
    assertTrue(r.err().contains("inputRange = 1.0E308 network units"), r.err());
  }

  private static Object valueAt(Record r, String key) {
    Object v = r;
    for (String part : key.split("\\.")) {
      if (v == null) return null;
      try {
        v = v.getClass().getMethod(part).invoke(v);
      } catch (ReflectiveOperationException ex) {
        throw new AssertionError(key, ex);
      }
    }
    return v;
  }

  /** Issue 31: running out of heap, even inside a batch's worker thread, says how to give Java more, not a stack trace. */
  @Test
  void outOfMemoryNamesTheJavaOption() {
    String m = ExitCodes.message(new IllegalStateException(new java.util.concurrent.ExecutionException(new OutOfMemoryError("Java heap space"))));
    assertTrue(m.startsWith("out of memory: Java may use at most ") && m.contains("AIMC_JAVA_OPTS=-Xmx"), m);
  }
}
