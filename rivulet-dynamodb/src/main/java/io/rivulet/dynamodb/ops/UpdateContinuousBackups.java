package io.rivulet.dynamodb.ops;

import io.rivulet.dynamodb.engine.Database;
import io.rivulet.dynamodb.engine.Table;
import io.rivulet.protocol.RequestContext;

/** UpdateContinuousBackups: records the point-in-time-recovery setting (no backups are taken). */
public final class UpdateContinuousBackups
    extends DynamoOperation<UpdateContinuousBackups.Input, DescribeContinuousBackups.Output> {

  public record Specification(Boolean pointInTimeRecoveryEnabled) {}

  public record Input(String tableName, Specification pointInTimeRecoverySpecification) {}

  public UpdateContinuousBackups(Database db) {
    super(db, Input.class);
  }

  @Override
  protected DescribeContinuousBackups.Output call(Input in, RequestContext ctx) {
    Table table = table(ctx, in.tableName());
    boolean on = Boolean.TRUE.equals(in.pointInTimeRecoverySpecification().pointInTimeRecoveryEnabled());
    db.updateTable(table, def -> def.pointInTimeRecovery() == on ? def : def.withPointInTimeRecovery(on));
    return new DescribeContinuousBackups.Output(DescribeContinuousBackups.describe(table, db));
  }
}
