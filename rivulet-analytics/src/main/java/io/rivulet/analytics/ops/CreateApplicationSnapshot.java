package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;

/** CreateApplicationSnapshot (Flink, RUNNING, snapshots on): a savepoint, CREATING until written. */
public final class CreateApplicationSnapshot
    extends AnalyticsOperation<CreateApplicationSnapshot.Input, AnalyticsOperation.Empty> {

  public record Input(String applicationName, String snapshotName) {}

  public CreateApplicationSnapshot(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.runner().createSnapshot(ctx.accountId(), ctx.region(), in.applicationName(),
        in.snapshotName());
    return new Empty();
  }
}
