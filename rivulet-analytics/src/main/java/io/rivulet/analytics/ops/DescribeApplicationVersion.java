package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DescribeApplicationVersion (Flink): the ApplicationDetail of any version. */
public final class DescribeApplicationVersion extends AnalyticsOperation<
    DescribeApplicationVersion.Input, DescribeApplicationVersion.Output> {

  public record Input(String applicationName, Long applicationVersionId) {}

  public record Output(Map<String, Object> applicationVersionDetail) {}

  public DescribeApplicationVersion(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    Application v = h.current().versionId() == in.applicationVersionId() ? h.current()
        : h.versions().stream().filter(x -> x.versionId() == in.applicationVersionId())
            .findFirst().orElseThrow(() -> AnalyticsError.RESOURCE_NOT_FOUND.with(
                "Application version " + in.applicationVersionId() + " not found for application "
                    + in.applicationName() + "."));
    return new Output(detail(v));
  }
}
