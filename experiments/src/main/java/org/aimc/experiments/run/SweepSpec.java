package org.aimc.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.aimc.experiments.config.ConfigFile;
import org.aimc.config.RecordOverrides;
import org.aimc.config.YamlDoc;
import org.aimc.training.TrainingPreset;

/**
 * A sweep as a YAML file, the form to keep, review and run again ({@code aimc sweep --spec FILE}):
 *
 * <pre>
 * dataset: mnist
 * network: 784-250-125-10
 * config: ambrogio2018            # a configuration, or a YAML file of one (relative to this file)
 * set:                            # overrides at every point
 *   analog.transfer.intervalExamples: 4000
 * axes:                           # the grid is every combination; the first varies slowest
 *   - key: analog.tile.backward.outputNoise
 *     values: [0, 0.05, 0.1]
 *   - key: analog.tile.devices.capacitor.leakTimeConstantSeconds
 *     log: {from: 0.1, to: 10, points: 3}
 *   - key: analog.transfer.intervalExamples
 *     linear: {from: 2000, to: 8000, points: 4}
 * seeds: 3
 * epochs: 20
 * baseline: software
 * out: runs/my-sweep              # relative to the current folder, like --out
 * </pre>
 *
 * It resolves to the same {@link Sweep} as the command line with the same values. Every error names
 * the file and the line.
 */
public final class SweepSpec {
  private static final Set<String> KEYS = Set.of("dataset", "network", "config", "set", "axes", "seeds", "epochs", "baseline", "out");

  private SweepSpec() {}

