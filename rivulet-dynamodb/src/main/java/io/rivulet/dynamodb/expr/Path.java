package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.DynamoDbError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document path: a top-level attribute name followed by map keys ({@code String}) and list
 * indexes ({@code Integer}), e.g. {@code a.b[2].c}. Reads and copy-on-write updates of items.
 * Immutable.
 */
public record Path(List<Object> elements) {
  public Path {
    elements = List.copyOf(elements);
  }

  public static Path of(String attribute) {
    return new Path(List.of(attribute));
  }

  /** The top-level attribute name. */
  public String top() {
    return (String) elements.get(0);
  }

  public boolean isTopLevel() {
    return elements.size() == 1;
  }

  /** The value at this path, or null when any step is missing or of the wrong type. */
  public AttributeValue get(Map<String, AttributeValue> item) {
    AttributeValue v = item.get(top());
    for (int i = 1; i < elements.size() && v != null; i++) {
      Object step = elements.get(i);
      if (step instanceof String key) {
        v = v.type() == AttributeValue.Type.M ? v.m().get(key) : null;
      } else {
        int index = (Integer) step;
        v = v.type() == AttributeValue.Type.L && index < v.l().size() ? v.l().get(index) : null;
      }
    }
    return v;
  }

  /** A copy of the item with the value at this path set (lists are extended at their end). */
  public Map<String, AttributeValue> set(Map<String, AttributeValue> item, AttributeValue value) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(item);
    if (isTopLevel()) {
      out.put(top(), value);
      return out;
    }
    AttributeValue current = item.get(top());
    if (current == null) {
      throw invalidPath();
    }
    out.put(top(), setIn(current, 1, value));
    return out;
  }

  private AttributeValue setIn(AttributeValue container, int depth, AttributeValue value) {
    Object step = elements.get(depth);
    boolean last = depth == elements.size() - 1;
    if (step instanceof String key) {
      if (container.type() != AttributeValue.Type.M) {
        throw invalidPath();
      }
      Map<String, AttributeValue> m = new LinkedHashMap<>(container.m());
      if (last) {
        m.put(key, value);
      } else {
        AttributeValue child = m.get(key);
        if (child == null) {
          throw invalidPath();
        }
        m.put(key, setIn(child, depth + 1, value));
      }
      return AttributeValue.m(m);
    }
    if (container.type() != AttributeValue.Type.L) {
      throw invalidPath();
    }
    int index = (Integer) step;
    List<AttributeValue> l = new ArrayList<>(container.l());
    if (last) {
      if (index < l.size()) {
        l.set(index, value);
      } else {
        l.add(value);
      }
    } else {
      if (index >= l.size()) {
        throw invalidPath();
      }
      l.set(index, setIn(l.get(index), depth + 1, value));
    }
    return AttributeValue.l(l);
  }

  /** A copy of the item without the value at this path (missing paths are no-ops). */
  public Map<String, AttributeValue> remove(Map<String, AttributeValue> item) {
    Map<String, AttributeValue> out = new LinkedHashMap<>(item);
    if (isTopLevel()) {
      out.remove(top());
      return out;
    }
    AttributeValue current = item.get(top());
    if (current != null) {
      out.put(top(), removeIn(current, 1));
    }
    return out;
  }

  private AttributeValue removeIn(AttributeValue container, int depth) {
    Object step = elements.get(depth);
    boolean last = depth == elements.size() - 1;
    if (step instanceof String key) {
      if (container.type() != AttributeValue.Type.M || !container.m().containsKey(key)) {
        return container;
      }
      Map<String, AttributeValue> m = new LinkedHashMap<>(container.m());
      if (last) {
        m.remove(key);
      } else {
        m.put(key, removeIn(m.get(key), depth + 1));
      }
      return AttributeValue.m(m);
    }
    int index = (Integer) step;
    if (container.type() != AttributeValue.Type.L || index >= container.l().size()) {
      return container;
    }
    List<AttributeValue> l = new ArrayList<>(container.l());
    if (last) {
      l.remove(index);
    } else {
      l.set(index, removeIn(l.get(index), depth + 1));
    }
    return AttributeValue.l(l);
  }

  private static RuntimeException invalidPath() {
    return DynamoDbError.invalid("The document path provided in the update expression is invalid for update");
  }

  /** Whether one path is a prefix of the other (they overlap for an update). */
  public boolean overlaps(Path other) {
    int n = Math.min(elements.size(), other.elements.size());
    return elements.subList(0, n).equals(other.elements.subList(0, n));
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(top());
    for (int i = 1; i < elements.size(); i++) {
      Object e = elements.get(i);
      sb.append(e instanceof String ? "." + e : "[" + e + "]");
    }
    return sb.toString();
  }
}
