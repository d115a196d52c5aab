package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DescribeApplication: the current version's ApplicationDetail (status as of now). */
public final class DescribeApplication
    extends AnalyticsOperation<DescribeApplication.Input, DescribeApplication.Output> {

  public record Input(String applicationName, Boolean includeAdditionalDetails) {}

  public record Output(Map<String, Object> applicationDetail) {}

  public DescribeApplication(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    return new Output(detail(application(ctx, in.applicationName())));
  }
}
