package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;

/** DeleteApplicationSnapshot (Flink): SnapshotCreationTimestamp must match; the savepoint is removed. */
public final class DeleteApplicationSnapshot
    extends AnalyticsOperation<DeleteApplicationSnapshot.Input, AnalyticsOperation.Empty> {

  public record Input(String applicationName, String snapshotName,
      Instant snapshotCreationTimestamp) {}

  public DeleteApplicationSnapshot(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.runner().deleteSnapshot(ctx.accountId(), ctx.region(), in.applicationName(),
        in.snapshotName(), in.snapshotCreationTimestamp().toEpochMilli());
    return new Empty();
  }
}
