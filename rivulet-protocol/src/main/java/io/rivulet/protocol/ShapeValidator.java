package io.rivulet.protocol;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks values read by {@link ShapeReader} against the model's constraints and words the failures
 * as AWS does; see this module's README for the rules and where they were learned. Stateless and
 * thread-safe.
 */
final class ShapeValidator {
  /** AWS reports at most this many constraint failures in one message. */
  static final int MAX_ERRORS = 10;

  private final ServiceModel model;
  /** {@link #members} of each structure shape, by name. */
  private final Map<String, Member[]> structures = new ConcurrentHashMap<>();

  ShapeValidator(ServiceModel model) {
    this.model = model;
  }

  /** Throws one {@code ValidationException} listing the failures, if there are any. */
  void validate(Map<String, Object> input, Shape shape) {
    List<String> errors = failures(input, shape);
    if (!errors.isEmpty()) {
      throw new AwsException(CommonError.VALIDATION, message(errors));
    }
  }

  /** The failure texts in the order AWS-compatible messages list them (at most {@link #MAX_ERRORS}). */
  List<String> failures(Map<String, Object> input, Shape shape) {
    List<String> errors = new ArrayList<>();
    structureMembers(input, shape, null, errors);
    return errors;
  }

  static String message(List<String> errors) {
    return errors.size()
        + (errors.size() == 1 ? " validation error detected: " : " validation errors detected: ")
        + String.join("; ", errors);
  }

  /** Members are checked in alphabetical order of their names (AWS's own order is not stable). */
  private void structureMembers(Map<String, Object> values, Shape shape, Path parent, List<String> errors) {
    for (Member member : members(shape)) {
      Object value = values.get(member.name);
      check(value, member.shape, member.required, new Path(parent, member.pathName, 0), errors);
    }
  }

  /** A structure's members in alphabetical order, resolved once per shape. */
  private Member[] members(Shape shape) {
    Member[] cached = structures.get(shape.name());
    if (cached != null && cached.length == shape.members().size()) {
      return cached;
    }
    List<Member> out = new ArrayList<>();
    for (Map.Entry<String, String> member : new TreeMap<>(shape.members()).entrySet()) {
      out.add(new Member(member.getKey(), lowerFirst(member.getKey()), model.shape(member.getValue()),
          shape.isRequired(member.getKey())));
    }
    Member[] resolved = out.toArray(new Member[0]);
    structures.put(shape.name(), resolved);
    return resolved;
  }

  private static final class Member {
    final String name;
    final String pathName;
    final Shape shape;
    final boolean required;

    Member(String name, String pathName, Shape shape, boolean required) {
      this.name = name;
      this.pathName = pathName;
      this.shape = shape;
      this.required = required;
    }
  }

  /**
   * Where a value is, rendered only when a failure is reported: {@code records.3.member.data}. A
   * node is a member name (after a dot unless first), a list element (its 1-based index and
   * {@code .member}) or a map key (after a dot).
   */
  private static final class Path {
    static final Path EMPTY = new Path(null, "", 0);
    final Path parent;
    final String name; // null for a list element
    final int index;

    Path(Path parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      append(sb);
      return sb.toString();
    }

    private void append(StringBuilder sb) {
      if (parent != null) {
        parent.append(sb);
      }
      if (name == null) {
        sb.append('.').append(index).append(".member");
      } else {
        if (parent != null && parent != EMPTY) {
          sb.append('.');
        }
        sb.append(name);
      }
    }
  }

  private void check(Object value, Shape shape, boolean required, Path path, List<String> errors) {
    if (value == null) {
      if (required) {
        fail(errors, null, shape, path, "Member must not be null");
      }
      return;
    }
    switch (shape.type()) {
      case STRING:
        checkString((String) value, shape, path, errors);
        break;
      case BLOB:
        checkLength(((byte[]) value).length, value, shape, path, errors);
        break;
      case LIST:
        checkList(castList(value), shape, path, errors);
        break;
      case MAP:
        checkMap(castMap(value), shape, path, errors);
        break;
      case STRUCTURE:
        structureMembers(castMap(value), shape, path, errors);
        break;
      default:
        if (shape.type().isNumber()) {
          checkRange(new BigDecimal(value.toString()), value, shape, path, errors);
        }
    }
  }

