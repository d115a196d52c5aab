package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/**
 * StartApplication: READY to STARTING, then RUNNING once the runtime's job runs; the
 * RunConfiguration's ApplicationRestoreConfiguration picks the snapshot to restore (Flink).
 */
public final class StartApplication
    extends AnalyticsOperation<StartApplication.Input, StartApplication.Output> {

  public record Input(String applicationName, Map<String, Object> runConfiguration) {}

  public record Output(String operationId) {}

  public StartApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(engine.runner().start(ctx.accountId(), ctx.region(), in.applicationName(),
        in.runConfiguration()));
  }
}
