package io.rivulet.firehose.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of an AWS-shaped configuration as the request carried it ({@code Map} structures,
 * {@code List} lists, numbers as any {@link Number}). A wrong type is an
 * {@link IllegalArgumentException} naming the member. Stateless.
 */
final class Config {
  private Config() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> struct(Map<String, Object> parent, String member) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException(member + " must be a structure.");
    }
    return (Map<String, Object>) v;
  }

  static String string(Map<String, Object> parent, String member) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      throw new IllegalArgumentException(member + " must be a string.");
    }
    return s;
  }

  static boolean bool(Map<String, Object> parent, String member, boolean absent) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return absent;
    }
    if (!(v instanceof Boolean b)) {
      throw new IllegalArgumentException(member + " must be a boolean.");
    }
    return b;
  }

  static long number(Map<String, Object> parent, String member, long absent) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return absent;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(member + " must be a number.");
    }
    return n.longValue();
  }

  static double fraction(Map<String, Object> parent, String member, double absent) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return absent;
    }
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException(member + " must be a number.");
    }
    return n.doubleValue();
  }

  static List<String> strings(Map<String, Object> parent, String member) {
    Object v = parent == null ? null : parent.get(member);
    if (v == null) {
      return null;
    }
    if (!(v instanceof List<?> list)) {
      throw new IllegalArgumentException(member + " must be a list.");
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException(member + " must be a list of strings.");
      }
      out.add(s);
    }
    return out;
  }

  static Map<String, String> stringMap(Map<String, Object> parent, String member) {
    Map<String, Object> m = struct(parent, member);
    if (m == null) {
      return Map.of();
    }
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Object> e : m.entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw new IllegalArgumentException(member + " must map strings to strings.");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  /** The one member of a union-like structure that is set, by name. */
  static String oneOf(Map<String, Object> parent, String shape, String... members) {
    String found = null;
    for (String m : members) {
      if (parent != null && parent.get(m) != null) {
        if (found != null) {
          throw new IllegalArgumentException(
              shape + " must specify exactly one of " + String.join(", ", members) + ".");
        }
        found = m;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException(
          shape + " must specify one of " + String.join(", ", members) + ".");
    }
    return found;
  }

  /** An enum member's value, or {@code absent}; anything else is refused. */
  static String choice(Map<String, Object> parent, String member, String absent,
      String... allowed) {
    String v = string(parent, member);
    if (v == null) {
      return absent;
    }
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw new IllegalArgumentException(member + " must be one of " + String.join(", ", allowed)
        + ", not '" + v + "'.");
  }
}
