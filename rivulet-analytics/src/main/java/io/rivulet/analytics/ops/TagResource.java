package io.rivulet.analytics.ops;

import io.rivulet.analytics.AnalyticsError;
import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.ApplicationHistory;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.analytics.engine.SnapshotRecord;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource: adds or replaces tags (at most 50; no {@code aws:} keys). */
public final class TagResource extends AnalyticsOperation<TagResource.Input, AnalyticsOperation.Empty> {

  public record Input(String resourceARN, List<Tag> tags) {}

  public TagResource(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.modify(in.resourceARN(), null, null, null,
        a -> a.withTags(Rules.tags(a.tags(), in.tags())));
    return new Empty();
  }
}
