package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** GetItem: every read is strongly consistent here (one node), whatever ConsistentRead says. */
public final class GetItem extends DynamoOperation<GetItem.Input, GetItem.Output> {

  public record Input(String tableName, Map<String, Object> key, List<String> attributesToGet,
      Boolean consistentRead, String returnConsumedCapacity, String projectionExpression,
      Map<String, String> expressionAttributeNames) {}

  public record Output(Map<String, Object> item, Map<String, Object> consumedCapacity) {}

  public GetItem(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    Map<String, AttributeValue> key = Attributes.fromWireMap(in.key());
    Map<String, AttributeValue> item = table.get(table.def().keyOf(key, true));
    Expressions ex = Expressions.of(in.expressionAttributeNames(), null);
    Map<String, AttributeValue> out = Expressions.project(item, ex.projection(in.projectionExpression(), in.attributesToGet()));
    return new Output(Attributes.toWireMap(out),
        Expressions.capacity(in.returnConsumedCapacity(), table.def().name(), Boolean.TRUE.equals(in.consistentRead()) ? 1.0 : 0.5));
  }
}
