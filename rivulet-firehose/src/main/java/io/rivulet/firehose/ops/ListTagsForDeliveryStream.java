package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * ListTagsForDeliveryStream: tags in the order they were added, at most Limit (default 50), after
 * ExclusiveStartTagKey (from the start when that key is not a tag), with HasMoreTags.
 */
public final class ListTagsForDeliveryStream
    extends FirehoseOperation<ListTagsForDeliveryStream.Input, ListTagsForDeliveryStream.Output> {

  public record Input(String deliveryStreamName, String exclusiveStartTagKey, Integer limit) {}

  public record Output(List<Tag> tags, Boolean hasMoreTags) {}

  public ListTagsForDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    DeliveryStreamMeta m = engine.describe(key(ctx, in.deliveryStreamName()));
    int limit = in.limit() == null ? FirehoseEngine.MAX_TAGS : in.limit();
    List<Map.Entry<String, String>> all = new ArrayList<>(m.tags().entrySet());
    int start = 0;
    if (in.exclusiveStartTagKey() != null) {
      for (int i = 0; i < all.size(); i++) {
        if (all.get(i).getKey().equals(in.exclusiveStartTagKey())) {
          start = i + 1;
        }
      }
    }
    List<Tag> tags = new ArrayList<>();
    for (int i = start; i < all.size() && tags.size() < limit; i++) {
      tags.add(new Tag(all.get(i).getKey(), all.get(i).getValue()));
    }
    return new Output(tags, start + tags.size() < all.size());
  }
}
