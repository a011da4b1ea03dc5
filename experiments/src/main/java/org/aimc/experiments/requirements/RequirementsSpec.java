package org.aimc.experiments.requirements;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.aimc.config.RecordOverrides;
import org.aimc.config.YamlDoc;
import org.aimc.experiments.io.Json;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;

/**
 * The ranges of {@code aimc requirements}: a YAML file naming the configuration, its software
 * yardstick, the screened parameters (each with its range and the range's source) and the
 * excluded keys (each with a reason). The built-in {@code ambrogio2018} is the resource
 * {@code requirements/ambrogio2018.yaml}; its header comment describes the format:
 *
 * <pre>
 * config: ambrogio2018          # the configuration screened (a preset)
 * baseline: software            # the software yardstick trained on the same seeds
 * parameters:
 *   - name: stuckFraction       # label and folder name (default: the key's last part)
 *     key: analog.tile.devices.pcm.stuckFraction    # or keys: [K1, K2], moved together
 *     low: 0
 *     high: 0.02
 *     scale: linear             # or log
 *     source: "assumed: ..."    # or the publication of the range
 * excluded:
 *   - key: learningRate
 *     reason: "chosen on validation by --tune"
 * </pre>
 *
 * Read and checked before anything runs: an unknown key, an empty range, low above high, a value
 * the configuration's records reject, a missing source or reason, or an assumed value of the
 * configuration that is neither screened nor excluded is an {@link IllegalArgumentException}
 * naming the file and the line.
 *
 * @param file where it was read from ("requirements/ambrogio2018.yaml (built in)" for the resource)
 * @param config the configuration (a preset id)
 * @param baseline the software yardstick (a preset id)
 * @param parameters the screened parameters, in the file's order
 * @param excluded excluded key → reason
 */
public record RequirementsSpec(String file, String config, String baseline, List<Parameter> parameters, Map<String, String> excluded) {
  /** The built-in specs, by name. */
  public static final List<String> BUILT_IN = List.of("ambrogio2018");

  private static final Set<String> TOP = Set.of("config", "baseline", "parameters", "excluded");
  private static final Set<String> PARAMETER = Set.of("name", "key", "keys", "low", "high", "scale", "source");
  private static final Set<String> EXCLUDED = Set.of("key", "reason");

  public RequirementsSpec {
    parameters = List.copyOf(parameters);
    excluded = Map.copyOf(excluded);
  }

