package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.AnalyticsEngine.Change;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;
import java.util.Map;

/** AddApplicationReferenceDataSource (SQL-1_0): an S3 object as an in-application table; at most one. */
public final class AddApplicationReferenceDataSource extends AnalyticsOperation<
    AddApplicationReferenceDataSource.Input, AddApplicationReferenceDataSource.Output> {

  public record Input(String applicationName, Long currentApplicationVersionId,
      Map<String, Object> referenceDataSource) {}

  public record Output(String applicationARN, Long applicationVersionId,
      List<Map<String, Object>> referenceDataSourceDescriptions) {}

  public AddApplicationReferenceDataSource(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Change c = addSqlElement(ctx, in.applicationName(), in.currentApplicationVersionId(),
        "ReferenceDataSources", "ReferenceId", Rules.MAX_SQL_REFERENCES, "reference data source",
        in.referenceDataSource());
    return new Output(c.application().arn(), c.application().versionId(),
        sqlDescriptions(c.application(), "ReferenceDataSourceDescriptions"));
  }
}
