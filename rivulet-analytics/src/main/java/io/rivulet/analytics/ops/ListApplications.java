package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ListApplications: summaries by name, Limit (default 50) at a time, NextToken the last name given. */
public final class ListApplications
    extends AnalyticsOperation<ListApplications.Input, ListApplications.Output> {

  public record Input(Integer limit, String nextToken) {}

  public record Output(List<Map<String, Object>> applicationSummaries, String nextToken) {}

  public ListApplications(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    int limit = in.limit() == null ? 50 : in.limit();
    List<Map<String, Object>> out = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (Application a : engine.list(ctx.accountId(), ctx.region())) {
      if (in.nextToken() != null && a.name().compareTo(in.nextToken()) <= 0) {
        continue;
      }
      if (out.size() == limit) {
        more = true;
        break;
      }
      out.add(summary(a));
      last = a.name();
    }
    return new Output(out, more ? last : null);
  }

  static Map<String, Object> summary(Application a) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("ApplicationName", a.name());
    s.put("ApplicationARN", a.arn());
    s.put("ApplicationStatus", a.status());
    s.put("ApplicationVersionId", a.versionId());
    s.put("RuntimeEnvironment", a.runtimeEnvironment());
    s.put("ApplicationMode", a.mode());
    return s;
  }
}
