package org.aimc.features;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TensorFlow.js layers model as nsfwjs ships it: {@code model.min.js}, a UMD module whose export
 * is the model JSON written as a JavaScript object literal (unquoted keys, {@code !0}/{@code !1} for
 * true/false, numbers like {@code .5}), and weight shards {@code group1-shardKofN.min.js}, each
 * exporting one base64 string. Weights are stored per tensor as uint8 with
 * {@code value = min + scale·q} (or as plain float32 where a tensor has no quantisation).
 */
final class KerasJsModel {
  /** One Keras layer: its class, its config, and the names of the layers it reads. */
  record Layer(String name, String type, JsonNode config, List<String> inputs) {}

  private static final ObjectMapper JS = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .enable(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  final List<Layer> layers;
  final Map<String, float[]> weights;
  final Map<String, int[]> shapes;

  private KerasJsModel(List<Layer> layers, Map<String, float[]> weights, Map<String, int[]> shapes) {
    this.layers = layers;
    this.weights = weights;
    this.shapes = shapes;
  }

  /** Reads {@code dir/model.min.js} and the shards it names. */
  static KerasJsModel read(Path dir) {
    try {
      JsonNode root = JS.readTree(objectLiteral(Files.readString(dir.resolve("model.min.js"), StandardCharsets.UTF_8)));
      List<Layer> layers = new ArrayList<>();
      for (JsonNode l : root.path("modelTopology").path("model_config").path("config").path("layers")) {
        List<String> in = new ArrayList<>();
        JsonNode nodes = l.path("inbound_nodes");
        if (nodes.size() > 0) for (JsonNode ref : nodes.get(0)) in.add(ref.get(0).asText());
        layers.add(new Layer(l.path("name").asText(), l.path("class_name").asText(), l.path("config"), List.copyOf(in)));
      }
      if (layers.isEmpty()) throw new IllegalArgumentException(dir.resolve("model.min.js") + ": no layers in the model topology");
      Map<String, float[]> weights = new LinkedHashMap<>();
      Map<String, int[]> shapes = new LinkedHashMap<>();
      for (JsonNode group : root.path("weightsManifest")) {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        for (JsonNode p : group.path("paths")) buf.writeBytes(shard(dir.resolve(p.asText() + ".min.js")));
        byte[] bytes = buf.toByteArray();
        int off = 0;
        for (JsonNode w : group.path("weights")) {
          int[] shape = new int[w.path("shape").size()];
          int count = 1;
          for (int i = 0; i < shape.length; i++) count *= shape[i] = w.path("shape").get(i).asInt();
          float[] v = new float[count];
          JsonNode q = w.path("quantization");
          if (q.isMissingNode()) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes, off, 4 * count).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) v[i] = b.getFloat();
            off += 4 * count;
          } else {
            if (!"uint8".equals(q.path("dtype").asText()))
              throw new IllegalArgumentException(w.path("name").asText() + ": quantisation " + q.path("dtype").asText() + " is not supported (uint8 only)");
            double min = q.path("min").asDouble();
            double scale = q.path("scale").asDouble();
            for (int i = 0; i < count; i++) v[i] = (float) (min + scale * (bytes[off + i] & 0xFF));
            off += count;
          }
          weights.put(w.path("name").asText(), v);
          shapes.put(w.path("name").asText(), shape);
        }
        if (off != bytes.length)
          throw new IllegalArgumentException(dir + ": the weight shards hold " + bytes.length + " bytes but the manifest describes " + off);
      }
      return new KerasJsModel(List.copyOf(layers), weights, shapes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the model in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The model JSON inside the UMD wrapper, made valid for Jackson's relaxed reader. */
  static String objectLiteral(String js) {
    int key = js.indexOf("modelTopology:");
    if (key < 0) throw new IllegalArgumentException("model.min.js holds no modelTopology");
    int start = js.lastIndexOf('{', key);
    int depth = 0;
    int end = -1;
    boolean inString = false;
    for (int i = start; i < js.length(); i++) {
      char ch = js.charAt(i);
      if (inString) {
        if (ch == '\\') i++;
        else if (ch == '"') inString = false;
      } else if (ch == '"') {
        inString = true;
      } else if (ch == '{') {
        depth++;
      } else if (ch == '}' && --depth == 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) throw new IllegalArgumentException("model.min.js: the model object does not close");
    return js.substring(start, end)
        .replace("!0", "true").replace("!1", "false")
        .replaceAll("([:,\\[])-\\.(\\d)", "$1-0.$2");
  }

  private static byte[] shard(Path file) throws IOException {
    String js = Files.readString(file, StandardCharsets.US_ASCII);
    int at = js.indexOf("exports=\"");
    if (at < 0) throw new IllegalArgumentException(file + ": no exported base64 string");
    int from = at + "exports=\"".length();
    int to = js.indexOf('"', from);
    return Base64.getDecoder().decode(js.substring(from, to));
  }

  static {
    JS.configure(JsonParser.Feature.ALLOW_COMMENTS, false);
  }
}
