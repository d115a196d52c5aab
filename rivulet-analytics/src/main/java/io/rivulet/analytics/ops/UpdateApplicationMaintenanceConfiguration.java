package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/**
 * UpdateApplicationMaintenanceConfiguration (Flink): the maintenance window's start ("HH:mm",
 * UTC); it lasts eight hours. Rivulet does no maintenance in it.
 */
public final class UpdateApplicationMaintenanceConfiguration extends AnalyticsOperation<
    UpdateApplicationMaintenanceConfiguration.Input,
    UpdateApplicationMaintenanceConfiguration.Output> {

  public record Input(String applicationName,
      Map<String, Object> applicationMaintenanceConfigurationUpdate) {}

  public record Output(String applicationARN,
      Map<String, Object> applicationMaintenanceConfigurationDescription) {}

  public UpdateApplicationMaintenanceConfiguration(AnalyticsEngine engine,
      Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    String start = String.valueOf(in.applicationMaintenanceConfigurationUpdate()
        .get("ApplicationMaintenanceWindowStartTimeUpdate"));
    Application a = engine.modify(null, ctx.accountId(), ctx.region(), in.applicationName(),
        x -> {
          if (!x.status().equals("READY") && !x.status().equals("RUNNING")) {
            throw AnalyticsError.RESOURCE_IN_USE.with("Application " + x.name() + " is in "
                + x.status() + " status.");
          }
          return x.withMaintenanceWindowStart(start, engine.now());
        });
    return new Output(a.arn(), CreateApplication.asMap(
        detail(a).get("ApplicationMaintenanceConfigurationDescription")));
  }
}
