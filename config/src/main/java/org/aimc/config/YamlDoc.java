package org.aimc.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * A YAML file read as a tree, remembering the line of every node, so that an error in a value can
 * name the file and line it came from ({@code my.yaml:12: ...}). Files given by a user are read
 * only here; everything else sees the tree.
 *
 * @param file the file read
 * @param root the document
 * @param lines 1-based line of each node, by JSON pointer (e.g. {@code /axes/0/values})
 */
public record YamlDoc(Path file, JsonNode root, Map<String, Integer> lines) {
  /** The one YAML mapper: no document-start marker, plain scalars where YAML allows them. */
  public static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .build())
      .build();

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file (and line) if it is missing, unreadable, not YAML, or not a mapping
   */
  public static YamlDoc read(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
    try {
      return parse(file, Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code text}, naming {@code file} in errors (a resource's path for a built-in preset).
   *
   * @throws IllegalArgumentException naming the file and line if it is not YAML or not a mapping
   */
  public static YamlDoc parse(Path file, String text) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = MAPPER.getFactory().createParser(text)) {
      JsonNode root = MAPPER.readTree(new LineRecorder(p, lines).parser);
      if (root == null || !root.isObject())
        throw new IllegalArgumentException(file + ":1: expected a mapping of keys to values (key: value, one per line)");
      return new YamlDoc(file, root, Map.copyOf(lines));
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(file + ":" + line + ": not valid YAML: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The line of the node at {@code pointer}, or of its nearest ancestor that has one (1 at worst). */
  public int line(String pointer) {
    for (JsonPointer p = JsonPointer.compile(pointer); p != null; p = p.head()) {
      Integer l = lines.get(p.toString());
      if (l != null) return l;
      if (p.toString().isEmpty()) break;
    }
    return 1;
  }

  /** {@code file:line: message} for the node at {@code pointer}. */
  public IllegalArgumentException error(String pointer, String message) {
    return new IllegalArgumentException(file + ":" + line(pointer) + ": " + message);
  }

  /** Text of a scalar the way a user wrote it, e.g. "0.05", "inf", "true". */
  public static String text(JsonNode scalar) {
    return scalar.isTextual() ? scalar.textValue() : scalar.asText();
  }

  /** Records, while the tree is built, the line where each node's key (or array item) starts. */
  private static final class LineRecorder {
    final JsonParser parser;

    LineRecorder(JsonParser delegate, Map<String, Integer> lines) {
      this.parser = new com.fasterxml.jackson.core.util.JsonParserDelegate(delegate) {
        @Override
        public JsonToken nextToken() throws IOException {
          JsonToken t = super.nextToken();
          if (t == null || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) return t;
          JsonStreamContext c = getParsingContext();
          // A new object or array has its own context already; its place is in the parent's.
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) c = c.getParent();
          if (c != null && (t == JsonToken.FIELD_NAME || c.inArray())) lines.putIfAbsent(pointer(c), getTokenLocation().getLineNr());
          return t;
        }
      };
    }

    /** The JSON pointer of the current element of {@code c}: its field, or its array index, under its parents'. */
    private static String pointer(JsonStreamContext c) {
      Deque<String> parts = new ArrayDeque<>();
      for (; c != null && !c.inRoot(); c = c.getParent()) {
        parts.push(c.inArray() ? Integer.toString(c.getCurrentIndex())
            : c.getCurrentName() == null ? "" : c.getCurrentName().replace("~", "~0").replace("/", "~1"));
      }
      return parts.isEmpty() ? "" : "/" + String.join("/", parts);
    }
  }
}
