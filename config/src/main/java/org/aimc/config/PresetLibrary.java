package org.aimc.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

  static String normalise(String name) {
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
    PresetFile file = PresetFile.parse(load(name), kind, noun, infoKeys);
    YamlDoc doc = file.doc();
    Preset<R> base = null;
    String parent = file.parent();
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

    RecordAssembly.Assembled assembled = new RecordAssembly(type, references).assemble(file,
        base == null ? null : new RecordAssembly.Assembled(base.value(), base.sources(), base.units()));
    @SuppressWarnings("unchecked")
    R value = (R) assembled.value();
    String origin = builtIn.contains(name) ? "built-in" : doc.file().toString();
    return new Preset<>(name, file.description(), file.info(), value, assembled.sources(), assembled.units(), origin,
        builtIn.contains(name));
  }
}
