package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.AttributeValue.Type;
import io.rivulet.dynamodb.DynamoDbError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;


/**
 * One action of an update: {@code SET}, {@code REMOVE}, {@code ADD} or {@code DELETE} on a path.
 * Operands are evaluated against the item as it was before the update (DynamoDB's rule); actions
 * are applied in order to a copy.
 */
public sealed interface UpdateAction {
  Path path();

  /** The item after this action; {@code original} is the item before the whole update. */
  Map<String, AttributeValue> apply(Map<String, AttributeValue> original, Map<String, AttributeValue> current);

  /** Applies all actions to a copy of the item. */
  static Map<String, AttributeValue> applyAll(List<UpdateAction> actions, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> current = item;
    for (UpdateAction a : actions) {
      current = a.apply(item, current);
    }
    return current;
  }

  record Set(Path path, Operand value) implements UpdateAction {
    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> original, Map<String, AttributeValue> current) {
      AttributeValue v = value.eval(original);
      if (v == null) {
        throw DynamoDbError.invalid(
            "The provided expression refers to an attribute that does not exist in the item");
      }
      return path.set(current, v);
    }
  }

  record Remove(Path path) implements UpdateAction {
    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> original, Map<String, AttributeValue> current) {
      return path.remove(current);
    }
  }

  /** ADD: numbers are added (a missing attribute counts as 0), sets are unioned. */
  record Add(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> original, Map<String, AttributeValue> current) {
      if (value.type() != Type.N && !value.isSet()) {
        throw DynamoDbError.invalid("Invalid UpdateExpression: Incorrect operand type for operator or function; "
            + "operator: ADD, operand type: " + typeName(value.type()));
      }
      AttributeValue existing = path.get(current);
      if (existing == null) {
        return path.set(current, value);
      }
      if (existing.type() != value.type()) {
        throw DynamoDbError.invalid("An operand in the update expression has an incorrect data type");
      }
      if (value.type() == Type.N) {
        return path.set(current, AttributeValue.n(AttributeValue.add(existing.n(), value.n())));
      }
      java.util.Set<Object> union = new LinkedHashSet<>(existing.elements());
      union.addAll(value.elements());
      return path.set(current, AttributeValue.set(value.type(), union));
    }
  }

  /** DELETE: removes elements from a set; an emptied set removes the attribute. */
  record Delete(Path path, AttributeValue value) implements UpdateAction {
    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> original, Map<String, AttributeValue> current) {
      if (!value.isSet()) {
        throw DynamoDbError.invalid("Invalid UpdateExpression: Incorrect operand type for operator or function; "
            + "operator: DELETE, operand type: " + typeName(value.type()));
      }
      AttributeValue existing = path.get(current);
      if (existing == null) {
        return current;
      }
      if (existing.type() != value.type()) {
        throw DynamoDbError.invalid("An operand in the update expression has an incorrect data type");
      }
      java.util.Set<Object> rest = new LinkedHashSet<>(existing.elements());
      rest.removeAll(value.elements());
      return rest.isEmpty() ? path.remove(current) : path.set(current, AttributeValue.set(value.type(), rest));
    }
  }

  private static String typeName(Type t) {
    return switch (t) {
      case S -> "STRING";
      case N -> "NUMBER";
      case B -> "BINARY";
      case BOOL -> "BOOLEAN";
      case NULL -> "NULL";
      case M -> "MAP";
      case L -> "LIST";
      default -> t.name();
    };
  }

  /** Names of the top-level attributes these actions touch (for UPDATED_OLD / UPDATED_NEW). */
  static java.util.Set<String> topLevelNames(List<UpdateAction> actions) {
    java.util.Set<String> out = new LinkedHashSet<>();
    for (UpdateAction a : actions) {
      out.add(a.path().top());
    }
    return out;
  }
}
