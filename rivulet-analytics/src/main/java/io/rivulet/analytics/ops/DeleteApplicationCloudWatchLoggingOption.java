package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** DeleteApplicationCloudWatchLoggingOption: removes a logging option by id. */
public final class DeleteApplicationCloudWatchLoggingOption extends AnalyticsOperation<
    DeleteApplicationCloudWatchLoggingOption.Input,
    DeleteApplicationCloudWatchLoggingOption.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      String cloudWatchLoggingOptionId, String conditionalToken) {}

  public record Output(String applicationARN, Long applicationVersionId,
      List<Map<String, Object>> cloudWatchLoggingOptionDescriptions, String operationId) {}

  public DeleteApplicationCloudWatchLoggingOption(AnalyticsEngine engine,
      Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), in.conditionalToken(), true), name(), b -> {
          boolean removed = b.cloudWatchLoggingOptions.removeIf(
              o -> in.cloudWatchLoggingOptionId().equals(o.get("CloudWatchLoggingOptionId")));
          if (!removed) {
            throw AnalyticsError.RESOURCE_NOT_FOUND.with("CloudWatch logging option "
                + in.cloudWatchLoggingOptionId() + " not found in the application.");
          }
        });
    return new Output(c.application().arn(), c.application().versionId(),
        c.application().cloudWatchLoggingOptions(), operationId(c));
  }
}
