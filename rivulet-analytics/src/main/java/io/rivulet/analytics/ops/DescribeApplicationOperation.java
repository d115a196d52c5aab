package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.OperationRecord;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** DescribeApplicationOperation (Flink): one operation with its version change and failure details. */
public final class DescribeApplicationOperation extends AnalyticsOperation<
    DescribeApplicationOperation.Input, DescribeApplicationOperation.Output> {

  public record Input(String applicationName, String operationId) {}

  public record Output(Map<String, Object> applicationOperationInfoDetails) {}

  public DescribeApplicationOperation(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    OperationRecord o = h.operations().stream().filter(x -> x.id().equals(in.operationId()))
        .findFirst().orElseThrow(() -> AnalyticsError.RESOURCE_NOT_FOUND.with("Operation "
            + in.operationId() + " not found for application " + in.applicationName() + "."));
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("Operation", o.operation());
    d.put("StartTime", Instant.ofEpochMilli(o.startMillis()));
    d.put("EndTime", Instant.ofEpochMilli(o.endMillis() == null ? o.startMillis() : o.endMillis()));
    d.put("OperationStatus", o.status());
    if (o.fromVersion() != null && o.toVersion() != null) {
      d.put("ApplicationVersionChangeDetails", Map.of("ApplicationVersionUpdatedFrom",
          o.fromVersion(), "ApplicationVersionUpdatedTo", o.toVersion()));
    }
    if (o.error() != null) {
      d.put("OperationFailureDetails", Map.of("ErrorInfo", Map.of("ErrorString", o.error())));
    }
    return new Output(d);
  }
}
