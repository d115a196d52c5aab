package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** AddApplicationCloudWatchLoggingOption: a log stream the application logs to (recorded, not written). */
public final class AddApplicationCloudWatchLoggingOption extends AnalyticsOperation<
    AddApplicationCloudWatchLoggingOption.Input, AddApplicationCloudWatchLoggingOption.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> cloudWatchLoggingOption, String conditionalToken) {}

  public record Output(String applicationARN, Long applicationVersionId,
      List<Map<String, Object>> cloudWatchLoggingOptionDescriptions, String operationId) {}

  public AddApplicationCloudWatchLoggingOption(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Object arn = in.cloudWatchLoggingOption().get("LogStreamARN");
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), in.conditionalToken(), true), name(), b -> {
          if (b.cloudWatchLoggingOptions.stream().anyMatch(o -> arn.equals(o.get("LogStreamARN")))) {
            throw AnalyticsError.INVALID_ARGUMENT.with("Log stream " + arn
                + " is already a CloudWatch logging option of the application.");
          }
          Map<String, Object> option = new LinkedHashMap<>();
          option.put("CloudWatchLoggingOptionId",
              Configurations.nextId("CloudWatchLoggingOptionId", b.idCounters));
          option.put("LogStreamARN", arn);
          b.cloudWatchLoggingOptions.add(option);
        });
    return new Output(c.application().arn(), c.application().versionId(),
        c.application().cloudWatchLoggingOptions(), operationId(c));
  }
}
