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
    requireSql(application(ctx, in.applicationName()), name());
    Change c = engine.update(ctx.accountId(), ctx.region(), in.applicationName(),
        new VersionCheck(in.currentApplicationVersionId(), null, true), name(), b -> {
          List<Object> refs = Configurations.list(b.configuration, "SqlApplicationConfiguration",
              "ReferenceDataSources");
          if (refs.size() >= Rules.MAX_SQL_REFERENCES) {
            throw AnalyticsError.INVALID_ARGUMENT.with("An application can have at most "
                + Rules.MAX_SQL_REFERENCES + " reference data source.");
          }
          Map<String, Object> ref = Configurations.copyMap(in.referenceDataSource());
          ref.put("ReferenceId", Configurations.nextId("ReferenceId", b.idCounters));
          refs.add(ref);
        });
    return new Output(c.application().arn(), c.application().versionId(),
        sqlDescriptions(c.application(), "ReferenceDataSourceDescriptions"));
  }
}
