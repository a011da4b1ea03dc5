package org.aimc.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Applies {@code key=value} overrides to a (possibly nested) Java record by component name, with
 * dotted keys for nested records: {@code pcm.driftNuMax=0.2} sets component {@code driftNuMax} of
 * component {@code pcm}. The record is rebuilt through its canonical constructor, so its own
 * validation runs.
 *
 * <p>Values: {@code double}/{@code float} (also {@code inf}, {@code -inf}, {@code Infinity};
 * {@code _} separators allowed), {@code int}/{@code long}/{@code short}/{@code byte} (decimal,
 * {@code _} allowed), {@code boolean} ({@code true}/{@code false}), {@code String}, enums (by name,
 * case-insensitive, {@code -} for {@code _}), their boxed forms, and nested records (only through
 * their leaves).
 *
 * <p>Errors are {@link IllegalArgumentException}s that say what to do: an unknown key lists the
 * allowed keys; an unparsable value names the expected type; a value the record's constructor
 * rejects carries the constructor's message and the override that caused it.
 */
public final class RecordOverrides {
  private RecordOverrides() {}

  /** Applies {@code key=value} strings in order; a key given twice is an error. */
  public static <R extends Record> R apply(R base, List<String> assignments) {
    return apply(base, parse(assignments));
  }

  /** Applies overrides given as key → value text. */
  public static <R extends Record> R apply(R base, Map<String, String> overrides) {
    if (base == null) throw new IllegalArgumentException("cannot override a null record");
    if (overrides == null || overrides.isEmpty()) return base;
    return applyAt(base, overrides, "");
  }

