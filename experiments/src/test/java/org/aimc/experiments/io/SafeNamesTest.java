package org.aimc.experiments.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.aimc.experiments.run.Sweep;
import org.junit.jupiter.api.Test;

class SafeNamesTest {
  private static final List<String> HOSTILE = List.of("..", ".", "", "../../../../../f", "/etc/passwd", "a/../../b", "..\\..\\x",
      "features:../../../../../f", "idx:/tmp/x", "~", "$HOME", "a\nb", "a\u0000b", ".hidden", "...", "é/ü", "x".repeat(5000));

  /** No text a user can type becomes a path outside the results folder, nor a name a file system refuses. */
  @Test
  void noInputCreatesAPathOutsideTheResultsFolder() {
    Path runs = Path.of("runs");
    List<String> inputs = new ArrayList<>(HOSTILE);
    SplittableRandom rnd = new SplittableRandom(31);
    String alphabet = "./\\:~$*?\"'<>| \t\n\r\u0000aZ9=+-_é";
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = rnd.nextInt(12); n > 0; n--) b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
      inputs.add(b.toString());
    }
    for (String in : inputs) {
      String c = SafeNames.component(in);
      assertTrue(!c.isEmpty() && !c.startsWith(".") && c.length() <= SafeNames.MAX_LENGTH && c.matches("[A-Za-z0-9._=+-]+"), in + " -> " + c);
      Path p = SafeNames.inside(runs, in);
      assertEquals(runs, p.normalize().getParent(), in + " -> " + p);
      for (String tag : List.of("ambrogio2018", in)) {
        Path d = Sweep.defaultFolder(in, tag, in);
        assertEquals(runs, d.normalize().getParent(), in + " -> " + d);
      }
    }
  }

  /** The case: the default sweep folder of features:../../../../../f stays one folder under runs/. */
  @Test
  void theDefaultSweepFolderOfADataSetWithDotsStaysInRuns() {
    Path d = Sweep.defaultFolder("features:../../../../../f", "ambrogio2018", "analog.tile.backward.outputNoise");
    assertEquals(Path.of("runs", "sweep-features-.._.._.._.._.._f-ambrogio2018-outputNoise"), d);
  }

  @Test
  void longNamesAreCutButStayDistinct() {
    String a = "k=" + "1".repeat(400) + "a";
    String b = "k=" + "1".repeat(400) + "b";
    assertNotEquals(SafeNames.component(a), SafeNames.component(b));
    assertEquals(SafeNames.component(a), SafeNames.component(a));
  }
}
