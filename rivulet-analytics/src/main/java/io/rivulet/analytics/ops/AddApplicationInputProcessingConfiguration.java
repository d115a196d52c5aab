package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
import io.rivulet.analytics.engine.Configurations;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/** AddApplicationInputProcessingConfiguration (SQL-1_0): a Lambda preprocessor on an input that has none. */
public final class AddApplicationInputProcessingConfiguration extends AnalyticsOperation<
    AddApplicationInputProcessingConfiguration.Input,
    AddApplicationInputProcessingConfiguration.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId, String inputId,
      Map<String, Object> inputProcessingConfiguration) {}

  public record Output(String applicationARN, Long applicationVersionId, String inputId,
      Map<String, Object> inputProcessingConfigurationDescription) {}

  public AddApplicationInputProcessingConfiguration(AnalyticsEngine engine,
      Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireSql(application(ctx, in.applicationName()), name());
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), null, true), name(), b -> {
          Map<String, Object> input = element(b.configuration, "Inputs", "InputId", in.inputId(), false);
          if (input.get("InputProcessingConfiguration") != null) {
            throw AnalyticsError.INVALID_ARGUMENT.with("Input " + in.inputId()
                + " already has an input processing configuration.");
          }
          input.put("InputProcessingConfiguration",
              Configurations.copyMap(in.inputProcessingConfiguration()));
        });
    Object description = sqlDescriptions(c.application(), "InputDescriptions").stream()
        .filter(d -> in.inputId().equals(d.get("InputId"))).findFirst()
        .map(d -> d.get("InputProcessingConfigurationDescription")).orElse(null);
    @SuppressWarnings("unchecked")
    Map<String, Object> d = (Map<String, Object>) description;
    return new Output(c.application().arn(), c.application().versionId(), in.inputId(), d);
  }
}
