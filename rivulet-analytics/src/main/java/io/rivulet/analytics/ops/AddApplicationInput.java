package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
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
    Change c = addSqlElement(ctx, in.applicationName(), in.currentApplicationVersionId(),
        "Inputs", "InputId", Rules.MAX_SQL_INPUTS, "input", in.input());
    return new Output(c.application().arn(), c.application().versionId(), sqlDescriptions(
        c.application(), "InputDescriptions"));
  }
}