  /**
   * Splits {@code key=value} strings into an ordered map; rejects a missing '=', an empty key and
   * a key given twice.
   */
  public static Map<String, String> parse(List<String> assignments) {
    Map<String, String> m = new LinkedHashMap<>();
    if (assignments == null) return m;
    for (String a : assignments) {
      int eq = a == null ? -1 : a.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("override '" + a + "' is not of the form key=value (e.g. pcm.driftNuMax=0.2)");
      }
      String key = a.substring(0, eq).trim();
      String value = a.substring(eq + 1).trim();
      if (key.isEmpty()) throw new IllegalArgumentException("override '" + a + "' has an empty key");
      if (m.put(key, value) != null) throw new IllegalArgumentException("key '" + key + "' is set twice");
    }
    return m;
  }

  /** Every settable (leaf) key of a record type, dotted, in declaration order. */
  public static List<String> keys(Class<? extends Record> type) {
    List<String> out = new ArrayList<>();
    collectKeys(type, "", out);
    return out;
  }

  private static void collectKeys(Class<?> type, String prefix, List<String> out) {
    for (RecordComponent c : type.getRecordComponents()) {
      if (c.getType().isRecord()) collectKeys(c.getType(), prefix + c.getName() + ".", out);
      else out.add(prefix + c.getName());
    }
  }

  @SuppressWarnings("unchecked")
  private static <R extends Record> R applyAt(R base, Map<String, String> overrides, String prefix) {
    Class<?> type = base.getClass();
    RecordComponent[] comps = type.getRecordComponents();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int i = 0; i < comps.length; i++) index.put(comps[i].getName(), i);

    // Group by first segment.
    Map<String, Map<String, String>> nested = new LinkedHashMap<>();
    Map<String, String> direct = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String key = e.getKey();
      int dot = key.indexOf('.');
      String head = dot < 0 ? key : key.substring(0, dot);
      Integer i = index.get(head);
      if (i == null) throw unknownKey(prefix + key, prefix, type);
      Class<?> ct = comps[i].getType();
      if (dot < 0) {
        if (ct.isRecord()) {
          throw new IllegalArgumentException("key '" + prefix + key + "' is a group, not a value; set one of: "
              + String.join(", ", keys((Class<? extends Record>) ct).stream().map(k -> prefix + key + "." + k).toList()));
        }
        direct.put(head, e.getValue());
      } else {
        if (!ct.isRecord()) throw unknownKey(prefix + key, prefix, type);
        nested.computeIfAbsent(head, h -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
      }
    }

    Object[] args = new Object[comps.length];
    try {
      for (int i = 0; i < comps.length; i++) {
        var accessor = comps[i].getAccessor();
        accessor.setAccessible(true); // records of any package, also package-private ones
        args[i] = accessor.invoke(base);
      }
    } catch (IllegalAccessException | InvocationTargetException ex) {
      throw new IllegalStateException("cannot read record " + type.getName() + ": " + ex, ex);
    }
    for (Map.Entry<String, String> e : direct.entrySet()) {
      int i = index.get(e.getKey());
      args[i] = parseValue(prefix + e.getKey(), e.getValue(), comps[i].getType());
    }
    for (Map.Entry<String, Map<String, String>> e : nested.entrySet()) {
      int i = index.get(e.getKey());
      Object child = args[i];
      if (child == null) {
        throw new IllegalArgumentException("key '" + prefix + e.getKey() + "' is not set (null); it cannot be overridden field by field");
      }
      args[i] = applyAt((Record) child, e.getValue(), prefix + e.getKey() + ".");
    }

    Class<?>[] types = Arrays.stream(comps).map(RecordComponent::getType).toArray(Class<?>[]::new);
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return (R) ctor.newInstance(args);
    } catch (InvocationTargetException ex) {
      Throwable cause = ex.getCause();
      String given = direct.entrySet().stream()
          .map(d -> prefix + d.getKey() + "=" + d.getValue()).collect(Collectors.joining(", "));
      if (cause instanceof IllegalArgumentException iae) {
        throw new IllegalArgumentException(iae.getMessage() + (given.isEmpty() ? "" : " (after " + given + ")"), iae);
      }
      if (cause instanceof RuntimeException re) throw re;
      throw new IllegalStateException(cause);
    } catch (ReflectiveOperationException ex) {
      throw new IllegalStateException("cannot rebuild record " + type.getName() + ": " + ex, ex);
    }
  }

  /** Unknown key at the level of {@code type}, whose keys all start with {@code prefix}. */
  private static IllegalArgumentException unknownKey(String fullKey, String prefix, Class<?> type) {
    @SuppressWarnings("unchecked")
    Class<? extends Record> rt = (Class<? extends Record>) type;
    return new IllegalArgumentException("unknown key '" + fullKey + "'; allowed keys: "
        + keys(rt).stream().map(k -> prefix + k).collect(Collectors.joining(", ")));
  }

  /** Parses one value for a component of type {@code t}; the message names the expected type. */
  public static Object parseValue(String key, String text, Class<?> t) {
    String s = text == null ? "" : text.trim();
    try {
      if (t == double.class || t == Double.class) return parseDouble(s);
      if (t == float.class || t == Float.class) return (float) parseDouble(s);
      if (t == int.class || t == Integer.class) return Integer.parseInt(s.replace("_", ""));
      if (t == long.class || t == Long.class) return Long.parseLong(s.replace("_", ""));
      if (t == short.class || t == Short.class) return Short.parseShort(s.replace("_", ""));
      if (t == byte.class || t == Byte.class) return Byte.parseByte(s.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("value '" + text + "' for key '" + key + "' is not " + typeName(t));
    }
    if (t == boolean.class || t == Boolean.class) {
      if (s.equalsIgnoreCase("true")) return true;
      if (s.equalsIgnoreCase("false")) return false;
      throw new IllegalArgumentException("value '" + text + "' for key '" + key + "' is not a boolean (true or false)");
    }
    if (t == String.class) return text;
    if (t.isEnum()) {
      String want = s.replace('-', '_');
      for (Object c : t.getEnumConstants()) {
        if (((Enum<?>) c).name().equalsIgnoreCase(want) || c.toString().equalsIgnoreCase(s)) return c;
      }
      throw new IllegalArgumentException("value '" + text + "' for key '" + key + "' is not one of: "
          + Arrays.stream(t.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
    throw new IllegalArgumentException("key '" + key + "' has type " + t.getSimpleName() + ", which cannot be set from text");
  }

  private static double parseDouble(String s) {
    String v = s.replace("_", "").toLowerCase(Locale.ROOT);
    switch (v) {
      case "inf", "+inf", "infinity", "+infinity" -> { return Double.POSITIVE_INFINITY; }
      case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
      case "nan" -> { return Double.NaN; }
      default -> { }
    }
    // Reject Java-only forms such as "1d" or "0x1p3" that a user would not mean.
    if (v.isEmpty() || !v.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) throw new NumberFormatException(s);
    return Double.parseDouble(v);
  }

  private static String typeName(Class<?> t) {
    if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
      return "a number (e.g. 0.05, 1e-9, inf)";
    }
    if (t == int.class || t == Integer.class) return "an integer (32-bit)";
    if (t == long.class || t == Long.class) return "an integer (64-bit)";
    if (t == short.class || t == Short.class) return "an integer (16-bit)";
    if (t == byte.class || t == Byte.class) return "an integer (8-bit)";
    return t.getSimpleName();
  }
}
