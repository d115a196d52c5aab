package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;

/** DeleteApplicationReferenceDataSource (SQL-1_0): removes a reference data source by id. */
public final class DeleteApplicationReferenceDataSource extends AnalyticsOperation<
    DeleteApplicationReferenceDataSource.Input, DeleteApplicationReferenceDataSource.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId, String referenceId) {}

  public record Output(String applicationARN, Long applicationVersionId) {}

  public DeleteApplicationReferenceDataSource(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = deleteSqlElement(ctx, in.applicationName(), in.currentApplicationVersionId(),
        "ReferenceDataSources", "ReferenceId", in.referenceId());
    return new Output(c.application().arn(), c.application().versionId());
  }
}
