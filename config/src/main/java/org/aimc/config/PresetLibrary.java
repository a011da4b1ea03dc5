package org.aimc.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One kind of preset (device, tile or training configuration) kept as YAML data files: the
 * built-in ones as resources {@code presets/KIND/NAME.yaml} listed in {@code presets/KIND/index},
 * and a user's own in {@code $AIMC_HOME/presets/NAME.yaml} (or {@code ~/.aimc/presets}), found by
 * name like the built-in ones.
 *
 * <h2>A preset file</h2>
 * <pre>
 * kind: device                      # device | tile | training
 * name: ambrogio2018                # the file's own name
 * description: one line for listings
 * extends: ambrogio2018             # optional: start from this preset of the same kind
 * set:                              # values, nested or as dotted keys
 *   pcm:
 *     gResetMicroS: {value: 0.1, unit: µS, source: "assumed: ..."}
 *   capacitor.stepDtod: {value: 0.2, source: "assumed: 2 x ambrogio2018"}
 *   devices: {preset: ideal, source: "..."}   # a whole group taken from a preset of another kind
 * </pre>
 * Every value has a source ("(paper)", a citation, "inferred: …" or "assumed: …"); every number
 * has a unit where it is first defined (a file without {@code extends}, or a group built from
 * nothing). A file without {@code extends} gives every value. Values go through the record's
 * canonical constructor, so its plausible ranges apply. Every error names the file and line.
 *
 * @param <R> the record a preset of this kind resolves to
 */
public final class PresetLibrary<R extends Record> {
  /** Top-level keys every preset file may have. */
  private static final List<String> COMMON_KEYS = List.of("kind", "name", "description", "extends", "set");

  /** Keys of one value. */
  private static final Set<String> LEAF_KEYS = Set.of("value", "preset", "unit", "source");

  private static volatile Path userFolderOverride;
  private static final AtomicInteger GENERATION = new AtomicInteger();

  private final String kind;
  private final String noun;
  private final Class<R> type;
  private final ClassLoader loader;
  private final List<String> infoKeys;
  private final Map<Class<?>, PresetLibrary<?>> references;
  private final List<String> builtIn;
  private final Map<String, Preset<R>> cache = new LinkedHashMap<>();
  private int cacheGeneration = -1;

  /**
   * A resolved preset.
   *
   * @param name its name
   * @param description one line for listings
   * @param info the kind's own top-level keys (e.g. a training configuration's {@code group})
   * @param value the resolved record
   * @param sources the source of every value, by dotted key, in file order (inherited ones first)
   * @param units the unit of every number, by dotted key
   * @param origin where it was read from: {@code built-in} or the user file's path
   * @param builtIn whether it ships with aimc
   */
  public record Preset<R>(String name, String description, Map<String, String> info, R value, Map<String, String> sources,
      Map<String, String> units, String origin, boolean builtIn) {}

  /**
   * @param kind the kind's name, also its resource folder {@code presets/KIND/}
   * @param noun what one preset of the kind is called in messages ("device preset", "configuration")
   * @param type the record a preset resolves to
   * @param anchor a class whose class loader holds the resources
   * @param infoKeys the kind's own top-level keys besides {@link #COMMON_KEYS}
   * @param references preset kinds that a value may name ({@code {preset: NAME}}) by the record type they give
   */
  public PresetLibrary(String kind, String noun, Class<R> type, Class<?> anchor, List<String> infoKeys,
      Map<Class<?>, PresetLibrary<?>> references) {
    this.kind = kind;
    this.noun = noun;
    this.type = type;
    this.loader = anchor.getClassLoader();
    this.infoKeys = List.copyOf(infoKeys);
    this.references = Map.copyOf(references);
    this.builtIn = readIndex();
  }

  /**
   * Uses {@code folder} for the user's presets instead of {@code $AIMC_HOME/presets} (tests);
   * null goes back to the environment's.
   */
  public static void useUserFolder(Path folder) {
    userFolderOverride = folder;
    GENERATION.incrementAndGet();
  }

