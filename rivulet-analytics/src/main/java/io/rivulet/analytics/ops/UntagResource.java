package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UntagResource: removes tags by key (absent keys are ignored). */
public final class UntagResource
    extends AnalyticsOperation<UntagResource.Input, AnalyticsOperation.Empty> {

  public record Input(String resourceARN, List<String> tagKeys) {}

  public UntagResource(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.modify(in.resourceARN(), null, null, null, a -> {
      Map<String, String> tags = new LinkedHashMap<>(a.tags());
      in.tagKeys().forEach(tags::remove);
      return a.withTags(tags);
    });
    return new Empty();
  }
}
