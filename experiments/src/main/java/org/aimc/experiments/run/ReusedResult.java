package org.aimc.experiments.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.aimc.experiments.io.Json;
import org.aimc.experiments.report.RunRecord;

/**
 * Whether a finished run's {@code result.json} may stand for a run about to be trained (a sweep or
 * {@code reproduce} reusing it, {@code train --resume} of a finished run): its figures must be
 * possible (accuracies fractions in [0, 1], energy and power in range, as {@code aimc export}
 * checks them), and it must belong to this run: the same spec (configuration name, overrides, data
 * set, network, epochs, seed), the same resolved configuration, and the same data files (SHA-256).
 */
final class ReusedResult {
  private ReusedResult() {}

  /**
   * Configuration keys (dotted paths) added after results were first recorded (the pulsed devices'
   * roles, the evaluation phase, BL management), each with the value every run had before it existed: a result.json without the key was trained with that value, so
   * it still stands for a run that has it. A nested key is added only where its parent exists (a
   * software run has no {@code analog}). Not {@code trainAccuracyExamples}: before it, every epoch
   * measured the whole training split, which gave analog runs other noise draws than any run now has;
   * such a run is trained again.
   */
  static final Map<String, com.fasterxml.jackson.databind.JsonNode> ADDED_KEYS = Map.of(
      "evaluateBeforeTransfer", com.fasterxml.jackson.databind.node.BooleanNode.FALSE,
      "analog.tile.update.bitLengthManagement", com.fasterxml.jackson.databind.node.BooleanNode.FALSE,
      "analog.tile.devices.fast", com.fasterxml.jackson.databind.node.NullNode.instance,
      "analog.tile.devices.slow", com.fasterxml.jackson.databind.node.NullNode.instance);

  /**
   * Why {@code r}, read from {@code file}, cannot stand for a run of {@code spec} on data whose
   * files hash to {@code sums} (null: not compared); null if it can.
   */
  static String problem(Path file, TrainResult r, TrainSpec spec, Map<String, String> sums) {
    if (r.testAccuracy() != null && !fraction(r.testAccuracy())) return "testAccuracy = " + r.testAccuracy() + " is not a fraction in [0, 1]";
    if (!fraction(r.trainAccuracy())) return "trainAccuracy = " + r.trainAccuracy() + " is not a fraction in [0, 1]";
    if (!fraction(r.validationAccuracy())) return "validationAccuracy = " + r.validationAccuracy() + " is not a fraction in [0, 1]";
    if (!(r.wallSeconds() >= 0 && r.wallSeconds() < Double.POSITIVE_INFINITY)) return "wallSeconds = " + r.wallSeconds() + " is not a duration";
    if (r.energy() != null) {
      try {
        RunRecord.checkEnergy(file, r.energy());
      } catch (IllegalArgumentException e) {
        String m = e.getMessage();
        return m.startsWith(file + ": ") ? m.substring(file.toString().length() + 2) : m;
      }
    }
    if (!(r.resolvedConfig() instanceof Map<?, ?> m) || m.get("spec") == null || m.get("config") == null)
      return "it records no resolved configuration (resolvedConfig.spec and .config)";
    try {
      TrainSpec theirs = Json.MAPPER.convertValue(m.get("spec"), TrainSpec.class);
      if (!theirs.equals(spec))
        return "it is the result of another run: " + Json.toJson(theirs).replaceAll("\\s+", " ") + ", not " + Json.toJson(spec).replaceAll("\\s+", " ");
      // Compared as re-read JSON text, so number node types (int vs long) cannot differ.
      com.fasterxml.jackson.databind.JsonNode theirConfig = Json.MAPPER.readTree(Json.toJson(m.get("config")));
      ADDED_KEYS.forEach((k, v) -> addIfMissing(theirConfig, k, v));
      if (!theirConfig.equals(Json.MAPPER.readTree(Json.toJson(spec.config()))))
        return "its resolved configuration differs from what " + spec.configName() + " with its overrides gives now (the preset changed since)";
    } catch (IOException | IllegalArgumentException e) {
      return "its resolved configuration cannot be read (" + e.getMessage() + ")";
    }
    if (r.provenance() == null) return "it records no provenance";
    if (r.provenance().seed() != spec.seed()) return "it records seed " + r.provenance().seed() + ", this run is seed " + spec.seed();
    if (sums != null && r.provenance().datasetSha256() != null && !r.provenance().datasetSha256().isEmpty() && !r.provenance().datasetSha256().equals(sums))
      return "it was trained on other data: " + dataDifference(r.provenance().datasetSha256(), sums);
    return null;
  }

  private static void addIfMissing(com.fasterxml.jackson.databind.JsonNode config, String dottedKey, com.fasterxml.jackson.databind.JsonNode value) {
    String[] path = dottedKey.split("\\.");
    com.fasterxml.jackson.databind.JsonNode node = config;
    for (int i = 0; i < path.length - 1 && node != null; i++) node = node.get(path[i]);
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has(path[path.length - 1])) o.set(path[path.length - 1], value);
  }

  /** "train_x.npy had SHA-256 1a2b3c4d…, now 5e6f7a8b…": the first file whose hash differs. */
  static String dataDifference(Map<String, String> before, Map<String, String> now) {
    for (String f : new TreeSet<>(before.keySet())) {
      String a = before.get(f);
      String b = now.get(f);
      if (b == null) return f + " was read then, it is not read now";
      if (!b.equals(a)) return String.format(Locale.ROOT, "%s had SHA-256 %s…, now %s…", f, prefix(a), prefix(b));
    }
    for (String f : new TreeSet<>(now.keySet())) if (!before.containsKey(f)) return f + " is read now, it was not then";
    return "the files differ";
  }

  private static String prefix(String sha) {
    return sha == null ? "(none)" : sha.substring(0, Math.min(12, sha.length()));
  }

  private static boolean fraction(double v) {
    return v >= 0 && v <= 1;
  }
}
