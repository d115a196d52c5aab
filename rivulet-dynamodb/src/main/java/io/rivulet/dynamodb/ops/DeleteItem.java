package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.dynamodb.expr.Condition;
import io.rivulet.protocol.RequestContext;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** DeleteItem: removes the item if the condition holds; deleting a missing item succeeds. */
public final class DeleteItem extends DynamoOperation<DeleteItem.Input, DeleteItem.Output> {

  public record Input(String tableName, Map<String, Object> key, Map<String, Object> expected,
      String conditionalOperator, String returnValues, String returnConsumedCapacity,
      String conditionExpression, Map<String, String> expressionAttributeNames,
      Map<String, Object> expressionAttributeValues, String returnValuesOnConditionCheckFailure) {}

  public record Output(Map<String, Object> attributes, Map<String, Object> consumedCapacity) {}

  public DeleteItem(Database db) {
    super(db, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    checkAllOldOrNone(in.returnValues());
    Map<String, AttributeValue> key = Attributes.fromWireMap(in.key());
    Expressions ex = Expressions.of(in.expressionAttributeNames(), in.expressionAttributeValues());
    Condition condition = ex.writeCondition(in.conditionExpression(), in.expected(), in.conditionalOperator());
    boolean returnOld = "ALL_OLD".equals(in.returnValuesOnConditionCheckFailure());
    return db.write(table, table.def().keyOf(key, true), current -> {
      PutItem.checkCondition(condition, current, returnOld);
      return null;
    }).thenApply(c -> new Output(
        Attributes.toWireMap(Expressions.returned(in.returnValues(), c.before(), c.after(), Set.of())),
        Expressions.capacity(in.returnConsumedCapacity(), table.def().name(), 1.0)));
  }
}
