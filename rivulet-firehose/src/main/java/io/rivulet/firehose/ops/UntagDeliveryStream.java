package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** UntagDeliveryStream: removes tags by key; keys that are not there are ignored. */
public final class UntagDeliveryStream
    extends FirehoseOperation<UntagDeliveryStream.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName, List<String> tagKeys) {}

  public UntagDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.update(key(ctx, in.deliveryStreamName()), m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      in.tagKeys().forEach(next::remove);
      return m.withTags(next);
    });
    return new Empty();
  }
}
