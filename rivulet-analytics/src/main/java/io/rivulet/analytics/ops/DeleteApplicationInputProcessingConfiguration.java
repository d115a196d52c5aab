package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** DeleteApplicationInputProcessingConfiguration (SQL-1_0): removes an input's preprocessor. */
public final class DeleteApplicationInputProcessingConfiguration extends AnalyticsOperation<
    DeleteApplicationInputProcessingConfiguration.Input,
    DeleteApplicationInputProcessingConfiguration.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId, String inputId) {}

  public record Output(String applicationARN, Long applicationVersionId) {}

  public DeleteApplicationInputProcessingConfiguration(AnalyticsEngine engine,
      Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireSql(application(ctx, in.applicationName()), name());
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), null, true), name(), b -> {
          Map<String, Object> input = element(b.configuration, "Inputs", "InputId", in.inputId(), false);
          if (input.remove("InputProcessingConfiguration") == null) {
            throw AnalyticsError.RESOURCE_NOT_FOUND.with("Input " + in.inputId()
                + " has no input processing configuration.");
          }
        });
    return new Output(c.application().arn(), c.application().versionId());
  }
}
