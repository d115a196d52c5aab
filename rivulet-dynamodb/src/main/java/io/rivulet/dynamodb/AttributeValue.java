package io.rivulet.dynamodb;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value of one of the ten types. Numbers are kept normalised ({@link
 * BigDecimal} without trailing zeros), so {@code "1.50"} and {@code "1.5"} are equal and are
 * written back as {@code 1.5}; sets compare without order; binaries by content. Immutable.
 */
public final class AttributeValue {
  /** The data types, by their wire names. */
  public enum Type { S, N, B, SS, NS, BS, M, L, BOOL, NULL }

  public static final AttributeValue NULL = new AttributeValue(Type.NULL, Boolean.TRUE);
  public static final AttributeValue TRUE = new AttributeValue(Type.BOOL, Boolean.TRUE);
  public static final AttributeValue FALSE = new AttributeValue(Type.BOOL, Boolean.FALSE);

  private static final int MAX_PRECISION = 38;

  private final Type type;
  private final Object value;

  private AttributeValue(Type type, Object value) {
    this.type = type;
    this.value = value;
  }

  public static AttributeValue s(String s) {
    return new AttributeValue(Type.S, Objects.requireNonNull(s));
  }

  public static AttributeValue n(BigDecimal n) {
    return new AttributeValue(Type.N, normalise(n));
  }

  /** A number from its DynamoDB string form; ValidationException if it is not one. */
  public static AttributeValue n(String text) {
    return n(parseNumber(text));
  }

  public static AttributeValue b(byte[] bytes) {
    return new AttributeValue(Type.B, new Bytes(bytes));
  }

  public static AttributeValue bool(boolean b) {
    return b ? TRUE : FALSE;
  }

  public static AttributeValue ss(Set<String> values) {
    return new AttributeValue(Type.SS, Collections.unmodifiableSet(new LinkedHashSet<>(values)));
  }

  public static AttributeValue ns(Set<BigDecimal> values) {
    Set<BigDecimal> out = new LinkedHashSet<>();
    for (BigDecimal v : values) {
      out.add(normalise(v));
    }
    return new AttributeValue(Type.NS, Collections.unmodifiableSet(out));
  }

  public static AttributeValue bs(Set<Bytes> values) {
    return new AttributeValue(Type.BS, Collections.unmodifiableSet(new LinkedHashSet<>(values)));
  }

  public static AttributeValue m(Map<String, AttributeValue> values) {
    return new AttributeValue(Type.M, Collections.unmodifiableMap(new LinkedHashMap<>(values)));
  }

  public static AttributeValue l(List<AttributeValue> values) {
    return new AttributeValue(Type.L, List.copyOf(values));
  }

  /** A set of the given set type ({@code SS}, {@code NS} or {@code BS}) from elements of it. */
  public static AttributeValue set(Type setType, Set<?> elements) {
    @SuppressWarnings("unchecked")
    AttributeValue v = switch (setType) {
      case SS -> ss((Set<String>) elements);
      case NS -> ns((Set<BigDecimal>) elements);
      case BS -> bs((Set<Bytes>) elements);
      default -> throw new IllegalArgumentException("not a set type: " + setType);
    };
    return v;
  }

  public Type type() {
    return type;
  }

  public boolean isSet() {
    return type == Type.SS || type == Type.NS || type == Type.BS;
  }

  public String s() {
    return (String) value;
  }

  public BigDecimal n() {
    return (BigDecimal) value;
  }

  public Bytes b() {
    return (Bytes) value;
  }

  public boolean bool() {
    return (Boolean) value;
  }

  /** The elements of a set value (String, BigDecimal or Bytes). */
  public Set<?> elements() {
    return (Set<?>) value;
  }

  @SuppressWarnings("unchecked")
  public Map<String, AttributeValue> m() {
    return (Map<String, AttributeValue>) value;
  }

  @SuppressWarnings("unchecked")
  public List<AttributeValue> l() {
    return (List<AttributeValue>) value;
  }

  /** A number as DynamoDB writes it: plain digits, no exponent, no trailing zeros. */
  public static String numberText(BigDecimal n) {
    return n.toPlainString();
  }

  /** Parses a DynamoDB number string: at most 38 significant digits, magnitude 1E-130 to 1E+126. */
  public static BigDecimal parseNumber(String text) {
    BigDecimal n;
    try {
      n = new BigDecimal(text.trim());
    } catch (NumberFormatException | NullPointerException e) {
      throw DynamoDbError.invalid("The parameter cannot be converted to a numeric value: " + text);
    }
    BigDecimal norm = normalise(n);
    if (norm.signum() != 0) {
      if (norm.precision() > MAX_PRECISION) {
        throw DynamoDbError.invalid("Attempting to store more than 38 significant digits in a Number");
      }
      int exponent = norm.precision() - norm.scale() - 1;
      if (exponent > 125) {
        throw DynamoDbError.invalid("Number overflow. Attempting to store a number with magnitude larger than supported range");
      }
      if (exponent < -130) {
        throw DynamoDbError.invalid("Number underflow. Attempting to store a number with magnitude smaller than supported range");
      }
    }
    return norm;
  }

  private static BigDecimal normalise(BigDecimal n) {
    BigDecimal s = n.stripTrailingZeros();
    return s.signum() == 0 ? BigDecimal.ZERO : s;
  }

  /** Adds two numbers as DynamoDB's ADD does (38 digits of precision). */
  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    return a.add(b, new MathContext(MAX_PRECISION));
  }

  /** Approximate stored size in bytes, as DynamoDB counts it (names are counted by the item). */
  public int size() {
    return switch (type) {
      case S -> utf8Length(s());
      case N -> (n().precision() + 1) / 2 + 1;
      case B -> b().length();
      case BOOL, NULL -> 1;
      case SS, NS, BS -> {
        int total = 0;
        for (Object e : elements()) {
          total += e instanceof String str ? utf8Length(str) : e instanceof Bytes bytes ? bytes.length()
              : (((BigDecimal) e).precision() + 1) / 2 + 1;
        }
        yield total;
      }
      case M -> {
        int total = 3;
        for (Map.Entry<String, AttributeValue> e : m().entrySet()) {
          total += utf8Length(e.getKey()) + e.getValue().size() + 1;
        }
        yield total;
      }
      case L -> {
        int total = 3;
        for (AttributeValue v : l()) {
          total += v.size() + 1;
        }
        yield total;
      }
    };
  }

  static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n += 1;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeValue other && type == other.type && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + value.hashCode();
  }

  @Override
  public String toString() {
    return "{" + type + ": " + value + "}";
  }

  /** A binary value with content equality and unsigned lexicographic order. Immutable. */
  public static final class Bytes implements Comparable<Bytes> {
    private final byte[] bytes;

    public Bytes(byte[] bytes) {
      this.bytes = bytes.clone();
    }

    public byte[] toArray() {
      return bytes.clone();
    }

    public int length() {
      return bytes.length;
    }

    public boolean startsWith(Bytes prefix) {
      return prefix.bytes.length <= bytes.length
          && Arrays.equals(bytes, 0, prefix.bytes.length, prefix.bytes, 0, prefix.bytes.length);
    }

    @Override
    public int compareTo(Bytes o) {
      return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return java.util.Base64.getEncoder().encodeToString(bytes);
    }
  }
}
