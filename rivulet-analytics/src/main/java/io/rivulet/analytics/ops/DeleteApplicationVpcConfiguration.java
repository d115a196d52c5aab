package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** DeleteApplicationVpcConfiguration (Flink): removes a VPC configuration by id. */
public final class DeleteApplicationVpcConfiguration extends AnalyticsOperation<
    DeleteApplicationVpcConfiguration.Input, DeleteApplicationVpcConfiguration.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      String vpcConfigurationId, String conditionalToken) {}

  public record Output(String applicationARN, Long applicationVersionId, String operationId) {}

  public DeleteApplicationVpcConfiguration(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), in.conditionalToken(), true), name(), b -> {
          List<Object> vpcs = Configurations.list(b.configuration, "VpcConfigurations");
          boolean removed = vpcs.removeIf(v -> v instanceof Map<?, ?> m
              && in.vpcConfigurationId().equals(m.get("VpcConfigurationId")));
          if (!removed) {
            throw AnalyticsError.RESOURCE_NOT_FOUND.with("VPC configuration "
                + in.vpcConfigurationId() + " not found in the application.");
          }
          if (vpcs.isEmpty()) {
            b.configuration.remove("VpcConfigurations");
          }
        });
    return new Output(c.application().arn(), c.application().versionId(), operationId(c));
  }
}
