package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BatchGetItem: up to 100 keys across tables; nothing is ever left unprocessed. */
public final class BatchGetItem extends DynamoOperation<BatchGetItem.Input, BatchGetItem.Output> {
  static final int MAX_KEYS = 100;

  public record KeysAndAttributes(List<Map<String, Object>> keys, List<String> attributesToGet,
      Boolean consistentRead, String projectionExpression, Map<String, String> expressionAttributeNames) {}

  public record Input(Map<String, KeysAndAttributes> requestItems, String returnConsumedCapacity) {}

  public record Output(Map<String, List<Map<String, Object>>> responses, Map<String, Object> unprocessedKeys) {}

  public BatchGetItem(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    int total = 0;
    Map<String, List<Map<String, Object>>> responses = new LinkedHashMap<>();
    for (Map.Entry<String, KeysAndAttributes> e : in.requestItems().entrySet()) {
      Table table = table(ctx, e.getKey());
      KeysAndAttributes ka = e.getValue();
      total += ka.keys().size();
      if (total > MAX_KEYS) {
        throw DynamoDbError.invalid("Too many items requested for the BatchGetItem call");
      }
      Expressions ex = Expressions.of(ka.expressionAttributeNames(), null);
      List<Map<String, Object>> items = new ArrayList<>();
      for (Map<String, Object> rawKey : ka.keys()) {
        Map<String, AttributeValue> item = table.get(table.def().keyOf(Attributes.fromWireMap(rawKey), true));
        if (item != null) {
          items.add(Attributes.toWireMap(Expressions.project(item,
              ex.projection(ka.projectionExpression(), ka.attributesToGet()))));
        }
      }
      responses.put(e.getKey(), items);
    }
    return new Output(responses, Map.of());
  }
}
