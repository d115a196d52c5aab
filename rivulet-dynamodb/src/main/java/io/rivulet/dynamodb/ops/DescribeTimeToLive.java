package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DescribeTimeToLive: TTL is never enabled here (no expiry is implemented). */
public final class DescribeTimeToLive extends DynamoOperation<DescribeTimeToLive.Input, DescribeTimeToLive.Output> {

  public record Input(String tableName) {}

  public record Output(Map<String, Object> timeToLiveDescription) {}

  public DescribeTimeToLive(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    table(ctx, in.tableName());
    return new Output(Map.of("TimeToLiveStatus", "DISABLED"));
  }
}