  /** Reads {@code file}; {@code threads} is the local engine's (a property of the machine, not of the sweep). */
  public static Sweep read(Path file, int threads) {
    YamlDoc doc = YamlDoc.read(file);
    JsonNode root = doc.root();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!KEYS.contains(k)) throw doc.error("/" + k, "unknown key '" + k + "'; a sweep spec has " + String.join(", ", List.of(
          "dataset", "network", "config", "set", "axes", "seeds", "epochs", "baseline", "out")));
    }
    String dataset = scalar(doc, "dataset", null);
    String network = scalar(doc, "network", "784-250-125-10");
    String config = scalar(doc, "config", "ambrogio2018");
    String baseline = scalar(doc, "baseline", null);
    int seeds = integer(doc, "seeds", 3);
    int epochs = integer(doc, "epochs", 20);
    String out = scalar(doc, "out", null);
    if (dataset == null) throw doc.error("", "missing 'dataset: NAME' (mnist, mnist-backrand, idx:FOLDER or features:DIR)");
    try {
      TrainingData.canonicalName(dataset); // what the command line accepts: features:DIR too
    } catch (IllegalArgumentException e) {
      throw doc.error("/dataset", e.getMessage());
    }
    try {
      org.aimc.training.NetworkShape.parse(network);
    } catch (IllegalArgumentException e) {
      throw doc.error("/network", e.getMessage());
    }
    try {
      if (baseline != null) TrainingPreset.byId(baseline);
    } catch (IllegalArgumentException e) {
      throw doc.error("/baseline", e.getMessage());
    }

    // The base configuration: a preset, or a configuration file beside the spec.
    List<String> fixed = new ArrayList<>();
    String preset;
    try {
      if (ConfigFile.isFile(config)) {
        Path cf = file.toAbsolutePath().getParent().resolve(config);
        ConfigFile c = ConfigFile.read(cf);
        preset = c.base();
        fixed.addAll(c.overrides());
      } else {
        preset = TrainingPreset.byId(config).id();
      }
    } catch (IllegalArgumentException e) {
      throw doc.error("/config", e.getMessage());
    }
    var base = TrainingPreset.byId(preset).config();

    JsonNode set = root.get("set");
    if (set != null && !set.isNull()) {
      if (!set.isObject()) throw doc.error("/set", "'set' is a mapping of keys to values, one per line (key: value)");
      for (Iterator<String> it = set.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        JsonNode v = set.get(k);
        if (!v.isValueNode() || v.isNull()) throw doc.error("/set/" + k, "'" + k + "' needs one value, e.g. " + k + ": 0.05");
        String assignment = k + "=" + YamlDoc.text(v);
        check(doc, "/set/" + k, "/set/" + k, base, fixed, assignment);
        fixed.removeIf(f -> f.startsWith(k + "="));
        fixed.add(assignment);
      }
    }

    JsonNode axesNode = root.get("axes");
    if (axesNode == null || !axesNode.isArray() || axesNode.isEmpty())
      throw doc.error(axesNode == null ? "" : "/axes", "'axes' is a list of one or more axes, each '- key: KEY' with 'values: [..]', "
          + "'linear: {from: A, to: B, points: N}' or 'log: {from: A, to: B, points: N}'");
    List<Sweep.Axis> axes = new ArrayList<>();
    for (int i = 0; i < axesNode.size(); i++) {
      String at = "/axes/" + i;
      JsonNode a = axesNode.get(i);
      if (!a.isObject() || a.get("key") == null || !a.get("key").isTextual()) throw doc.error(at, "each axis needs 'key: KEY'");
      String key = a.get("key").textValue();
      int forms = (a.has("values") ? 1 : 0) + (a.has("linear") ? 1 : 0) + (a.has("log") ? 1 : 0);
      if (forms != 1 || a.size() != 2)
        throw doc.error(at, "axis " + key + ": give exactly one of 'values: [..]', 'linear: {from, to, points}', 'log: {from, to, points}'");
      Sweep.Axis axis;
      try {
        if (a.has("values")) {
          JsonNode vs = a.get("values");
          if (!vs.isArray()) throw doc.error(at + "/values", "axis " + key + ": 'values' is a list, e.g. values: [0, 0.05, 0.1]");
          List<String> values = new ArrayList<>();
          for (JsonNode v : vs) values.add(YamlDoc.text(v));
          axis = new Sweep.Axis(key, values);
        } else {
          String form = a.has("linear") ? "linear" : "log";
          JsonNode r = a.get(form);
          if (!r.isObject() || !r.path("from").isNumber() || !r.path("to").isNumber() || !r.path("points").canConvertToInt()
              || !r.path("points").isIntegralNumber() || r.size() != 3)
            throw doc.error(at + "/" + form, "axis " + key + ": " + form + " needs {from: A, to: B, points: N}, numbers");
          double from = r.get("from").doubleValue();
          double to = r.get("to").doubleValue();
          int points = r.get("points").intValue();
          axis = form.equals("linear") ? Sweep.Axis.linear(key, from, to, points) : Sweep.Axis.log(key, from, to, points);
        }
      } catch (IllegalArgumentException e) {
        if (e.getMessage().startsWith(file.toString())) throw e;
        throw doc.error(at + "/" + (a.has("values") ? "values" : a.has("linear") ? "linear" : "log"), e.getMessage());
      }
      for (int v = 0; v < axis.values().size(); v++) {
        check(doc, at + "/key", at + (a.has("values") ? "/values/" + v : ""), base, fixed, key + "=" + axis.values().get(v));
      }
      axes.add(axis);
    }

    Path dir = out != null ? Path.of(out)
        : org.aimc.experiments.io.SafeNames.inside(Path.of("runs"), "sweep-" + file.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
    try {
      return new Sweep(dataset, network, preset, fixed, axes, baseline, seeds, epochs, threads, dir);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** One override against the base configuration with the fixed ones; an error names the key's line, or the value's. */
  private static void check(YamlDoc doc, String keyPointer, String valuePointer, org.aimc.training.TrainingConfig base, List<String> fixed,
      String assignment) {
    try {
      String key = assignment.substring(0, assignment.indexOf('='));
      List<String> all = new ArrayList<>(fixed.stream().filter(f -> !f.startsWith(key + "=")).toList());
      all.add(assignment);
      RecordOverrides.apply(base, all);
    } catch (IllegalArgumentException e) {
      boolean aboutKey = e.getMessage().startsWith("unknown key") || e.getMessage().startsWith("key '");
      throw doc.error(aboutKey ? keyPointer : valuePointer, e.getMessage());
    }
  }

  private static String scalar(YamlDoc doc, String key, String fallback) {
    JsonNode n = doc.root().get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isValueNode()) throw doc.error("/" + key, "'" + key + "' takes one value, not a list or mapping");
    return YamlDoc.text(n);
  }

  private static int integer(YamlDoc doc, String key, int fallback) {
    JsonNode n = doc.root().get(key);
    if (n == null || n.isNull()) return fallback;
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1)
      throw doc.error("/" + key, "'" + key + "' must be a whole number of at least 1, not " + YamlDoc.text(n));
    return n.intValue();
  }
}