  /** The folder of the user's presets: {@code $AIMC_HOME/presets}, else {@code ~/.aimc/presets}. */
  public static Path userFolder() {
    Path o = userFolderOverride;
    if (o != null) return o;
    String home = System.getenv("AIMC_HOME");
    if (home != null && !home.isBlank()) return Path.of(home, "presets");
    String shellHome = System.getenv("HOME");
    return Path.of(shellHome != null && !shellHome.isBlank() ? shellHome : System.getProperty("user.home"), ".aimc", "presets");
  }

  /** The kind's name. */
  public String kind() {
    return kind;
  }

  /** The built-in names, in the index's order. */
  public List<String> builtInNames() {
    return builtIn;
  }

  /** Every name: built-in ones in the index's order, then the user's of this kind, sorted. */
  public List<String> names() {
    List<String> out = new ArrayList<>(builtIn);
    out.addAll(userNames());
    return out;
  }

  /** Every preset of this kind, resolved, in {@link #names()} order. */
  public List<Preset<R>> all() {
    return names().stream().map(this::get).toList();
  }

  /**
   * The preset of this name (case-insensitive; '_' and '-' are interchangeable).
   *
   * @throws IllegalArgumentException naming the allowed names, or the file and line of an error in it
   */
  public synchronized Preset<R> get(String name) {
    if (cacheGeneration != GENERATION.get()) {
      cache.clear();
      cacheGeneration = GENERATION.get();
    }
    String key = normalise(name);
    Preset<R> p = cache.get(key);
    if (p == null) {
      p = resolve(key, new ArrayDeque<>());
      cache.put(key, p);
    }
    return p;
  }

  /** Whether a preset of this name exists (built-in or the user's). */
  public boolean has(String name) {
    String key = normalise(name);
    return builtIn.contains(key) || userNames().contains(key);
  }

