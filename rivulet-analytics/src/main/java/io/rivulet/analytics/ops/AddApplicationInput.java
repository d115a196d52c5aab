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

/** AddApplicationInput (SQL-1_0): one streaming source with its schema; at most one per application. */
public final class AddApplicationInput
    extends AnalyticsOperation<AddApplicationInput.Input, AddApplicationInput.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> input) {}

  public record Output(String applicationARN, Long applicationVersionId,
      List<Map<String, Object>> inputDescriptions) {}

  public AddApplicationInput(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireSql(application(ctx, in.applicationName()), "AddApplicationInput");
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), null, true), name(), b -> {
          List<Object> inputs = Configurations.list(b.configuration, "SqlApplicationConfiguration", "Inputs");
          if (inputs.size() >= Rules.MAX_SQL_INPUTS) {
            throw AnalyticsError.INVALID_ARGUMENT.with("An application can have at most "
                + Rules.MAX_SQL_INPUTS + " input; this one already has it.");
          }
          Map<String, Object> input = Configurations.copyMap(in.input());
          input.put("InputId", Configurations.nextId("InputId", b.idCounters));
          inputs.add(input);
        });
    return new Output(c.application().arn(), c.application().versionId(), sqlDescriptions(
        c.application(), "InputDescriptions"));
  }
}
