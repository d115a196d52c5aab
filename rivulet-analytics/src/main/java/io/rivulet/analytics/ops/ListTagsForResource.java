package io.rivulet.analytics.ops;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.analytics.engine.Application;
import io.rivulet.analytics.engine.Descriptions;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;

/** ListTagsForResource: the application's tags, by key. */
public final class ListTagsForResource
    extends AnalyticsOperation<ListTagsForResource.Input, ListTagsForResource.Output> {

  public record Input(String resourceARN) {}

  public record Output(List<Tag> tags) {}

  public ListTagsForResource(AnalyticsEngine engine, Descriptions descriptions) {
    super(engine, descriptions, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    Application a = engine.historyByArn(in.resourceARN()).current();
    List<Tag> tags = new ArrayList<>();
    new java.util.TreeMap<>(a.tags()).forEach((k, v) -> tags.add(new Tag(k, v)));
    return new Output(tags);
  }
}
