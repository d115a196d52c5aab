package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.AnalyticsEngine.VersionCheck;
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
    requireSql(application(ctx, in.applicationName()), name());
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), null, true), name(),
        b -> element(b.configuration, "ReferenceDataSources", "ReferenceId", in.referenceId(), true));
    return new Output(c.application().arn(), c.application().versionId());
  }
}
