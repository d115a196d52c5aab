package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** RollbackApplication (Flink, RUNNING): a new version with the previous version's configuration. */
public final class RollbackApplication
    extends AnalyticsOperation<RollbackApplication.Input, RollbackApplication.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId) {}

  public record Output(Map<String, Object> applicationDetail, String operationId) {}

  public RollbackApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    AnalyticsEngine.Change c = engine.rollback(ctx.accountId(), ctx.region(), in.applicationName(),
        in.currentApplicationVersionId());
    return new Output(detail(c.application()), c.operation().id());
  }
}
