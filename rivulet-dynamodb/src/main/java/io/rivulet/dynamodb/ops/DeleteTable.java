package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DeleteTable: gone at once (the description says DELETING, as AWS answers); refused while protected. */
public final class DeleteTable extends DynamoOperation<DeleteTable.Input, DeleteTable.Output> {

  public record Input(String tableName) {}

  public record Output(Map<String, Object> tableDescription) {}

  public DeleteTable(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    if (table.def().deletionProtection()) {
      throw DynamoDbError.invalid("Resource cannot be deleted as it is currently protected against deletion. "
          + "Disable deletion protection first.");
    }
    Map<String, Object> description = Descriptions.table(table, "DELETING");
    db.deleteTable(table);
    return new Output(description);
  }
}
