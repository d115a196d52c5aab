package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DescribeTable: always ACTIVE, with the live item count and size. */
public final class DescribeTable extends DynamoOperation<DescribeTable.Input, DescribeTable.Output> {

  public record Input(String tableName) {}

  public record Output(Map<String, Object> table) {}

  public DescribeTable(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(Descriptions.table(table(ctx, in.tableName()), "ACTIVE"));
  }
}
