package org.aimc.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One preset file as written, before resolution: its header ({@code kind}, {@code name},
 * {@code description}, the kind's own keys, {@code extends}) and its values flattened to dotted
 * keys, each with its unit, source and line. Everything that can be checked without the record
 * type is checked here; {@link PresetLibrary} resolves the values against the record.
 *
 * @param doc the file, for errors with lines
 * @param description one line for listings
 * @param info the kind's own top-level keys that the file gives
 * @param parent the preset it {@code extends}, or null
 * @param leaves its values by dotted key, in file order
 */
record PresetFile(YamlDoc doc, String description, Map<String, String> info, String parent, Map<String, Leaf> leaves) {
  /** Top-level keys every preset file may have. */
  private static final List<String> COMMON_KEYS = List.of("kind", "name", "description", "extends", "set");

  /** Keys of one value. */
  private static final Set<String> LEAF_KEYS = Set.of("value", "preset", "unit", "source");

  /**
   * Reads the header and the values of a file of {@code kind}.
   *
   * @throws IllegalArgumentException naming the file and line: an unknown top-level key, a wrong kind or name, no
   *     description, a value without a source, a bare value, a key given twice
   */
  static PresetFile parse(YamlDoc doc, String kind, String noun, List<String> infoKeys) {
    JsonNode root = doc.root();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!COMMON_KEYS.contains(k) && !infoKeys.contains(k)) {
        List<String> allowed = new ArrayList<>(COMMON_KEYS);
        allowed.addAll(infoKeys);
        throw doc.error("/" + k, "unknown key '" + k + "'; a " + noun + " file has: " + String.join(", ", allowed));
      }
    }
    String declared = scalar(doc, "kind");
    if (!kind.equals(declared)) throw doc.error("/kind", "kind is '" + declared + "', expected '" + kind + "'");
    String fileName = doc.file().getFileName().toString().replaceFirst("\\.yaml$", "");
    String declaredName = scalar(doc, "name");
    if (declaredName == null || !PresetLibrary.normalise(declaredName).equals(PresetLibrary.normalise(fileName)))
      throw doc.error("/name", "name is '" + declaredName + "', but the file is " + fileName + ".yaml; they must agree");
    String description = scalar(doc, "description");
    if (description == null || description.isBlank()) throw doc.error("/description", "missing 'description: ONE LINE'");
    Map<String, String> info = new LinkedHashMap<>();
    for (String k : infoKeys) {
      String v = scalar(doc, k);
      if (v != null) info.put(k, v);
    }
    String parent = scalar(doc, "extends");
    JsonNode set = root.get("set");
    Map<String, Leaf> leaves = new LinkedHashMap<>();
    if (set != null && !set.isNull()) {
      if (!set.isObject()) throw doc.error("/set", "'set' must be a mapping of keys to {value: …, unit: …, source: …}");
      flatten(doc, set, "", "/set", leaves);
    } else if (parent == null) {
      throw doc.error("", "missing 'set:' (a preset without 'extends' gives every value)");
    }
    return new PresetFile(doc, description, Collections.unmodifiableMap(info), parent, Collections.unmodifiableMap(leaves));
  }

  private static String scalar(YamlDoc doc, String key) {
    JsonNode n = doc.root().get(key);
    if (n == null || n.isNull()) return null;
    if (!n.isValueNode()) throw doc.error("/" + key, "'" + key + "' must be a single value, not a mapping or a list");
    return YamlDoc.text(n);
  }

  /** One value of a file: a scalar or a preset name, with its unit, source and line (as a JSON pointer). */
  record Leaf(String key, JsonNode value, String preset, String unit, String source, String pointer) {}

  private static void flatten(YamlDoc doc, JsonNode node, String prefix, String pointer, Map<String, Leaf> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      String ptr = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
      JsonNode v = e.getValue();
      if (v.isObject() && (v.has("value") || v.has("preset"))) {
        for (Iterator<String> f = v.fieldNames(); f.hasNext(); ) {
          String k = f.next();
          if (!LEAF_KEYS.contains(k))
            throw doc.error(ptr + "/" + k, "unknown key '" + k + "' in the value of '" + key + "'; a value has: value (or preset), unit, source");
        }
        if (v.has("value") && v.has("preset"))
          throw doc.error(ptr, "'" + key + "' has both 'value' and 'preset'; give one");
        JsonNode src = v.get("source");
        if (src == null || !src.isValueNode() || src.isNull() || YamlDoc.text(src).isBlank())
          throw doc.error(ptr, "'" + key + "' has no source; add source: \"(paper)\", a citation, \"inferred: …\" or \"assumed: …\"");
        JsonNode value = v.get("value");
        if (value != null && !value.isValueNode())
          throw doc.error(ptr + "/value", "the value of '" + key + "' must be a single number, word or null, not a mapping or a list");
        JsonNode unit = v.get("unit");
        JsonNode preset = v.get("preset");
        if (preset != null && (!preset.isValueNode() || preset.isNull()))
          throw doc.error(ptr + "/preset", "'preset' of '" + key + "' must be a preset's name");
        Leaf leaf = new Leaf(key, value, preset == null ? null : YamlDoc.text(preset), unit == null || unit.isNull() ? null : YamlDoc.text(unit),
            YamlDoc.text(src), ptr);
        if (out.put(key, leaf) != null) throw doc.error(ptr, "key '" + key + "' is given twice");
      } else if (v.isObject()) {
        flatten(doc, v, key, ptr, out);
      } else {
        throw doc.error(ptr, "'" + key + "' needs {value: …, unit: …, source: …} (or a mapping of such keys), not a bare "
            + (v.isArray() ? "list" : "value"));
      }
    }
  }
}
