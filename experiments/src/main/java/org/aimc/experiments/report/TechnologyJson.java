package org.aimc.experiments.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.aimc.crossbar.energy.TechnologyEntry;
import org.aimc.crossbar.energy.TechnologyTable;
import org.aimc.experiments.io.Json;

/**
 * Technology tables as JSON files ({@code --technology FILE}):
 * <pre>{@code
 * {
 *   "name": "my-chip",
 *   "description": "what it is",
 *   "base": "ambrogio2018",                  // optional: entries not listed come from this preset
 *   "entries": {
 *     "adcEnergyPj": {"value": 0.8, "source": "my ADC, measured"},
 *     "pcmSetEnergyPj": 5.0                  // a bare number: source "FILE (no source given)"
 *   }
 * }
 * }</pre>
 * Without {@code base} every entry is required; a missing, unknown, negative or non-finite entry is
 * an error naming it. {@code aimc power --show-technology --format json} prints a complete file.
 */
public final class TechnologyJson {
  private TechnologyJson() {}

  /** A preset name ({@link TechnologyTable#presetNames()}) or the path of a JSON file. */
  public static TechnologyTable resolve(String presetOrFile) {
    if (TechnologyTable.presetNames().contains(presetOrFile)) return TechnologyTable.preset(presetOrFile);
    Path p = Path.of(presetOrFile);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("--technology " + presetOrFile + ": neither a preset (" + String.join(", ", TechnologyTable.presetNames())
          + ") nor an existing file");
    }
    return read(p);
  }

  /** Reads a technology file. */
  public static TechnologyTable read(Path file) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("technology file " + file + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read technology file " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isObject()) throw new IllegalArgumentException("technology file " + file + ": expected a JSON object");
    String name = root.path("name").asText(file.getFileName().toString());
    String description = root.path("description").asText("from " + file);
    TechnologyTable base = null;
    if (root.hasNonNull("base")) {
      try {
        base = TechnologyTable.preset(root.get("base").asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("technology file " + file + ": 'base': " + e.getMessage());
      }
    }
    JsonNode entries = root.get("entries");
    if (entries == null || !entries.isObject()) {
      throw new IllegalArgumentException("technology file " + file + ": missing the 'entries' object (entry key → {value, source})");
    }
    Map<String, TechnologyEntry> m = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      if (v.isNumber()) {
        m.put(e.getKey(), new TechnologyEntry(v.doubleValue(), file.getFileName() + " (no source given)"));
      } else if (v.isObject() && v.has("value") && v.get("value").isNumber()) {
        String source = v.path("source").asText("");
        m.put(e.getKey(), new TechnologyEntry(v.get("value").doubleValue(), source.isBlank() ? file.getFileName() + " (no source given)" : source));
      } else {
        throw new IllegalArgumentException("technology file " + file + ": entry '" + e.getKey() + "' needs a numeric value (a number or {\"value\": …, \"source\": …})");
      }
    }
    try {
      return TechnologyTable.fromKeys(name, description, m, base);
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException("technology file " + file + ": " + ex.getMessage());
    }
  }

  /** The table as a complete technology file. */
  public static ObjectNode toJson(TechnologyTable t) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("name", t.name());
    root.put("description", t.description());
    ObjectNode entries = root.putObject("entries");
    for (Map.Entry<String, TechnologyEntry> e : t.byKey().entrySet()) {
      ObjectNode o = entries.putObject(e.getKey());
      o.put("value", e.getValue().value());
      o.put("source", e.getValue().source());
    }
    return root;
  }

  /** Writes the table as a technology file, atomically. */
  public static void write(Path file, TechnologyTable t) {
    Json.write(file, toJson(t));
  }
}
