package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.ItemKey;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.engine.TableDef;
import io.rivulet.dynamodb.engine.TableDef.IndexDef;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.ExpressionParser;
import io.rivulet.dynamodb.expr.Legacy;
import io.rivulet.dynamodb.expr.Operand;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Query on the table or a secondary index (indexes are sparse: only items with the index's key
 * attributes): KeyConditionExpression or legacy KeyConditions, which must test the partition key
 * for equality; results in sort-key order (then primary key), ScanIndexForward, paginated by
 * Limit, 1 MB and ExclusiveStartKey, then filtered and projected.
 */
public final class Query extends DynamoOperation<Query.Input, Page.Output> {

  public record Input(String tableName, String indexName, String select, List<String> attributesToGet,
      Integer limit, Boolean consistentRead, Map<String, Object> keyConditions,
      Map<String, Object> queryFilter, String conditionalOperator, Boolean scanIndexForward,
      Map<String, Object> exclusiveStartKey, String returnConsumedCapacity, String projectionExpression,
      String filterExpression, String keyConditionExpression, Map<String, String> expressionAttributeNames,
      Map<String, Object> expressionAttributeValues) {}

  public Query(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Page.Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    TableDef def = table.def();
    IndexDef index = index(def, in.indexName());
    if (index != null && Boolean.TRUE.equals(in.consistentRead()) && def.globalIndexes().contains(index)) {
      throw DynamoDbError.invalid("Consistent reads are not supported on global secondary indexes");
    }
    String hashKey = index == null ? def.hashKey() : index.hashKey();
    String rangeKey = index == null ? def.rangeKey() : index.rangeKey();
    Expressions ex = Expressions.of(in.expressionAttributeNames(), in.expressionAttributeValues());
    Condition keyCondition = keyCondition(in, ex);
    if (!testsEquality(keyCondition, hashKey)) {
      throw DynamoDbError.invalid("Query condition missed key schema element: " + hashKey);
    }
    Condition filter = ex.filter(in.filterExpression(), in.queryFilter(), "QueryFilter", in.conditionalOperator());
    List<Map<String, AttributeValue>> matches = new ArrayList<>();
    for (Map<String, AttributeValue> item : table.items().values()) {
      if ((index == null || Descriptions.inIndex(index, item)) && keyCondition.test(item)) {
        matches.add(item);
      }
    }
    Comparator<Map<String, AttributeValue>> order = order(def, rangeKey);
    if (Boolean.FALSE.equals(in.scanIndexForward())) {
      order = order.reversed();
    }
    matches.sort(order);
    int from = 0;
    if (in.exclusiveStartKey() != null) {
      Map<String, AttributeValue> start = Attributes.fromWireMap(in.exclusiveStartKey());
      def.keyOf(start, false);
      while (from < matches.size() && order.compare(matches.get(from), start) <= 0) {
        from++;
      }
    }
    Page page = new Page(def, index, filter, ex.projection(in.projectionExpression(), in.attributesToGet()),
        in.select(), in.limit());
    boolean more = false;
    for (int i = from; i < matches.size(); i++) {
      if (!page.offer(matches.get(i))) {
        more = true;
        break;
      }
    }
    return page.finish(more, Expressions.capacity(in.returnConsumedCapacity(), def.name(), page.units()));
  }

  private static Condition keyCondition(Input in, Expressions ex) {
    if (in.keyConditionExpression() != null && in.keyConditions() != null) {
      throw DynamoDbError.invalid("Can not use both expression and non-expression parameters in the same request: "
          + "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
    }
    if (in.keyConditionExpression() != null) {
      return new ExpressionParser("KeyConditionExpression", ex.names(), ex.values())
          .parseCondition(in.keyConditionExpression());
    }
    if (in.keyConditions() == null) {
      throw DynamoDbError.invalid("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
    }
    return Legacy.conditions(in.keyConditions(), "AND");
  }

  /** Whether the key condition is (or ANDs) {@code hashKey = value}. */
  private static boolean testsEquality(Condition c, String hashKey) {
    if (c instanceof Condition.Compare cmp) {
      return cmp.op() == Condition.Comparator.EQ && cmp.left() instanceof Operand.PathRef ref
          && ref.path().isTopLevel() && ref.path().top().equals(hashKey) && cmp.right() instanceof Operand.Literal;
    }
    if (c instanceof Condition.All all) {
      for (Condition part : all.parts()) {
        if (testsEquality(part, hashKey)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Sort-key order (items without one compare equal on it), then primary-key order. */
  private static Comparator<Map<String, AttributeValue>> order(TableDef def, String rangeKey) {
    Comparator<Map<String, AttributeValue>> byPrimary =
        (a, b) -> def.keyOf(a, false).compareTo(def.keyOf(b, false));
    if (rangeKey == null) {
      return byPrimary;
    }
    Comparator<Map<String, AttributeValue>> byRange = (a, b) -> {
      AttributeValue x = a.get(rangeKey);
      AttributeValue y = b.get(rangeKey);
      return x == null || y == null ? 0 : ItemKey.compareScalars(x, y);
    };
    return byRange.thenComparing(byPrimary);
  }
}
