package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.OperationRecord;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ListApplicationOperations (Flink): operations newest first, filtered by Operation and OperationStatus. */
public final class ListApplicationOperations extends AnalyticsOperation<
    ListApplicationOperations.Input, ListApplicationOperations.Output> {

  public record Input(String applicationName, Integer limit, String nextToken, String operation,
      String operationStatus) {}

  public record Output(List<Map<String, Object>> applicationOperationInfoList, String nextToken) {}

  public ListApplicationOperations(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    requireFlink(application(ctx, in.applicationName()), name());
    ApplicationHistory h = engine.history(ctx.accountId(), ctx.region(), in.applicationName());
    List<Map<String, Object>> infos = new ArrayList<>();
    for (int i = h.operations().size() - 1; i >= 0; i--) {
      OperationRecord o = h.operations().get(i);
      if ((in.operation() == null || in.operation().equals(o.operation()))
          && (in.operationStatus() == null || in.operationStatus().equals(o.status()))) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("Operation", o.operation());
        info.put("OperationId", o.id());
        info.put("StartTime", Instant.ofEpochMilli(o.startMillis()));
        info.put("EndTime", o.endMillis() == null ? null : Instant.ofEpochMilli(o.endMillis()));
        info.put("OperationStatus", o.status());
        infos.add(info);
      }
    }
    Page<Map<String, Object>> page = Page.of(infos, in.limit(), 50, in.nextToken());
    return new Output(page.items(), page.nextToken());
  }
}
