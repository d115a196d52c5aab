package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.DynamoDbError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A value in an expression, computed from an item; null when it refers to a missing attribute. */
public sealed interface Operand {
  AttributeValue eval(Map<String, AttributeValue> item);

  /** An attribute (document path) of the item. */
  record PathRef(Path path) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      return path.get(item);
    }
  }

  /** An {@code :value} placeholder, resolved. */
  record Literal(AttributeValue value) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      return value;
    }
  }

  /** {@code size(path)}: string and binary lengths, element counts; null for other types. */
  record Size(Path path) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      AttributeValue v = path.get(item);
      if (v == null) {
        return null;
      }
      long size = switch (v.type()) {
        case S -> v.s().length();
        case B -> v.b().length();
        case SS, NS, BS -> v.elements().size();
        case M -> v.m().size();
        case L -> v.l().size();
        default -> -1;
      };
      return size < 0 ? null : AttributeValue.n(java.math.BigDecimal.valueOf(size));
    }
  }

  /** {@code if_not_exists(path, value)} in a SET action. */
  record IfNotExists(Path path, Operand fallback) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      AttributeValue v = path.get(item);
      return v != null ? v : fallback.eval(item);
    }
  }

  /** {@code list_append(a, b)} in a SET action. */
  record ListAppend(Operand first, Operand second) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      AttributeValue a = first.eval(item);
      AttributeValue b = second.eval(item);
      if (a == null || b == null) {
        throw DynamoDbError.invalid(
            "The provided expression refers to an attribute that does not exist in the item");
      }
      if (a.type() != AttributeValue.Type.L || b.type() != AttributeValue.Type.L) {
        throw DynamoDbError.invalid("An operand in the update expression has an incorrect data type");
      }
      List<AttributeValue> out = new ArrayList<>(a.l());
      out.addAll(b.l());
      return AttributeValue.l(out);
    }
  }

  /** {@code a + b} or {@code a - b} in a SET action, on numbers. */
  record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {
    @Override
    public AttributeValue eval(Map<String, AttributeValue> item) {
      AttributeValue a = left.eval(item);
      AttributeValue b = right.eval(item);
      if (a == null || b == null) {
        throw DynamoDbError.invalid(
            "The provided expression refers to an attribute that does not exist in the item");
      }
      if (a.type() != AttributeValue.Type.N || b.type() != AttributeValue.Type.N) {
        throw DynamoDbError.invalid("An operand in the update expression has an incorrect data type");
      }
      return AttributeValue.n(AttributeValue.add(a.n(), plus ? b.n() : b.n().negate()));
    }
  }
}
