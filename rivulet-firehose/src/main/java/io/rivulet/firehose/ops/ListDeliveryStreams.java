package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.ArrayList;
import java.util.List;

/**
 * ListDeliveryStreams: names in alphabetical order, at most Limit (default 10), after
 * ExclusiveStartDeliveryStreamName, of one DeliveryStreamType when given (else all).
 */
public final class ListDeliveryStreams
    extends FirehoseOperation<ListDeliveryStreams.Input, ListDeliveryStreams.Output> {
  static final int DEFAULT_LIMIT = 10;

  public record Input(Integer limit, String deliveryStreamType,
      String exclusiveStartDeliveryStreamName) {}

  public record Output(List<String> deliveryStreamNames, Boolean hasMoreDeliveryStreams) {}

  public ListDeliveryStreams(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    int limit = in.limit() == null ? DEFAULT_LIMIT : in.limit();
    String after = in.exclusiveStartDeliveryStreamName();
    List<String> names = new ArrayList<>();
    boolean more = false;
    for (DeliveryStreamMeta m : engine.list(ctx.accountId(), ctx.region())) {
      if ((after != null && m.name().compareTo(after) <= 0)
          || (in.deliveryStreamType() != null && !m.type().equals(in.deliveryStreamType()))) {
        continue;
      }
      if (names.size() == limit) {
        more = true;
        break;
      }
      names.add(m.name());
    }
    return new Output(names, more);
  }
}
