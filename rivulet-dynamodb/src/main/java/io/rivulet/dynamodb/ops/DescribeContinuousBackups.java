package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** DescribeContinuousBackups: backups ENABLED, point-in-time recovery as last set. */
public final class DescribeContinuousBackups
    extends DynamoOperation<DescribeContinuousBackups.Input, DescribeContinuousBackups.Output> {

  public record Input(String tableName) {}

  public record Output(Map<String, Object> continuousBackupsDescription) {}

  public DescribeContinuousBackups(Database db) {
    super(db, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(describe(table(ctx, in.tableName()), db));
  }

  static Map<String, Object> describe(Table table, Database db) {
    Map<String, Object> pitr = new LinkedHashMap<>();
    boolean on = table.def().pointInTimeRecovery();
    pitr.put("PointInTimeRecoveryStatus", on ? "ENABLED" : "DISABLED");
    if (on) {
      pitr.put("EarliestRestorableDateTime", Instant.ofEpochMilli(table.def().createdMillis()));
      pitr.put("LatestRestorableDateTime", db.clock().instant());
      pitr.put("RecoveryPeriodInDays", 35);
    }
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("ContinuousBackupsStatus", "ENABLED");
    d.put("PointInTimeRecoveryDescription", pitr);
    return d;
  }
}
