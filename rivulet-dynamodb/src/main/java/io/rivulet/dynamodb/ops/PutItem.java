package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.DynamoDbException;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.ItemKey;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.protocol.RequestContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** PutItem: replaces the whole item if the condition (expression or legacy Expected) holds. */
public final class PutItem extends DynamoOperation<PutItem.Input, PutItem.Output> {
  static final long MAX_ITEM_BYTES = 400 * 1024;

  public record Input(String tableName, Map<String, Object> item, Map<String, Object> expected,
      String returnValues, String returnConsumedCapacity, String conditionalOperator,
      String conditionExpression, Map<String, String> expressionAttributeNames,
      Map<String, Object> expressionAttributeValues, String returnValuesOnConditionCheckFailure) {}

  public record Output(Map<String, Object> attributes, Map<String, Object> consumedCapacity) {}

  public PutItem(Database db) {
    super(db, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    checkAllOldOrNone(in.returnValues());
    Map<String, AttributeValue> item = checkedItem(table, in.item());
    Expressions ex = Expressions.of(in.expressionAttributeNames(), in.expressionAttributeValues());
    Condition condition = ex.writeCondition(in.conditionExpression(), in.expected(), in.conditionalOperator());
    ItemKey key = table.def().keyOf(item, false);
    boolean returnOld = "ALL_OLD".equals(in.returnValuesOnConditionCheckFailure());
    return db.write(table, key, current -> {
      checkCondition(condition, current, returnOld);
      return item;
    }).thenApply(c -> new Output(
        Attributes.toWireMap(Expressions.returned(in.returnValues(), c.before(), c.after(), Set.of())),
        Expressions.capacity(in.returnConsumedCapacity(), table.def().name(), 1.0)));
  }

  /** The item of a put, with its key and size checked. */
  static Map<String, AttributeValue> checkedItem(Table table, Map<String, Object> raw) {
    Map<String, AttributeValue> item = Attributes.fromWireMap(raw);
    table.def().keyOf(item, false);
    if (Attributes.itemSize(item) > MAX_ITEM_BYTES) {
      throw DynamoDbError.invalid("Item size has exceeded the maximum allowed size");
    }
    return item;
  }

  /** Throws ConditionalCheckFailedException (with the old item if asked) unless the condition holds. */
  static void checkCondition(Condition condition, Map<String, AttributeValue> current, boolean returnOld) {
    if (!condition.test(current == null ? Map.of() : current)) {
      throw DynamoDbException.conditionFailed(returnOld ? current : null);
    }
  }
}
