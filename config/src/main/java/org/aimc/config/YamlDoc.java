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

  /** Largest file read, checked before parsing (a 200 MB file used to keep the parser busy for minutes). */
  public static final long MAX_BYTES = 1 << 20;

  /**
   * Reads {@code file}.
   *
   * @throws IllegalArgumentException naming the file (and line) if it is missing, unreadable, not YAML, or not a mapping
   */
  public static YamlDoc read(Path file) {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such file");
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES)
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: %,d bytes; a configuration or sweep spec is a few kilobytes"
            + " (aimc reads at most %,d): is this the right file?", file, size, MAX_BYTES));
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
      JsonParser recorded = new LineRecorder(p, lines).parser;
      JsonNode root = MAPPER.readTree(recorded);
      if (root == null || !root.isObject())
        throw new IllegalArgumentException(file + ":1: expected a mapping of keys to values (key: value, one per line)");
      // One document per file: a second one (after ---) would be ignored silently.
      if (recorded.nextToken() != null)
        throw new IllegalArgumentException(file + ":" + recorded.currentTokenLocation().getLineNr() + ": a second YAML document (after '---');"
            + " this file holds one: delete the second, or put it in a file of its own");
      return new YamlDoc(file, root, Map.copyOf(lines));
    } catch (Refused e) {
      throw new IllegalArgumentException(file + ":" + e.line + ": " + e.getMessage(), e);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof Refused r) throw new IllegalArgumentException(file + ":" + r.line + ": " + r.getMessage(), e);
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

  /** What the reader refuses while parsing (an alias, a key given twice), with its line. */
  private static final class Refused extends RuntimeException {
    final int line;

    Refused(int line, String message) {
      super(message);
      this.line = line;
    }
  }

  /** YAML's own spellings of infinity and not-a-number, which Jackson's YAML parser calls malformed numbers. */
  private static final java.util.regex.Pattern SPECIAL_FLOAT = java.util.regex.Pattern.compile("[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

  /**
   * Records, while the tree is built, the line where each node's key (or array item) starts;
   * refuses aliases ({@code *name}: Jackson reads one as the text of its name; an anchor alone,
   * {@code &name}, changes nothing) and a key given twice in one mapping (the last would win silently); reads
   * {@code .inf}, {@code -.inf} and {@code .nan} as the numbers they are.
   */
  private static final class LineRecorder {
    final JsonParser parser;

    LineRecorder(JsonParser delegate, Map<String, Integer> lines) {
      this.parser = new com.fasterxml.jackson.core.util.JsonParserDelegate(delegate) {
        @Override
        public JsonToken nextToken() throws IOException {
          JsonToken t = super.nextToken();
          if (t == null || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) return t;
          int line = getTokenLocation().getLineNr();
          if (delegate instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias())
            throw new Refused(line, "'*" + y.getText() + "' is a YAML alias, which aimc does not read (it would be taken as the text '"
                + y.getText() + "'); write the value out in full");
          JsonStreamContext c = getParsingContext();
          // A new object or array has its own context already; its place is in the parent's.
          if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) c = c.getParent();
          if (c != null && (t == JsonToken.FIELD_NAME || c.inArray())) {
            String at = pointer(c);
            Integer first = lines.putIfAbsent(at, line);
            if (first != null && t == JsonToken.FIELD_NAME)
              throw new Refused(line, "key '" + getCurrentName() + "' is given twice in one mapping (first on line " + first
                  + "); keep one of them");
          }
          return t;
        }

        private boolean special() {
          return currentToken() == JsonToken.VALUE_NUMBER_FLOAT && SPECIAL_FLOAT.matcher(safeText()).matches();
        }

        private String safeText() {
          try {
            return delegate.getText();
          } catch (IOException e) {
            return "";
          }
        }

        private double special(String text) {
          String t = text.toLowerCase(java.util.Locale.ROOT);
          return t.endsWith("nan") ? Double.NaN : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }

        @Override
        public NumberType getNumberType() throws IOException {
          return special() ? NumberType.DOUBLE : super.getNumberType();
        }

        @Override
        public NumberTypeFP getNumberTypeFP() throws IOException {
          return special() ? NumberTypeFP.DOUBLE64 : super.getNumberTypeFP();
        }

        @Override
        public double getDoubleValue() throws IOException {
          return special() ? special(safeText()) : super.getDoubleValue();
        }

        @Override
        public float getFloatValue() throws IOException {
          return special() ? (float) special(safeText()) : super.getFloatValue();
        }

        @Override
        public Number getNumberValue() throws IOException {
          return special() ? (Number) special(safeText()) : super.getNumberValue();
        }

        @Override
        public boolean isNaN() throws IOException {
          return special() || super.isNaN();
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
