package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;

/** StopApplication: RUNNING to STOPPING (a snapshot first when snapshots are on), then READY; Force cancels. */
public final class StopApplication
    extends AnalyticsOperation<StopApplication.Input, StopApplication.Output> {

  public record Input(String applicationName, Boolean force) {}

  public record Output(String operationId) {}

  public StopApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(engine.runner().stop(ctx.accountId(), ctx.region(), in.applicationName(),
        Boolean.TRUE.equals(in.force())));
  }
}
