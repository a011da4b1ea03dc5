package org.aimc.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.aimc.config.PresetFile.Leaf;

/**
 * Builds the record of a preset from its file's values, on top of the preset it extends: each
 * component from its value, from a preset of another kind that the value names, from values below
 * it, or from the base; with no base, every component must be given. The record's canonical
 * constructor runs, so its range checks apply, and their message is put on the line of the value
 * it names. Collects every value's source and unit on the way.
 */
final class RecordAssembly {
  private final Class<?> type;
  private final Map<Class<?>, PresetLibrary<?>> references;

  /**
   * A record with the sources and units of its values, by dotted key.
   *
   * @param value the record
   * @param sources source of every value
   * @param units unit of every number
   */
  record Assembled(Object value, Map<String, String> sources, Map<String, String> units) {}

  RecordAssembly(Class<?> type, Map<Class<?>, PresetLibrary<?>> references) {
    this.type = type;
    this.references = references;
  }

  /** The record of {@code file} on top of {@code base} (null: the file gives every value). */
  Assembled assemble(PresetFile file, Assembled base) {
    for (Leaf leaf : file.leaves().values()) checkPath(file.doc(), leaf);
    Resolution res = new Resolution(file.doc(), file.leaves(), base == null);
    if (base != null) {
      res.sources.putAll(base.sources());
      res.units.putAll(base.units());
    }
    Object value = build(type, base == null ? null : base.value(), "", res);
    return new Assembled(value, Collections.unmodifiableMap(res.sources), Collections.unmodifiableMap(res.units));
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
          + (references.isEmpty() ? "" : "; only these groups can: " + references.values().stream().map(PresetLibrary::kind).collect(Collectors.joining(", ")) + " presets"));
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
      PresetLibrary.Preset<?> p;
      try {
        p = lib.get(leaf.preset());
      } catch (IllegalArgumentException e) {
        throw res.doc.error(leaf.pointer() + "/preset", e.getMessage());
      }
      res.sources.keySet().removeIf(k -> k.equals(path) || k.startsWith(path + "."));
      res.units.keySet().removeIf(k -> k.startsWith(path + "."));
      res.sources.put(path, lib.kind() + " preset " + p.name() + ": " + leaf.source());
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
