package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.SnapshotRecord;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** DescribeApplicationSnapshot (Flink): one snapshot's details. */
public final class DescribeApplicationSnapshot extends AnalyticsOperation<
    DescribeApplicationSnapshot.Input, DescribeApplicationSnapshot.Output> {

  public record Input(String applicationName, String snapshotName) {}

  public record Output(Map<String, Object> snapshotDetails) {}

  public DescribeApplicationSnapshot(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    SnapshotRecord s = h.snapshots().stream().filter(x -> x.name().equals(in.snapshotName()))
        .findFirst().orElseThrow(() -> AnalyticsError.RESOURCE_NOT_FOUND.with("Snapshot "
            + in.snapshotName() + " not found for application " + in.applicationName() + "."));
    return new Output(details(s));
  }

  static Map<String, Object> details(SnapshotRecord s) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("SnapshotName", s.name());
    d.put("SnapshotStatus", s.status());
    d.put("ApplicationVersionId", s.versionId());
    d.put("SnapshotCreationTimestamp", Instant.ofEpochMilli(s.createMillis()));
    d.put("RuntimeEnvironment", s.runtimeEnvironment());
    return d;
  }
}