  /** A built-in spec by name, or a YAML file. */
  public static RequirementsSpec load(String nameOrFile) {
    if (BUILT_IN.contains(nameOrFile)) {
      String resource = "requirements/" + nameOrFile + ".yaml";
      try (InputStream in = RequirementsSpec.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("built-in spec " + resource + " is missing from the jar");
        return parse(YamlDoc.parse(Path.of(resource + " (built in)"), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the built-in spec " + resource, e);
      }
    }
    Path p = Path.of(nameOrFile);
    if (!Files.isRegularFile(p))
      throw new IllegalArgumentException("--spec " + nameOrFile + ": no such file, and not a built-in spec (" + String.join(", ", BUILT_IN) + ")");
    return parse(YamlDoc.read(p));
  }

  static RequirementsSpec parse(YamlDoc doc) {
    JsonNode root = doc.root();
    unknown(doc, root, "", TOP, "a requirements spec");
    String config = text(doc, root, "/config", "ambrogio2018");
    String baseline = text(doc, root, "/baseline", "software");
    TrainingPreset preset;
    try {
      preset = TrainingPreset.byId(config);
      TrainingPreset.byId(baseline);
    } catch (IllegalArgumentException e) {
      throw doc.error(e.getMessage().contains("'" + baseline + "'") ? "/baseline" : "/config", e.getMessage());
    }
    TrainingConfig base = preset.config();
    JsonNode tree = Json.MAPPER.valueToTree(base);

    JsonNode ps = root.get("parameters");
    if (ps == null || !ps.isArray() || ps.isEmpty())
      throw doc.error(ps == null ? "" : "/parameters", "'parameters' is a list of one or more parameters, each with key (or keys), low, high and source");
    List<Parameter> parameters = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> screened = new HashSet<>();
    for (int i = 0; i < ps.size(); i++) {
      String at = "/parameters/" + i;
      JsonNode p = ps.get(i);
      if (!p.isObject()) throw doc.error(at, "each parameter is a mapping: key, low, high, source");
      unknown(doc, p, at, PARAMETER, "a parameter");
      List<String> keys = new ArrayList<>();
      String keysAt = at + (p.has("keys") ? "/keys" : "/key");
      if (p.has("key") == p.has("keys")) throw doc.error(at, "give exactly one of 'key: KEY' or 'keys: [KEY, ...]'");
      if (p.has("key")) {
        if (!p.get("key").isTextual()) throw doc.error(keysAt, "'key' is one configuration key, e.g. analog.tile.devices.pcm.stuckFraction");
        keys.add(p.get("key").textValue());
      } else {
        if (!p.get("keys").isArray() || p.get("keys").isEmpty()) throw doc.error(keysAt, "'keys' is a list of one or more configuration keys");
        for (JsonNode k : p.get("keys")) keys.add(YamlDoc.text(k));
      }
      String name = p.has("name") ? YamlDoc.text(p.get("name")) : keys.get(0).substring(keys.get(0).lastIndexOf('.') + 1);
      if (!name.matches("[A-Za-z0-9._-]+")) throw doc.error(at + "/name", "name '" + name + "': letters, digits, '.', '_' and '-' only (it names folders)");
      if (!names.add(name)) throw doc.error(at + (p.has("name") ? "/name" : ""), "the name '" + name + "' is used twice; give each parameter its own 'name'");
      String source = p.has("source") ? YamlDoc.text(p.get("source")).trim() : "";
      if (source.isEmpty()) throw doc.error(at, "parameter " + name + ": give the range's 'source' (a publication, or \"assumed: why\")");
      String scale = p.has("scale") ? YamlDoc.text(p.get("scale")) : "linear";
      if (!scale.equals("linear") && !scale.equals("log")) throw doc.error(at + "/scale", "scale '" + scale + "': linear or log");
      if (!p.has("low") || !p.has("high")) throw doc.error(at, "parameter " + name + ": give both 'low' and 'high'");
      JsonNode lowNode = p.get("low");
      JsonNode highNode = p.get("high");
      if (!lowNode.isValueNode() || lowNode.isNull()) throw doc.error(at + "/low", "parameter " + name + ": 'low' is one value");
      if (!highNode.isValueNode() || highNode.isNull()) throw doc.error(at + "/high", "parameter " + name + ": 'high' is one value");
      String low = YamlDoc.text(lowNode);
      String high = YamlDoc.text(highNode);

      // Keys: known, screened once, one preset value for all.
      String baseText = null;
      boolean integer = false;
      for (int k = 0; k < keys.size(); k++) {
        String key = keys.get(k);
        String keyAt = p.has("keys") ? keysAt + "/" + k : keysAt;
        JsonNode v = tree.at(pointer(key));
        if (v.isMissingNode()) {
          try {
            RecordOverrides.apply(base, List.of(key + "=0")); // its message lists the allowed keys
          } catch (IllegalArgumentException e) {
            throw doc.error(keyAt, e.getMessage());
          }
        }
        if (v.isMissingNode() || !v.isValueNode())
          throw doc.error(keyAt, "unknown key '" + key + "': a parameter is one value of the configuration (aimc train --show-config)");
        if (!screened.add(key)) throw doc.error(keyAt, "key '" + key + "' is screened twice");
        String t = YamlDoc.text(v);
        if (baseText != null && !Parameter.same(baseText, t))
          throw doc.error(keyAt, "keys moved together need one value in " + config + ": " + keys.get(0) + " is " + baseText + ", " + key + " is " + t);
        baseText = t;
        integer = v.isIntegralNumber();
      }

      // The range: two different ends, low below high, both accepted by the records.
      boolean bool = Parameter.isBoolean(low) && Parameter.isBoolean(high);
      if (Parameter.same(low, high)) throw doc.error(at + "/high", "parameter " + name + ": empty range (low = high = " + low + ")");
      if (!bool) {
        double lo, hi;
        try {
          lo = Double.parseDouble(low);
        } catch (NumberFormatException e) {
          throw doc.error(at + "/low", "parameter " + name + ": low '" + low + "' is not a number (or give false and true)");
        }
        try {
          hi = Double.parseDouble(high);
        } catch (NumberFormatException e) {
          throw doc.error(at + "/high", "parameter " + name + ": high '" + high + "' is not a number (or give false and true)");
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi))) throw doc.error(at + "/low", "parameter " + name + ": the ends must be finite");
        if (lo > hi) throw doc.error(at + "/low", "parameter " + name + ": low " + low + " is above high " + high);
        if (scale.equals("log") && !(lo > 0 && Double.parseDouble(baseText) > 0))
          throw doc.error(at + "/scale", "parameter " + name + ": a log scale needs a positive low end and configuration value");
      } else if (low.equals("true")) {
        throw doc.error(at + "/low", "parameter " + name + ": a false .. true range has low: false, high: true");
      }
      Parameter parameter = new Parameter(name, keys, low, high, scale.equals("log"), source, baseText, integer);
      for (String end : List.of("low", "high")) {
        String value = end.equals("low") ? low : high;
        check(doc, at + "/" + end, base, parameter.overrides(value));
      }
      for (String level : parameter.levels()) check(doc, at, base, parameter.overrides(level));
      parameters.add(parameter);
    }

    Map<String, String> excluded = new LinkedHashMap<>();
    JsonNode ex = root.get("excluded");
    if (ex != null && !ex.isNull()) {
      if (!ex.isArray()) throw doc.error("/excluded", "'excluded' is a list of '- key: KEY' with 'reason: ...'");
      for (int i = 0; i < ex.size(); i++) {
        String at = "/excluded/" + i;
        JsonNode e = ex.get(i);
        if (!e.isObject() || !e.path("key").isTextual()) throw doc.error(at, "each exclusion is '- key: KEY' with 'reason: ...'");
        unknown(doc, e, at, EXCLUDED, "an exclusion");
        String key = e.get("key").textValue();
        String reason = e.has("reason") ? YamlDoc.text(e.get("reason")).trim() : "";
        if (!preset.sources().containsKey(key) && tree.at(pointer(key)).isMissingNode())
          throw doc.error(at + "/key", "unknown key '" + key + "' in " + config);
        if (reason.isEmpty()) throw doc.error(at, "excluded key " + key + ": give the 'reason' it is not screened");
        if (screened.contains(key)) throw doc.error(at + "/key", "key '" + key + "' is both screened and excluded");
        if (excluded.put(key, reason) != null) throw doc.error(at + "/key", "key '" + key + "' is excluded twice");
      }
    }

    // No assumption left out silently.
    Set<String> missing = new TreeSet<>();
    for (Map.Entry<String, String> s : preset.sources().entrySet()) {
      if (s.getValue().trim().toLowerCase(java.util.Locale.ROOT).startsWith("assumed") && !screened.contains(s.getKey())
          && !excluded.containsKey(s.getKey())) missing.add(s.getKey());
    }
    if (!missing.isEmpty())
      throw doc.error(ex == null ? "" : "/excluded", "these values of " + config + " are assumed but neither screened nor excluded: "
          + String.join(", ", missing) + "; add each under 'parameters' with a range, or under 'excluded' with a reason");
    return new RequirementsSpec(doc.file().toString(), preset.id(), TrainingPreset.byId(baseline).id(), parameters, excluded);
  }

  /** The parameter called {@code name}. */
  public Parameter parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no parameter '" + name + "' in " + file));
  }

  private static String pointer(String key) {
    return "/" + key.replace('.', '/');
  }

  private static void check(YamlDoc doc, String at, TrainingConfig base, List<String> overrides) {
    try {
      RecordOverrides.apply(base, overrides);
    } catch (IllegalArgumentException e) {
      throw doc.error(at, e.getMessage());
    }
  }

  private static void unknown(YamlDoc doc, JsonNode node, String at, Set<String> allowed, String what) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) throw doc.error(at + "/" + k, "unknown key '" + k + "'; " + what + " has " + String.join(", ", new TreeSet<>(allowed)));
    }
  }

  private static String text(YamlDoc doc, JsonNode root, String at, String fallback) {
    JsonNode n = root.at(at);
    if (n.isMissingNode() || n.isNull()) return fallback;
    if (!n.isValueNode()) throw doc.error(at, "'" + at.substring(1) + "' takes one value");
    return YamlDoc.text(n);
  }
}