  private static String normalise(String name) {
    return name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private IllegalArgumentException unknown(String name) {
    return new IllegalArgumentException("unknown " + noun + " '" + name + "'; allowed: " + String.join(", ", names())
        + " (user presets: " + userFolder() + "/NAME.yaml with kind: " + kind + ")");
  }

  // ------------------------------------------------------------------------------------------ files

  private List<String> readIndex() {
    String index = "presets/" + kind + "/index";
    try (InputStream in = loader.getResourceAsStream(index)) {
      if (in == null) throw new IllegalStateException("resource " + index + " is missing from the build");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read resource " + index + ": " + e.getMessage(), e);
    }
  }

  /** The user's files of this kind; a file whose kind cannot be read is left to {@link #get} to report. */
  private List<String> userNames() {
    Path dir = userFolder();
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f))
          .filter(f -> kind.equals(declaredKind(f)))
          .map(f -> {
            String n = normalise(f.getFileName().toString().substring(0, f.getFileName().toString().length() - 5));
            if (builtIn.contains(n)) throw new IllegalArgumentException(f + ": has the name of the built-in " + noun
                + " '" + n + "'; rename the file and its 'name:' (it may say 'extends: " + n + "')");
            return n;
          })
          .sorted().toList();
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + ": cannot list the user's presets: " + e.getMessage(), e);
    }
  }

  /** The {@code kind:} line of a file, read cheaply (null if absent or unreadable). */
  private static String declaredKind(Path file) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.strip();
        if (l.startsWith("kind:")) return l.substring(5).replace("\"", "").replace("'", "").strip();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }

  private YamlDoc load(String name) {
    if (builtIn.contains(name)) {
      String resource = "presets/" + kind + "/" + name + ".yaml";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) throw new IllegalStateException("resource " + resource + " is listed in the index but missing");
        return YamlDoc.parse(Path.of(resource), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read resource " + resource + ": " + e.getMessage(), e);
      }
    }
    if (!userNames().contains(name)) throw unknown(name);
    Path file = userFolder().resolve(name + ".yaml");
    if (!Files.isRegularFile(file)) {
      // The name was normalised: find the file as the user spelled it.
      try (Stream<Path> files = Files.list(userFolder())) {
        file = files.filter(f -> normalise(f.getFileName().toString().replaceFirst("\\.yaml$", "")).equals(name)).findFirst().orElse(file);
      } catch (IOException e) {
        throw new IllegalArgumentException(userFolder() + ": cannot list the user's presets: " + e.getMessage(), e);
      }
    }
    return YamlDoc.read(file);
  }

  // ------------------------------------------------------------------------------------------ resolving

  private Preset<R> resolve(String name, Deque<String> chain) {
    if (!builtIn.contains(name) && !userNames().contains(name)) throw unknown(name);
    YamlDoc doc = load(name);
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
    if (declaredName == null || !normalise(declaredName).equals(normalise(fileName)))
      throw doc.error("/name", "name is '" + declaredName + "', but the file is " + fileName + ".yaml; they must agree");
    String description = scalar(doc, "description");
    if (description == null || description.isBlank()) throw doc.error("/description", "missing 'description: ONE LINE'");
    Map<String, String> info = new LinkedHashMap<>();
    for (String k : infoKeys) {
      String v = scalar(doc, k);
      if (v != null) info.put(k, v);
    }

    Preset<R> base = null;
    String parent = scalar(doc, "extends");
    if (parent != null) {
      String p = normalise(parent);
      if (p.equals(name) || chain.contains(p)) {
        List<String> cycle = new ArrayList<>(chain);
        Collections.reverse(cycle);
        cycle.add(name);
        cycle.add(p);
        throw doc.error("/extends", "'extends' makes a cycle: " + String.join(" → ", cycle) + "; one of these files must define its values without 'extends'");
      }
      if (!has(p)) throw doc.error("/extends", "extends unknown " + noun + " '" + parent + "'; allowed: " + String.join(", ", names()));
      chain.push(name);
      try {
        base = resolve(p, chain);
      } finally {
        chain.pop();
      }
    }

    JsonNode set = root.get("set");
    Map<String, Leaf> leaves = new LinkedHashMap<>();
    if (set != null && !set.isNull()) {
      if (!set.isObject()) throw doc.error("/set", "'set' must be a mapping of keys to {value: …, unit: …, source: …}");
      flatten(doc, set, "", "/set", leaves);
    } else if (base == null) {
      throw doc.error("", "missing 'set:' (a preset without 'extends' gives every value)");
    }
    for (Leaf leaf : leaves.values()) checkPath(doc, leaf);

    Resolution res = new Resolution(doc, leaves, base == null);
    if (base != null) {
      res.sources.putAll(base.sources());
      res.units.putAll(base.units());
    }
    @SuppressWarnings("unchecked")
    R value = (R) build(type, base == null ? null : base.value(), "", res);
    String origin = builtIn.contains(name) ? "built-in" : doc.file().toString();
    return new Preset<>(name, description, Collections.unmodifiableMap(info), value, Collections.unmodifiableMap(res.sources),
        Collections.unmodifiableMap(res.units), origin, builtIn.contains(name));
  }

  private static String scalar(YamlDoc doc, String key) {
    JsonNode n = doc.root().get(key);
    if (n == null || n.isNull()) return null;
    if (!n.isValueNode()) throw doc.error("/" + key, "'" + key + "' must be a single value, not a mapping or a list");
    return YamlDoc.text(n);
  }

  /** One value of a file: a scalar or a preset name, with its unit, source and line. */
  private record Leaf(String key, JsonNode value, String preset, String unit, String source, String pointer) {}

  private void flatten(YamlDoc doc, JsonNode node, String prefix, String pointer, Map<String, Leaf> out) {
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

  /** Checks that a leaf's key names a component of the record tree: unknown keys and groups fail with their line. */
  private void checkPath(YamlDoc doc, Leaf leaf) {
    Class<?> t = type;
    String[] parts = leaf.key().split("\\.", -1);
    String prefix = "";
    for (int i = 0; i < parts.length; i++) {
      if (!t.isRecord()) throw doc.error(leaf.pointer(), "unknown key '" + leaf.key() + "': '" + prefix.replaceAll("\\.$", "") + "' is a value, not a group");
      RecordComponent c = component(t, parts[i]);
      if (c == null) {
        @SuppressWarnings("unchecked")
        Class<? extends Record> rt = (Class<? extends Record>) t;
        String p = prefix;
        throw doc.error(leaf.pointer(), "unknown key '" + leaf.key() + "'; allowed keys here: "
            + Arrays.stream(rt.getRecordComponents()).map(x -> p + x.getName()).collect(Collectors.joining(", ")));
      }
      t = c.getType();
      prefix += parts[i] + ".";
    }
    if (leaf.preset() != null && !references.containsKey(t)) {
      throw doc.error(leaf.pointer(), "'" + leaf.key() + "' cannot name a preset"
          + (references.isEmpty() ? "" : "; only these groups can: " + references.values().stream().map(l -> l.kind).collect(Collectors.joining(", ")) + " presets"));
    }
    if (leaf.preset() == null && t.isRecord() && leaf.value() != null && !leaf.value().isNull()) {
      @SuppressWarnings("unchecked")
      Class<? extends Record> rt = (Class<? extends Record>) t;
      throw doc.error(leaf.pointer(), "'" + leaf.key() + "' is a group, not a value; set its keys ("
          + String.join(", ", RecordOverrides.keys(rt).stream().map(k -> leaf.key() + "." + k).toList()) + ")"
          + (references.containsKey(t) ? " or name a preset: {preset: NAME, source: …}" : ""));
    }
  }

  private static RecordComponent component(Class<?> t, String name) {
    for (RecordComponent c : t.getRecordComponents()) if (c.getName().equals(name)) return c;
    return null;
  }

  /** What one file resolves: its leaves, and the sources and units collected so far. */
  private static final class Resolution {
    final YamlDoc doc;
    final Map<String, Leaf> leaves;
    final boolean complete;
    final Map<String, String> sources = new LinkedHashMap<>();
    final Map<String, String> units = new LinkedHashMap<>();

    Resolution(YamlDoc doc, Map<String, Leaf> leaves, boolean complete) {
      this.doc = doc;
      this.leaves = leaves;
      this.complete = complete;
    }

    boolean hasUnder(String prefix) {
      for (String k : leaves.keySet()) if (k.startsWith(prefix)) return true;
      return false;
    }
  }

  /**
   * The record of {@code type} at {@code prefix}: each component from its leaf, from leaves below
   * it, or from {@code base}; with no base, every component must be given.
   */
  private Object build(Class<?> t, Object base, String prefix, Resolution res) {
    RecordComponent[] comps = t.getRecordComponents();
    Object[] args = new Object[comps.length];
    for (int i = 0; i < comps.length; i++) {
      RecordComponent c = comps[i];
      String path = prefix + c.getName();
      Class<?> ct = c.getType();
      Leaf leaf = res.leaves.get(path);
      Object baseValue = base == null ? null : read(c, base);
      if (leaf != null) {
        args[i] = value(leaf, ct, base == null, res);
        if (res.hasUnder(path + ".")) {
          // A group taken from a preset, with some of its values set again below it.
          if (args[i] == null) throw res.doc.error(leaf.pointer(), "'" + path + "' is null here, so nothing below it can be set");
          args[i] = build(ct, args[i], path + ".", res);
        }
      } else if (ct.isRecord() && res.hasUnder(path + ".")) {
        if (baseValue == null) res.sources.remove(path); // a group built here, where the base had none
        args[i] = build(ct, baseValue, path + ".", res);
      } else if (base != null) {
        args[i] = baseValue;
      } else {
        Leaf near = nearest(res, prefix);
        throw res.doc.error(near == null ? "/set" : near.pointer(), "missing key '" + path + "'"
            + (prefix.isEmpty() && res.complete ? " (a preset without 'extends' gives every value)"
                : " (the group '" + prefix.replaceAll("\\.$", "") + "' is built from nothing here, so it needs every value)"));
      }
    }
    Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<?> ctor = t.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return ctor.newInstance(args);
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        Leaf culprit = culprit(res, prefix, comps, iae.getMessage());
        throw res.doc.error(culprit == null ? (res.doc.root().has("extends") ? "/extends" : "/set") : culprit.pointer(), iae.getMessage());
      }
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("cannot build record " + t.getName() + ": " + ex, ex);
    }
  }

  private Object value(Leaf leaf, Class<?> ct, boolean fromNothing, Resolution res) {
    String path = leaf.key();
    if (leaf.preset() != null) {
      PresetLibrary<?> lib = references.get(ct);
      Preset<?> p;
      try {
        p = lib.get(leaf.preset());
      } catch (IllegalArgumentException e) {
        throw res.doc.error(leaf.pointer() + "/preset", e.getMessage());
      }
      res.sources.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
      res.units.keySet().removeIf(k -> k.startsWith(path + "."));
      res.sources.put(path, lib.kind + " preset " + p.name() + ": " + leaf.source());
      p.sources().forEach((k, v) -> res.sources.put(path + "." + k, v));
      p.units().forEach((k, v) -> res.units.put(path + "." + k, v));
      return p.value();
    }
    if (leaf.value() == null || leaf.value().isNull()) {
      if (ct.isPrimitive()) throw res.doc.error(leaf.pointer(), "'" + path + "' needs a value, not null");
      res.sources.keySet().removeIf(k -> k.startsWith(path + "."));
      res.units.keySet().removeIf(k -> k.startsWith(path + "."));
      res.sources.put(path, leaf.source());
      return null;
    }
    boolean number = ct == double.class || ct == float.class || ct == int.class || ct == long.class || ct == short.class
        || ct == Double.class || ct == Float.class || ct == Integer.class || ct == Long.class;
    if (number && leaf.unit() == null && fromNothing && !res.units.containsKey(path))
      throw res.doc.error(leaf.pointer(), "'" + path + "' has no unit; add unit: (e.g. µS, s, V, 1 for a ratio)");
    Object v;
    try {
      v = RecordOverrides.parseValue(path, YamlDoc.text(leaf.value()), ct);
    } catch (IllegalArgumentException e) {
      throw res.doc.error(leaf.pointer() + "/value", e.getMessage());
    }
    res.sources.put(path, leaf.source());
    if (leaf.unit() != null) res.units.put(path, leaf.unit());
    return v;
  }

  private static Object read(RecordComponent c, Object record) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + c.getName() + ": " + e, e);
    }
  }

  private static Leaf nearest(Resolution res, String prefix) {
    for (Leaf l : res.leaves.values()) if (l.key().startsWith(prefix)) return l;
    return null;
  }

  /** The leaf the constructor's message most likely refers to: one directly under prefix that it names. */
  private static Leaf culprit(Resolution res, String prefix, RecordComponent[] comps, String message) {
    String m = message == null ? "" : message;
    for (RecordComponent c : comps) {
      Leaf l = res.leaves.get(prefix + c.getName());
      if (l != null && m.contains(c.getName())) return l;
    }
    for (RecordComponent c : comps) {
      for (Leaf l : res.leaves.values()) if (l.key().startsWith(prefix + c.getName()) && m.contains(c.getName())) return l;
    }
    return nearest(res, prefix);
  }
}
