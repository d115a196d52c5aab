package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.Encryption;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;

/**
 * StopDeliveryStreamEncryption: DISABLING, then DISABLED after the encryption delay; with Start,
 * at most 25 calls per delivery stream per 24 hours.
 */
public final class StopDeliveryStreamEncryption
    extends FirehoseOperation<StopDeliveryStreamEncryption.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName) {}

  public StopDeliveryStreamEncryption(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    engine.changeEncryption(key(ctx, in.deliveryStreamName()),
        new Encryption(Encryption.DISABLING, null, null));
    return new Empty();
  }
}
