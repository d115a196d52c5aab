package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.ItemKey;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.dynamodb.expr.UpdateAction;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * UpdateItem: an upsert (a missing item starts as its key) applying an UpdateExpression or the
 * legacy AttributeUpdates, if the condition holds; ReturnValues NONE, ALL_OLD, UPDATED_OLD,
 * ALL_NEW, UPDATED_NEW.
 */
public final class UpdateItem extends DynamoOperation<UpdateItem.Input, UpdateItem.Output> {

  public record Input(String tableName, Map<String, Object> key, Map<String, Object> attributeUpdates,
      Map<String, Object> expected, String conditionalOperator, String returnValues,
      String returnConsumedCapacity, String updateExpression, String conditionExpression,
      Map<String, String> expressionAttributeNames, Map<String, Object> expressionAttributeValues,
      String returnValuesOnConditionCheckFailure) {}

  public record Output(Map<String, Object> attributes, Map<String, Object> consumedCapacity) {}

  public UpdateItem(Database db) {
    super(db, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    Map<String, AttributeValue> key = Attributes.fromWireMap(in.key());
    ItemKey itemKey = table.def().keyOf(key, true);
    Expressions ex = Expressions.of(in.expressionAttributeNames(), in.expressionAttributeValues());
    Condition condition = ex.writeCondition(in.conditionExpression(), in.expected(), in.conditionalOperator());
    List<UpdateAction> actions = ex.update(in.updateExpression(), in.attributeUpdates(), table.def());
    boolean returnOld = "ALL_OLD".equals(in.returnValuesOnConditionCheckFailure());
    Set<String> updated = new LinkedHashSet<>();
    for (UpdateAction a : actions) {
      updated.add(a.path().top());
    }
    return db.write(table, itemKey, current -> apply(key, current, condition, actions, returnOld))
        .thenApply(c -> new Output(
            Attributes.toWireMap(Expressions.returned(in.returnValues(), c.before(), c.after(), updated)),
            Expressions.capacity(in.returnConsumedCapacity(), table.def().name(), 1.0)));
  }

  /** The item after an update: conditions first, then the actions on the item (or on its key alone). */
  static Map<String, AttributeValue> apply(Map<String, AttributeValue> key, Map<String, AttributeValue> current,
      Condition condition, List<UpdateAction> actions, boolean returnOld) {
    PutItem.checkCondition(condition, current, returnOld);
    Map<String, AttributeValue> start = current != null ? current : new LinkedHashMap<>(key);
    Map<String, AttributeValue> after = UpdateAction.applyAll(actions, start);
    if (Attributes.itemSize(after) > PutItem.MAX_ITEM_BYTES) {
      throw DynamoDbError.invalid("Item size to update has exceeded the maximum allowed size");
    }
    return current != null && after.equals(current) ? current : after;
  }
}
