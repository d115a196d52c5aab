package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Database.Step;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** BatchWriteItem: up to 25 unconditional puts and deletes, journaled as one batch; none left unprocessed. */
public final class BatchWriteItem extends DynamoOperation<BatchWriteItem.Input, BatchWriteItem.Output> {
  static final int MAX_WRITES = 25;

  public record PutRequest(Map<String, Object> item) {}

  public record DeleteRequest(Map<String, Object> key) {}

  public record WriteRequest(PutRequest putRequest, DeleteRequest deleteRequest) {}

  public record Input(Map<String, List<WriteRequest>> requestItems, String returnConsumedCapacity) {}

  public record Output(Map<String, Object> unprocessedItems) {}

  public BatchWriteItem(Database db) {
    super(db, Input.class);
  }

  @Override
  public CompletableFuture<Output> handle(Input in, RequestContext ctx) {
    List<Step> steps = new ArrayList<>();
    for (Map.Entry<String, List<WriteRequest>> e : in.requestItems().entrySet()) {
      Table table = table(ctx, e.getKey());
      for (WriteRequest w : e.getValue()) {
        if (w.putRequest() != null) {
          Map<String, AttributeValue> item = PutItem.checkedItem(table, w.putRequest().item());
          steps.add(new Step(table, table.def().keyOf(item, false), current -> item));
        } else if (w.deleteRequest() != null) {
          Map<String, AttributeValue> key = Attributes.fromWireMap(w.deleteRequest().key());
          steps.add(new Step(table, table.def().keyOf(key, true), current -> null));
        }
      }
    }
    if (steps.size() > MAX_WRITES) {
      throw DynamoDbError.invalid("Too many items requested for the BatchWriteItem call");
    }
    java.util.Set<Object> seen = new java.util.HashSet<>();
    for (Step s : steps) {
      if (!seen.add(s.table().def().qualifiedName() + "|" + s.key())) {
        throw DynamoDbError.invalidParameter("Provided list of item keys contains duplicates");
      }
    }
    return db.transact(steps).thenApply(c -> new Output(Map.of()));
  }
}
