package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;

/** DeleteApplicationOutput (SQL-1_0): removes an output by id. */
public final class DeleteApplicationOutput extends AnalyticsOperation<
    DeleteApplicationOutput.Input, DeleteApplicationOutput.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId, String outputId) {}

  public record Output(String applicationARN, Long applicationVersionId) {}

  public DeleteApplicationOutput(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = deleteSqlElement(ctx, in.applicationName(), in.currentApplicationVersionId(),
        "Outputs", "OutputId", in.outputId());
    return new Output(c.application().arn(), c.application().versionId());
  }
}