  private void checkString(String value, Shape shape, Path path, List<String> errors) {
    Pattern pattern = shape.compiledPattern();
    if (pattern != null && !pattern.matcher(value).matches()) {
      fail(errors, value, shape, path, "Member must satisfy regular expression pattern: " + shape.pattern());
    }
    checkLength(value.length(), value, shape, path, errors);
    if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(value)) {
      fail(errors, value, shape, path, enumMessage(shape));
    }
  }

  private void checkLength(long length, Object value, Shape shape, Path path, List<String> errors) {
    if (shape.min() != null && BigDecimal.valueOf(length).compareTo(shape.min()) < 0) {
      fail(errors, value, shape, path, "Member must have length greater than or equal to " + plain(shape.min()));
    }
    if (shape.max() != null && BigDecimal.valueOf(length).compareTo(shape.max()) > 0) {
      fail(errors, value, shape, path, "Member must have length less than or equal to " + plain(shape.max()));
    }
  }

  private void checkRange(BigDecimal number, Object value, Shape shape, Path path, List<String> errors) {
    if (shape.min() != null && number.compareTo(shape.min()) < 0) {
      fail(errors, value, shape, path, "Member must have value greater than or equal to " + plain(shape.min()));
    }
    if (shape.max() != null && number.compareTo(shape.max()) > 0) {
      fail(errors, value, shape, path, "Member must have value less than or equal to " + plain(shape.max()));
    }
  }

  private void checkList(List<Object> values, Shape shape, Path path, List<String> errors) {
    checkLength(values.size(), values, shape, path, errors);
    Shape member = model.shape(shape.member());
    if (isComposite(member)) {
      for (int i = 0; i < values.size(); i++) {
        check(values.get(i), member, false, new Path(path, null, i + 1), errors);
      }
    } else if (anyFails(values, member)) {
      fail(errors, values, shape, path, "Member must satisfy constraint: [" + simpleConstraints(member) + "]");
    }
  }

  private void checkMap(Map<String, Object> values, Shape shape, Path path, List<String> errors) {
    checkLength(values.size(), values, shape, path, errors);
    Shape key = model.shape(shape.key());
    if (anyFails(new ArrayList<>(values.keySet()), key)) {
      fail(errors, values, shape, path, "Map keys must satisfy constraint: [" + simpleConstraints(key) + "]");
    }
    Shape value = model.shape(shape.value());
    if (isComposite(value)) {
      List<String> keys = new ArrayList<>(values.keySet());
      Collections.reverse(keys);
      for (String k : keys) {
        check(values.get(k), value, false, new Path(path, k, 0), errors);
      }
    } else if (anyFails(new ArrayList<>(values.values()), value)) {
      fail(errors, values, shape, path, "Map value must satisfy constraint: [" + simpleConstraints(value) + "]");
    }
  }

  private static boolean isComposite(Shape shape) {
    ShapeType t = shape.type();
    return t == ShapeType.STRUCTURE || t == ShapeType.LIST || t == ShapeType.MAP;
  }

  private boolean anyFails(List<Object> values, Shape member) {
    for (Object v : values) {
      if (v == null) {
        continue;
      }
      List<String> scratch = new ArrayList<>();
      check(v, member, false, Path.EMPTY, scratch);
      if (!scratch.isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /** A member shape's constraints as AWS lists them inside "Member must satisfy constraint: [...]". */
  private static String simpleConstraints(Shape shape) {
    List<String> parts = new ArrayList<>();
    String unit = shape.type().isNumber() ? "value" : "length";
    if (shape.max() != null) {
      parts.add("Member must have " + unit + " less than or equal to " + plain(shape.max()));
    }
    if (shape.min() != null) {
      parts.add("Member must have " + unit + " greater than or equal to " + plain(shape.min()));
    }
    if (shape.pattern() != null) {
      parts.add("Member must satisfy regular expression pattern: " + shape.pattern());
    }
    if (!shape.enumValues().isEmpty()) {
      parts.add(enumMessage(shape));
    }
    return String.join(", ", parts);
  }

  private static String enumMessage(Shape shape) {
    return "Member must satisfy enum value set: [" + String.join(", ", shape.enumValues()) + "]";
  }

  private void fail(List<String> errors, Object value, Shape shape, Path path, String constraint) {
    if (errors.size() >= MAX_ERRORS) {
      return;
    }
    String shown = value == null ? "null" : "'" + show(value, shape) + "'";
    errors.add("Value " + shown + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }

  /** A value as AWS prints it: Java's toString of the bound object. */
  private String show(Object value, Shape shape) {
    if (value instanceof byte[]) {
      int n = ((byte[]) value).length;
      return "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
    }
    if (value instanceof List) {
      Shape member = model.shape(shape.member());
      List<String> items = new ArrayList<>();
      for (Object item : castList(value)) {
        items.add(item == null ? "null" : show(item, member));
      }
      return "[" + String.join(", ", items) + "]";
    }
    if (value instanceof Map && shape.type() == ShapeType.MAP) {
      Shape member = model.shape(shape.value());
      List<String> items = new ArrayList<>();
      for (Map.Entry<String, Object> e : castMap(value).entrySet()) {
        items.add(e.getKey() + "=" + (e.getValue() == null ? "null" : show(e.getValue(), member)));
      }
      return "{" + String.join(", ", items) + "}";
    }
    if (value instanceof Map) {
      return model.javaNamespace() + "." + shape.name() + "@" + Integer.toHexString(shown(castMap(value)));
    }
    return String.valueOf(value);
  }

  /** A stable stand-in for the identity hash AWS prints after a structure's class name. */
  private static int shown(Map<String, Object> structure) {
    return structure.keySet().hashCode() * 31 + structure.size();
  }

  static String plain(BigDecimal number) {
    BigDecimal stripped = number.stripTrailingZeros();
    return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
  }

  static String lowerFirst(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> castList(Object value) {
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object value) {
    return (Map<String, Object>) value;
  }
}
