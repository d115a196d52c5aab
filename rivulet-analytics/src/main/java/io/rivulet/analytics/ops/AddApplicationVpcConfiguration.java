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

/** AddApplicationVpcConfiguration (Flink): subnets and security groups, recorded with an id and a VpcId. */
public final class AddApplicationVpcConfiguration extends AnalyticsOperation<
    AddApplicationVpcConfiguration.Input, AddApplicationVpcConfiguration.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> vpcConfiguration, String conditionalToken) {}

  public record Output(String applicationARN, Long applicationVersionId,
      Map<String, Object> vpcConfigurationDescription, String operationId) {}

  public AddApplicationVpcConfiguration(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    if (application(ctx, in.applicationName()).isSql()) {
      throw AnalyticsError.INVALID_ARGUMENT.with(
          "VPC configurations are not supported for SQL-1_0 applications.");
    }
    String[] id = new String[1];
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), in.conditionalToken(), true), name(), b -> {
          List<Object> vpcs = Configurations.list(b.configuration, "VpcConfigurations");
          if (!vpcs.isEmpty()) {
            throw AnalyticsError.INVALID_ARGUMENT.with(
                "An application can have at most one VPC configuration.");
          }
          Map<String, Object> vpc = Rules.vpc(in.vpcConfiguration());
          id[0] = Configurations.nextId("VpcConfigurationId", b.idCounters);
          vpc.put("VpcConfigurationId", id[0]);
          vpcs.add(vpc);
        });
    Object all = descriptions.configuration(c.application()).get("VpcConfigurationDescriptions");
    Map<String, Object> description = null;
    for (Object d : (List<?>) all) {
      if (d instanceof Map<?, ?> m && id[0].equals(m.get("VpcConfigurationId"))) {
        description = CreateApplication.asMap(m);
      }
    }
    return new Output(c.application().arn(), c.application().versionId(), description,
        operationId(c));
  }
}
