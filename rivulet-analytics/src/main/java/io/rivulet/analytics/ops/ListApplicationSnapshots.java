package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.SnapshotRecord;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ListApplicationSnapshots (Flink): snapshots newest first, Limit (default 50) at a time. */
public final class ListApplicationSnapshots extends AnalyticsOperation<
    ListApplicationSnapshots.Input, ListApplicationSnapshots.Output> {

  public record Input(String applicationName, Integer limit, String nextToken) {}

  public record Output(List<Map<String, Object>> snapshotSummaries, String nextToken) {}

  public ListApplicationSnapshots(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Application a = application(ctx, in.applicationName());
    requireFlink(a, name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    List<SnapshotRecord> sorted = new ArrayList<>(h.snapshots());
    sorted.sort((x, y) -> Long.compare(y.createMillis(), x.createMillis()));
    List<Map<String, Object>> all = new ArrayList<>();
    sorted.forEach(s -> all.add(DescribeApplicationSnapshot.details(s)));
    Page<Map<String, Object>> page = Page.of(all, in.limit(), 50, in.nextToken());
    return new Output(page.items(), page.nextToken());
  }
}
