package org.aimc.experiments.config;

import org.aimc.config.RecordOverrides;
import org.aimc.config.YamlDoc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.aimc.training.TrainingConfig;
import org.aimc.training.TrainingPreset;

/**
 * A training configuration as a YAML file: {@code base:} names the preset it starts from and
 * {@code config:} holds the whole resolved configuration ({@code aimc presets show NAME --yaml}
 * writes one). Reading it gives the preset and the {@code key=value} overrides of every leaf whose
 * value differs from the preset, so a run from a file records the same spec as one from
 * {@code --config NAME --set ...}, and an unedited file is exactly its preset. An unknown key or an
 * out-of-range value fails with the file and line.
 *
 * @param base the preset the file starts from
 * @param overrides {@code key=value} for every value that differs from the preset, in file order
 */
public record ConfigFile(String base, List<String> overrides) {
  /** Whether a {@code --config} argument names a file rather than a preset. */
  public static boolean isFile(String config) {
    String c = config.toLowerCase(Locale.ROOT);
    if (c.endsWith(".yaml") || c.endsWith(".yml")) return true;
    // A file of any other name (sw.conf) that is not a preset's name is a file too.
    if (java.util.Arrays.asList(TrainingPreset.ids()).contains(c.strip())) return false;
    try {
      return java.nio.file.Files.isRegularFile(Path.of(config));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  /**
   * A {@code --config} argument and {@code --set} overrides as a preset name and the overrides to
   * apply to it: a preset name is returned as is; a file gives its base preset and its overrides,
   * followed by {@code set} (which wins over the file for a key given in both).
   */
  public static ConfigFile resolve(String config, List<String> set) {
    if (!isFile(config)) return new ConfigFile(config, List.copyOf(set));
    ConfigFile f = read(Path.of(config));
    Map<String, String> merged = new LinkedHashMap<>(RecordOverrides.parse(f.overrides()));
    for (String k : RecordOverrides.parse(set).keySet()) merged.remove(k);
    List<String> all = new ArrayList<>();
    merged.forEach((k, v) -> all.add(k + "=" + v));
    all.addAll(set);
    return new ConfigFile(f.base(), all);
  }

  /** Reads a configuration file; errors name the file and the line. */
  public static ConfigFile read(Path file) {
    YamlDoc doc = YamlDoc.read(file);
    for (Iterator<String> it = doc.root().fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!k.equals("base") && !k.equals("config"))
        throw doc.error("/" + k, "unknown key '" + k + "'; a configuration file has 'base' (a preset: "
            + String.join(", ", TrainingPreset.ids()) + ") and 'config' (its values, as aimc presets show NAME --yaml writes them)");
    }
    JsonNode baseNode = doc.root().get("base");
    if (baseNode == null || !baseNode.isValueNode()) throw doc.error("", "missing 'base: PRESET' (one of " + String.join(", ", TrainingPreset.ids()) + ")");
    TrainingPreset preset;
    try {
      preset = TrainingPreset.byId(YamlDoc.text(baseNode));
    } catch (IllegalArgumentException e) {
      throw doc.error("/base", e.getMessage());
    }
    Map<String, String> defaults = leaves(YamlDoc.MAPPER.valueToTree(preset.config()));
    List<String> overrides = new ArrayList<>();
    JsonNode config = doc.root().get("config");
    if (config != null && !config.isNull()) {
      if (!config.isObject()) throw doc.error("/config", "'config' must be a mapping of keys to values");
      TrainingConfig resolved = preset.config();
      for (Map.Entry<String, String> leaf : leaves(config).entrySet()) {
        String key = leaf.getKey();
        if (java.util.Objects.equals(defaults.get(key), leaf.getValue()) && defaults.containsKey(key)) continue;
        String pointer = "/config/" + key.replace(".", "/");
        if (leaf.getValue() == null) throw doc.error(pointer, "key '" + key + "' has no value; give one or delete the line");
        String assignment = key + "=" + leaf.getValue();
        try {
          resolved = RecordOverrides.apply(resolved, List.of(assignment));
        } catch (IllegalArgumentException e) {
          throw doc.error(pointer, e.getMessage());
        }
        overrides.add(assignment);
      }
    }
    return new ConfigFile(preset.id(), List.copyOf(overrides));
  }

  /** A preset as the YAML that {@link #read} turns back into it. */
  public static String yaml(TrainingPreset preset) {
    ObjectNode doc = YamlDoc.MAPPER.createObjectNode();
    doc.put("base", preset.id());
    doc.set("config", YamlDoc.MAPPER.valueToTree(preset.config()));
    try {
      return "# aimc training configuration: " + preset.description() + "\n"
          + "# Edit values under config; run with --config THIS_FILE. Keys are those of --set.\n"
          + YamlDoc.MAPPER.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every leaf of a tree as dotted key → text (null for a YAML null), in document order. */
  static Map<String, String> leaves(JsonNode tree) {
    Map<String, String> out = new LinkedHashMap<>();
    collect(tree, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Map<String, String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> collect(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
    } else if (node.isNull()) {
      out.put(prefix, null);
    } else {
      out.put(prefix, YamlDoc.text(node));
    }
  }
}
