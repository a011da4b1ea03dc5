package org.aimc.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aimc.crossbar.energy.EnergyReport;
import org.aimc.crossbar.energy.PhaseCounts;
import org.aimc.experiments.io.Json;

/**
 * What {@code aimc export} and {@code aimc power --from} read from a run folder's {@code result.json}:
 * the accuracy, and the {@code energy} block ({@link EnergyReport}) and {@code phaseCounts}
 * ({@link PhaseCounts}) when the run recorded them. Read as a JSON tree, so result files of other
 * versions load as long as these fields are there.
 *
 * @param dir the run folder
 * @param dataset data-set name ("" if absent)
 * @param network layer sizes ("" if absent)
 * @param config configuration name
 * @param testAccuracy final test accuracy, a fraction
 * @param energy the energy block, or null
 * @param phaseCounts the counts by phase, or null
 * @param totalCountsOnly whether the run recorded only total event counts ({@code analog.eventCounts}:
 *     not split by phase, evaluation passes included), which cannot be priced as training energy
 */
public record RunRecord(Path dir, String dataset, String network, String config, double testAccuracy, EnergyReport energy,
    PhaseCounts phaseCounts, boolean totalCountsOnly) {
  /** How deep {@link #find} looks below a folder, result.json included. */
  static final int SEARCH_DEPTH = 5;

  /** A run of a {@code --tune} search whose setting was not chosen: it has no test accuracy, by design. */
  public static final class UnchosenSearchRun extends IllegalArgumentException {
    UnchosenSearchRun(String message) {
      super(message);
    }
  }


  public static final String RESULT = "result.json";

  /** Reads one run folder. */
  public static RunRecord read(Path dir) {
    Path file = dir.resolve(RESULT);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a run folder: " + dir + " (no " + RESULT + ")");
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid JSON: " + e.getMessage());
    }
    if (root != null && root.isObject() && root.path("testAccuracy").isNull() && root.path("selectedEpoch").isInt())
      throw new UnchosenSearchRun(file + " is a run of a --tune search whose setting was not chosen: its test set was never read,"
          + " so it has no test accuracy (aimc export of the comparison folder leaves such runs out)");
    if (root == null || !root.isObject() || !root.path("testAccuracy").isNumber() || !root.path("config").isTextual()) {
      throw new IllegalArgumentException(file + " is not an aimc result (it needs 'config' and a numeric 'testAccuracy')");
    }
    double accuracy = root.get("testAccuracy").asDouble();
    if (!(accuracy >= 0 && accuracy <= 1))
      throw new IllegalArgumentException(file + ": testAccuracy = " + accuracy + " is not a fraction in [0, 1]; the file is damaged or not aimc's");
    EnergyReport energy = null;
    PhaseCounts counts = null;
    try {
      if (root.hasNonNull("energy")) energy = Json.MAPPER.treeToValue(root.get("energy"), EnergyReport.class);
      if (root.hasNonNull("phaseCounts")) counts = Json.MAPPER.treeToValue(root.get("phaseCounts"), PhaseCounts.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": the energy block cannot be read: " + e.getMessage());
    }
    if (energy != null) checkEnergy(file, energy);
    boolean totals = energy == null && counts == null && root.path("analog").path("eventCounts").isObject();
    // A run with overrides (a sweep point, a --set run) is its own configuration, not its preset's.
    List<String> overrides = new ArrayList<>();
    root.path("resolvedConfig").path("spec").path("overrides").forEach(o -> overrides.add(o.asText()));
    String config = root.get("config").asText() + (overrides.isEmpty() ? "" : " [" + String.join(", ", overrides) + "]");
    return new RunRecord(dir, root.path("dataset").asText(""), root.path("network").asText(""), config,
        accuracy, energy, counts, totals);
  }

  /** Largest plausible figures: a chip that draws a megawatt, or spends a kilojoule on one example, is a damaged file. */
  static final double MAX_WATTS = 1e6;
  static final double MAX_JOULES_PER_EXAMPLE = 1e3;

  /**
   * Refuses an energy block whose figures no run can have: negative, not finite, or beyond
   * {@value #MAX_WATTS} W and {@value #MAX_JOULES_PER_EXAMPLE} J per example.
   *
   * @throws IllegalArgumentException naming the file and the field
   */
  public static void checkEnergy(Path file, EnergyReport e) {
    double[] v = {e.energyPerExampleJoules(), e.energyPerInferenceJoules(), e.energyPerEpochJoules(), e.energyJoules(), e.averagePowerWatts(),
        e.gopsPerWatt(), e.topsPerMm2(), e.areaMm2(), e.seconds()};
    String[] names = {"energyPerExampleJoules", "energyPerInferenceJoules", "energyPerEpochJoules", "energyJoules", "averagePowerWatts",
        "gopsPerWatt", "topsPerMm2", "areaMm2", "seconds"};
    double[] max = {MAX_JOULES_PER_EXAMPLE, MAX_JOULES_PER_EXAMPLE, Double.MAX_VALUE, Double.MAX_VALUE, MAX_WATTS, Double.MAX_VALUE,
        Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= 0 && v[i] <= max[i]))
        throw new IllegalArgumentException(file + ": energy." + names[i] + " = " + v[i] + " is " + (Double.isNaN(v[i]) ? "not a number"
            : v[i] < 0 ? "negative" : Double.isInfinite(v[i]) ? "infinite" : "beyond any chip (at most " + max[i] + ")")
            + "; the file is damaged or not aimc's");
    }
  }

  /**
   * The run folders at or under each path (a run folder, or a folder of run folders such as
   * {@code aimc reproduce}'s {@code <config>/seed-<k>/} and, with {@code --tune}, its
   * {@code tune/<config>/<setting>/seed-1/}; searched 5 levels deep), in path order.
   *
   * @throws IllegalArgumentException for a path that does not exist or holds no run folder
   */
  public static List<Path> find(List<Path> paths) {
    // SEARCH_DEPTH counts result.json itself: tune/<config>/<setting>/seed-1/result.json is 5 below a reproduce folder.
    // Overlapping arguments (A A A/run-1, as shell globs give) name each run once: its real path decides.
    java.util.Set<Path> seen = new java.util.HashSet<>();
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.isDirectory(p)) throw new IllegalArgumentException("not a run folder: " + p + " (no such directory)");
      if (Files.isRegularFile(p.resolve(RESULT))) {
        if (seen.add(real(p))) out.add(p);
        continue;
      }
      List<Path> found;
      try (Stream<Path> s = Files.walk(p, SEARCH_DEPTH)) {
        found = s.filter(f -> f.getFileName().toString().equals(RESULT) && Files.isRegularFile(f)).map(Path::getParent).sorted().toList();
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot list " + p + ": " + e.getMessage());
      }
      if (found.isEmpty()) {
        throw new IllegalArgumentException("not a run folder: " + p + " (no " + RESULT + " in it or in its sub-folders up to " + (SEARCH_DEPTH - 1) + " levels)");
      }
      for (Path f : found) if (seen.add(real(f))) out.add(f);
    }
    return out;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /**
   * The folders at or under {@code paths} that look like runs (a {@code spec.json}, or a
   * {@code result.json} that is not a file) but hold no readable result file: an unfinished seed, a
   * damaged folder. Each with why, for a warning; export cannot count them.
   */
  public static List<String> unfinished(List<Path> paths) {
    java.util.Set<Path> seen = new java.util.HashSet<>();
    List<String> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.isDirectory(p)) continue;
      try (Stream<Path> s = Files.walk(p, SEARCH_DEPTH - 1)) {
        for (Path d : s.filter(Files::isDirectory).sorted().toList()) {
          Path r = d.resolve(RESULT);
          if (Files.isRegularFile(r) || !seen.add(real(d))) continue;
          if (Files.exists(r)) out.add(r + " is not a file");
          else if (Files.isRegularFile(d.resolve("spec.json"))) out.add(d + " (spec.json but no " + RESULT + ": an unfinished run)");
        }
      } catch (IOException e) {
        out.add("cannot list " + p + ": " + e.getMessage());
      }
    }
    return out;
  }
}
