package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ListApplicationVersions (Flink): every version's id and status, newest first, paged by NextToken. */
public final class ListApplicationVersions
    extends AnalyticsOperation<ListApplicationVersions.Input, ListApplicationVersions.Output> {

  public record Input(String applicationName, Integer limit, String nextToken) {}

  public record Output(List<Map<String, Object>> applicationVersionSummaries, String nextToken) {}

  public ListApplicationVersions(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    List<Application> all = new ArrayList<>(h.versions());
    all.add(h.current());
    all.sort((x, y) -> Long.compare(y.versionId(), x.versionId()));
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (Application v : all) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("ApplicationVersionId", v.versionId());
      s.put("ApplicationStatus", v.status());
      summaries.add(s);
    }
    Page<Map<String, Object>> page = Page.of(summaries, in.limit(), 50, in.nextToken());
    return new Output(page.items(), page.nextToken());
  }
}
