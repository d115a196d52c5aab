package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.List;

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
