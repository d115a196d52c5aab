package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;

/** DeleteApplication: CreateTimestamp must match; the job is cancelled, code and snapshots removed. */
public final class DeleteApplication
    extends AnalyticsOperation<DeleteApplication.Input, AnalyticsOperation.Empty> {

  public record Input(String applicationName, Instant createTimestamp) {}

  public DeleteApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.delete(ctx.accountId(), ctx.region(), in.applicationName(),
        in.createTimestamp().toEpochMilli());
    return new Empty();
  }
}
