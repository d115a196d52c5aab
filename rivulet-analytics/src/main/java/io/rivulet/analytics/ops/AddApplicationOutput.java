package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** AddApplicationOutput (SQL-1_0): an in-application stream written to a stream, Firehose or Lambda; at most three. */
public final class AddApplicationOutput
    extends AnalyticsOperation<AddApplicationOutput.Input, AddApplicationOutput.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> output) {}

  public record Output(String applicationARN, Long applicationVersionId,
      List<Map<String, Object>> outputDescriptions) {}

  public AddApplicationOutput(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = addSqlElement(ctx, in.applicationName(), in.currentApplicationVersionId(),
        "Outputs", "OutputId", Rules.MAX_SQL_OUTPUTS, "outputs", in.output());
    return new Output(c.application().arn(), c.application().versionId(),
        sqlDescriptions(c.application(), "OutputDescriptions"));
  }
}
