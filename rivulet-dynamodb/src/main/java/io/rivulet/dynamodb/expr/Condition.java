package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.AttributeValue.Type;

import java.util.List;
import java.util.Map;

/**
 * A condition on an item, from a condition, filter or key-condition expression or from the legacy
 * {@code Expected}/{@code KeyConditions}/{@code ScanFilter} parameters. Comparisons with a missing
 * attribute are false, except {@code <>}; ordering comparisons need two values of the same scalar
 * type (S, N or B).
 */
public sealed interface Condition {
  boolean test(Map<String, AttributeValue> item);

  /** Always true (no condition). */
  Condition TRUE = new All(List.of());

  /** The comparison operators. */
  enum Comparator { EQ, NE, LT, LE, GT, GE }

  record All(List<Condition> parts) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      for (Condition c : parts) {
        if (!c.test(item)) {
          return false;
        }
      }
      return true;
    }
  }

  record Any(List<Condition> parts) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      for (Condition c : parts) {
        if (c.test(item)) {
          return true;
        }
      }
      return false;
    }
  }

  record Not(Condition inner) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return !inner.test(item);
    }
  }

  record Compare(Operand left, Comparator op, Operand right) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue a = left.eval(item);
      AttributeValue b = right.eval(item);
      if (op == Comparator.NE) {
        return a == null || b == null || !a.equals(b);
      }
      if (a == null || b == null) {
        return false;
      }
      if (op == Comparator.EQ) {
        return a.equals(b);
      }
      Integer c = order(a, b);
      if (c == null) {
        return false;
      }
      return switch (op) {
        case LT -> c < 0;
        case LE -> c <= 0;
        case GT -> c > 0;
        case GE -> c >= 0;
        default -> throw new IllegalStateException();
      };
    }
  }

  record Between(Operand value, Operand low, Operand high) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value.eval(item);
      AttributeValue lo = low.eval(item);
      AttributeValue hi = high.eval(item);
      if (v == null || lo == null || hi == null) {
        return false;
      }
      Integer a = order(lo, v);
      Integer b = order(v, hi);
      return a != null && b != null && a <= 0 && b <= 0;
    }
  }

  record In(Operand value, List<Operand> candidates) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value.eval(item);
      if (v == null) {
        return false;
      }
      for (Operand c : candidates) {
        if (v.equals(c.eval(item))) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code attribute_exists(path)} ({@code exists}) or {@code attribute_not_exists(path)}. */
  record Exists(Path path, boolean exists) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      return (path.get(item) != null) == exists;
    }
  }

  record AttributeType(Path path, Operand type) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = path.get(item);
      AttributeValue t = type.eval(item);
      return v != null && t != null && t.type() == Type.S && v.type().name().equals(t.s());
    }
  }

  record BeginsWith(Operand value, Operand prefix) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value.eval(item);
      AttributeValue p = prefix.eval(item);
      if (v == null || p == null || v.type() != p.type()) {
        return false;
      }
      return v.type() == Type.S ? v.s().startsWith(p.s()) : v.type() == Type.B && v.b().startsWith(p.b());
    }
  }

  record Contains(Operand value, Operand operand) implements Condition {
    @Override
    public boolean test(Map<String, AttributeValue> item) {
      AttributeValue v = value.eval(item);
      AttributeValue o = operand.eval(item);
      if (v == null || o == null) {
        return false;
      }
      return switch (v.type()) {
        case S -> o.type() == Type.S && v.s().contains(o.s());
        case B -> o.type() == Type.B && containsBytes(v.b().toArray(), o.b().toArray());
        case SS -> o.type() == Type.S && v.elements().contains(o.s());
        case NS -> o.type() == Type.N && v.elements().contains(o.n());
        case BS -> o.type() == Type.B && v.elements().contains(o.b());
        case L -> v.l().contains(o);
        default -> false;
      };
    }

    private static boolean containsBytes(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i + needle.length <= haystack.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return true;
      }
      return false;
    }
  }

  /** The order of two scalars of the same type (S, N, B), else null. */
  static Integer order(AttributeValue a, AttributeValue b) {
    if (a.type() != b.type()) {
      return null;
    }
    return switch (a.type()) {
      case S -> Integer.signum(a.s().compareTo(b.s()));
      case N -> a.n().compareTo(b.n());
      case B -> Integer.signum(a.b().compareTo(b.b()));
      default -> null;
    };
  }
}
