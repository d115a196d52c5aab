package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;

/**
 * DeleteDeliveryStream: DELETING (delivery stops) for the delete delay, then gone with its buffer.
 * AllowForceDelete is accepted; there is no KMS grant to fail on here, so it changes nothing.
 */
public final class DeleteDeliveryStream
    extends FirehoseOperation<DeleteDeliveryStream.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName, Boolean allowForceDelete) {}

  public DeleteDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.delete(key(ctx, in.deliveryStreamName()));
    return new Empty();
  }
}
