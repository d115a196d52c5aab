package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/**
 * StartDeliveryStreamEncryption: ENABLING, then ENABLED after the encryption delay; DirectPut
 * delivery streams only; with Stop, at most 25 calls per delivery stream per 24 hours.
 */
public final class StartDeliveryStreamEncryption
    extends FirehoseOperation<StartDeliveryStreamEncryption.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName,
      Map<String, Object> deliveryStreamEncryptionConfigurationInput) {}

  public StartDeliveryStreamEncryption(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    DeliveryStreamKey key = key(ctx, in.deliveryStreamName());
    DeliveryStreamMeta m = engine.describe(key);
    if (!m.type().equals(DeliveryStreamMeta.DIRECT_PUT)) {
      throw FirehoseError.INVALID_ARGUMENT.with("Server-side encryption is only supported for"
          + " delivery streams of type DirectPut, not " + m.type() + ".");
    }
    engine.changeEncryption(key, Keys.enabling(in.deliveryStreamEncryptionConfigurationInput()));
    return new Empty();
  }
}
