package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagDeliveryStream: adds or replaces tags; at most 50 per delivery stream (LimitExceededException). */
public final class TagDeliveryStream
    extends FirehoseOperation<TagDeliveryStream.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName, List<Tag> tags) {}

  public TagDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.update(key(ctx, in.deliveryStreamName()), m -> {
      Map<String, String> next = new LinkedHashMap<>(m.tags());
      in.tags().forEach(t -> next.put(t.key(), t.value() == null ? "" : t.value()));
      if (next.size() > FirehoseEngine.MAX_TAGS) {
        throw FirehoseError.LIMIT_EXCEEDED.with("Firehose " + m.name() + " under account "
            + m.account() + " would have " + next.size() + " tags; the limit is "
            + FirehoseEngine.MAX_TAGS + ".");
      }
      return m.withTags(next);
    });
    return new Empty();
  }
}
