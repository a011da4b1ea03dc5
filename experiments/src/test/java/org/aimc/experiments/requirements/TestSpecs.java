package org.aimc.experiments.requirements;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.aimc.training.TrainingPreset;

/** Small requirements specs for tests: the given parameters, every other assumed value of ambrogio2018 excluded. */
public final class TestSpecs {
  private TestSpecs() {}

  /** Three parameters: stuckFraction (0 .. 0.02), gAtInit (2 .. 8), openLoopResidual (false .. true). */
  public static final String THREE = """
        - name: stuckFraction
          key: analog.tile.devices.pcm.stuckFraction
          low: 0
          high: 0.02
          source: "assumed: test"
        - name: gAtInit
          key: analog.tile.devices.capacitor.readGAtInitMicroS
          low: 2
          high: 8
          source: "assumed: test"
        - name: openLoopResidual
          key: analog.transfer.openLoopResidual
          low: false
          high: true
          source: "assumed: test"
      """;

  /**
   * A spec file: lines 1-3 are config, baseline and "parameters:", then {@code parameters} (YAML list
   * items indented by two), then every assumed key of ambrogio2018 that {@code screened} does not name
   * under 'excluded', minus {@code notExcluded}.
   */
  public static Path write(Path file, String parameters, List<String> screened, List<String> notExcluded) throws IOException {
    StringBuilder b = new StringBuilder("config: ambrogio2018\nbaseline: software\nparameters:\n").append(parameters);
    if (!parameters.endsWith("\n")) b.append('\n');
    b.append("excluded:\n");
    for (Map.Entry<String, String> s : TrainingPreset.byId("ambrogio2018").sources().entrySet()) {
      if (!s.getValue().startsWith("assumed") || screened.contains(s.getKey()) || notExcluded.contains(s.getKey())) continue;
      b.append("  - key: ").append(s.getKey()).append("\n    reason: \"not in this test\"\n");
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, b.toString());
    return file;
  }

  /** The keys of {@link #THREE}. */
  public static final List<String> THREE_KEYS = List.of("analog.tile.devices.pcm.stuckFraction", "analog.tile.devices.capacitor.readGAtInitMicroS",
      "analog.transfer.openLoopResidual");
}
