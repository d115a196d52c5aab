package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.ExpressionParser;
import io.rivulet.dynamodb.expr.Legacy;
import io.rivulet.dynamodb.expr.Path;
import io.rivulet.dynamodb.expr.UpdateAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A request's expression context (names and values) and the choice between expression and legacy
 * parameters, with DynamoDB's refusal to mix them. Immutable.
 */
record Expressions(Map<String, String> names, Map<String, AttributeValue> values) {

  static Expressions of(Map<String, String> names, Map<String, Object> values) {
    Map<String, AttributeValue> v = values == null ? Map.of() : Attributes.fromWireMap(values);
    return new Expressions(names == null ? Map.of() : names, v);
  }

  /** The condition of a write: an expression, the legacy {@code Expected}, or none. */
  Condition writeCondition(String expression, Map<String, Object> expected, String conditionalOperator) {
    if (expression != null && expected != null) {
      throw mixed("Expected", "ConditionExpression");
    }
    if (expression != null) {
      return new ExpressionParser("ConditionExpression", names, values).parseCondition(expression);
    }
    return expected == null || expected.isEmpty() ? Condition.TRUE : Legacy.expected(expected, conditionalOperator);
  }

  /** A read filter: {@code FilterExpression}, the legacy filter map, or none. */
  Condition filter(String expression, Map<String, Object> legacy, String legacyName, String conditionalOperator) {
    if (expression != null && legacy != null) {
      throw mixed(legacyName, "FilterExpression");
    }
    if (expression != null) {
      return new ExpressionParser("FilterExpression", names, values).parseCondition(expression);
    }
    return legacy == null || legacy.isEmpty() ? Condition.TRUE : Legacy.conditions(legacy, conditionalOperator);
  }

  /** The update of UpdateItem: an expression, the legacy {@code AttributeUpdates}, or none. */
  List<UpdateAction> update(String expression, Map<String, Object> attributeUpdates, TableDef def) {
    if (expression != null && attributeUpdates != null) {
      throw mixed("AttributeUpdates", "UpdateExpression");
    }
    List<UpdateAction> actions = expression != null
        ? new ExpressionParser("UpdateExpression", names, values).parseUpdate(expression)
        : attributeUpdates == null ? List.of() : Legacy.attributeUpdates(attributeUpdates);
    for (UpdateAction a : actions) {
      if (def.keyNames().contains(a.path().top())) {
        throw expression != null
            ? DynamoDbError.invalid("One or more parameter values were invalid: Cannot update attribute "
                + a.path().top() + ". This attribute is part of the key")
            : DynamoDbError.invalidParameter("Cannot update attribute " + a.path().top()
                + ". This attribute is part of the key");
      }
    }
    return actions;
  }

  /** What to return of the item: {@code ProjectionExpression}, legacy {@code AttributesToGet}, or all (null). */
  List<Path> projection(String expression, List<String> attributesToGet) {
    if (expression != null && attributesToGet != null) {
      throw mixed("AttributesToGet", "ProjectionExpression");
    }
    if (expression != null) {
      return new ExpressionParser("ProjectionExpression", names, values).parseProjection(expression);
    }
    if (attributesToGet == null) {
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (String a : attributesToGet) {
      paths.add(Path.of(a));
    }
    return paths;
  }

  private static RuntimeException mixed(String legacy, String expression) {
    return DynamoDbError.invalid("Can not use both expression and non-expression parameters in the same request: "
        + "Non-expression parameters: {" + legacy + "} Expression parameters: {" + expression + "}");
  }

  /** The item reduced to the paths (null paths: the whole item). */
  static Map<String, AttributeValue> project(Map<String, AttributeValue> item, List<Path> paths) {
    if (paths == null || item == null) {
      return item;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Path p : paths) {
      AttributeValue v = p.get(item);
      if (v == null) {
        continue;
      }
      if (p.isTopLevel()) {
        out.put(p.top(), v);
      } else {
        out.put(p.top(), merge(out.get(p.top()), p.elements(), 1, v));
      }
    }
    return out;
  }

  /** Inserts {@code v} at {@code elements[depth..]} into a partial copy (maps by key, lists appended). */
  private static AttributeValue merge(AttributeValue partial, List<Object> elements, int depth, AttributeValue v) {
    if (depth == elements.size()) {
      return v;
    }
    Object step = elements.get(depth);
    if (step instanceof String key) {
      Map<String, AttributeValue> m = partial != null && partial.type() == AttributeValue.Type.M
          ? new LinkedHashMap<>(partial.m()) : new LinkedHashMap<>();
      m.put(key, merge(m.get(key), elements, depth + 1, v));
      return AttributeValue.m(m);
    }
    List<AttributeValue> l = partial != null && partial.type() == AttributeValue.Type.L
        ? new ArrayList<>(partial.l()) : new ArrayList<>();
    l.add(merge(null, elements, depth + 1, v));
    return AttributeValue.l(l);
  }

  /** The {@code Attributes} a write returns for its {@code ReturnValues}, or null. */
  static Map<String, AttributeValue> returned(String returnValues, Map<String, AttributeValue> before,
      Map<String, AttributeValue> after, Set<String> updated) {
    if (returnValues == null) {
      return null;
    }
    Map<String, AttributeValue> source = switch (returnValues) {
      case "ALL_OLD", "UPDATED_OLD" -> before;
      case "ALL_NEW", "UPDATED_NEW" -> after;
      default -> null;
    };
    if (source == null || source.isEmpty()) {
      return null;
    }
    if (returnValues.startsWith("UPDATED")) {
      Map<String, AttributeValue> out = new LinkedHashMap<>();
      for (String name : updated) {
        if (source.containsKey(name)) {
          out.put(name, source.get(name));
        }
      }
      return out.isEmpty() ? null : out;
    }
    return source;
  }

  /** {@code ConsumedCapacity} for a request that asked for it (TOTAL or INDEXES), else null. */
  static Map<String, Object> capacity(String returnConsumedCapacity, String table, double units) {
    if (returnConsumedCapacity == null || "NONE".equals(returnConsumedCapacity)) {
      return null;
    }
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("TableName", table);
    c.put("CapacityUnits", units);
    return c;
  }
}
