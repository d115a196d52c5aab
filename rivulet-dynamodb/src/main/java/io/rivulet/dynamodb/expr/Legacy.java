package io.rivulet.dynamodb.expr;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's legacy conditional parameters as {@link Condition}s and {@link UpdateAction}s:
 * {@code Expected} (with {@code Exists}/{@code Value} or {@code ComparisonOperator}), {@code
 * KeyConditions}, {@code QueryFilter}, {@code ScanFilter} and {@code AttributeUpdates}. Entries
 * are ANDed unless {@code ConditionalOperator} is OR. Stateless.
 */
public final class Legacy {
  private Legacy() {}

  /** {@code Expected}: the raw map from the request (attribute name to ExpectedAttributeValue). */
  @SuppressWarnings("unchecked")
  public static Condition expected(Map<String, Object> expected, String conditionalOperator) {
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) e.getValue();
      String name = e.getKey();
      Object rawValue = spec.get("Value");
      Boolean exists = (Boolean) spec.get("Exists");
      String operator = (String) spec.get("ComparisonOperator");
      if (operator != null) {
        if (rawValue != null || exists != null) {
          throw DynamoDbError.invalidParameter("Exists and Value cannot be used with ComparisonOperator for Attribute: " + name);
        }
        List<AttributeValue> args = values((List<Object>) spec.get("AttributeValueList"));
        parts.add(comparison(name, operator, args));
      } else if (Boolean.FALSE.equals(exists)) {
        if (rawValue != null) {
          throw DynamoDbError.invalidParameter(
              "Value cannot be used when Exists is false for Attribute: " + name);
        }
        parts.add(new Condition.Exists(Path.of(name), false));
      } else if (rawValue != null) {
        parts.add(new Condition.Compare(new Operand.PathRef(Path.of(name)), Condition.Comparator.EQ,
            new Operand.Literal(Attributes.fromWire(rawValue))));
      } else {
        throw DynamoDbError.invalidParameter("Value must be provided when Exists is true for Attribute: " + name);
      }
    }
    return combine(parts, conditionalOperator);
  }

  /** {@code KeyConditions}, {@code QueryFilter} or {@code ScanFilter} (name to Condition). */
  @SuppressWarnings("unchecked")
  public static Condition conditions(Map<String, Object> conditions, String conditionalOperator) {
    List<Condition> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : conditions.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) e.getValue();
      List<AttributeValue> args = values((List<Object>) spec.get("AttributeValueList"));
      parts.add(comparison(e.getKey(), (String) spec.get("ComparisonOperator"), args));
    }
    return combine(parts, conditionalOperator);
  }

  private static Condition combine(List<Condition> parts, String conditionalOperator) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return "OR".equals(conditionalOperator) ? new Condition.Any(parts) : new Condition.All(parts);
  }

  private static List<AttributeValue> values(List<Object> raw) {
    List<AttributeValue> out = new ArrayList<>();
    if (raw != null) {
      for (Object o : raw) {
        out.add(Attributes.fromWire(o));
      }
    }
    return out;
  }

  private static Condition comparison(String name, String operator, List<AttributeValue> args) {
    Operand attr = new Operand.PathRef(Path.of(name));
    Path path = Path.of(name);
    switch (operator) {
      case "NULL":
        arity(operator, args, 0);
        return new Condition.Exists(path, false);
      case "NOT_NULL":
        arity(operator, args, 0);
        return new Condition.Exists(path, true);
      case "BETWEEN":
        arity(operator, args, 2);
        return new Condition.Between(attr, lit(args.get(0)), lit(args.get(1)));
      case "IN": {
        if (args.isEmpty()) {
          arity(operator, args, 1);
        }
        List<Operand> candidates = new ArrayList<>();
        args.forEach(a -> candidates.add(lit(a)));
        return new Condition.In(attr, candidates);
      }
      default:
        break;
    }
    arity(operator, args, 1);
    Operand v = lit(args.get(0));
    return switch (operator) {
      case "EQ" -> new Condition.Compare(attr, Condition.Comparator.EQ, v);
      case "NE" -> new Condition.Compare(attr, Condition.Comparator.NE, v);
      case "LT" -> new Condition.Compare(attr, Condition.Comparator.LT, v);
      case "LE" -> new Condition.Compare(attr, Condition.Comparator.LE, v);
      case "GT" -> new Condition.Compare(attr, Condition.Comparator.GT, v);
      case "GE" -> new Condition.Compare(attr, Condition.Comparator.GE, v);
      case "BEGINS_WITH" -> new Condition.BeginsWith(attr, v);
      case "CONTAINS" -> new Condition.Contains(attr, v);
      case "NOT_CONTAINS" -> new Condition.All(List.of(new Condition.Exists(path, true),
          new Condition.Not(new Condition.Contains(attr, v))));
      default -> throw DynamoDbError.invalidParameter("Unsupported ComparisonOperator: " + operator);
    };
  }

  private static Operand lit(AttributeValue v) {
    return new Operand.Literal(v);
  }

  private static void arity(String operator, List<AttributeValue> args, int expected) {
    if (args.size() != expected) {
      throw DynamoDbError.invalidParameter("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
    }
  }

  /** {@code AttributeUpdates}: PUT sets, DELETE without a value removes, with a set removes elements, ADD adds. */
  @SuppressWarnings("unchecked")
  public static List<UpdateAction> attributeUpdates(Map<String, Object> updates) {
    List<UpdateAction> actions = new ArrayList<>();
    for (Map.Entry<String, Object> e : updates.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) e.getValue();
      Path path = Path.of(e.getKey());
      Object rawValue = spec.get("Value");
      AttributeValue value = rawValue == null ? null : Attributes.fromWire(rawValue);
      String action = spec.get("Action") == null ? "PUT" : (String) spec.get("Action");
      switch (action) {
        case "PUT":
          if (value == null) {
            throw DynamoDbError.invalidParameter("Only DELETE action is allowed when no attribute value is specified");
          }
          actions.add(new UpdateAction.Set(path, lit(value)));
          break;
        case "ADD":
          if (value == null) {
            throw DynamoDbError.invalidParameter("Only DELETE action is allowed when no attribute value is specified");
          }
          actions.add(value.type() == AttributeValue.Type.L
              ? new UpdateAction.Set(path, new Operand.ListAppend(
                  new Operand.IfNotExists(path, lit(AttributeValue.l(List.of()))), lit(value)))
              : new UpdateAction.Add(path, value));
          break;
        default:
          actions.add(value == null ? new UpdateAction.Remove(path) : new UpdateAction.Delete(path, value));
      }
    }
    return actions;
  }
}
