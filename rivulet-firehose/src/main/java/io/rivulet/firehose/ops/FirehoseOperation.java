package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.AbstractOperation;
import io.rivulet.protocol.RequestContext;

/** Base of the Firehose operations: the engine and destination rules they work with. Thread-safe. */
abstract class FirehoseOperation<I, O> extends AbstractOperation<I, O> {
  protected final FirehoseEngine engine;
  protected final DestinationConfigs configs;

  FirehoseOperation(FirehoseEngine engine, DestinationConfigs configs, Class<I> inputType) {
    super(inputType);
    this.engine = engine;
    this.configs = configs;
  }

  /** The delivery stream of that name in the caller's account and region. */
  static DeliveryStreamKey key(RequestContext ctx, String name) {
    return new DeliveryStreamKey(ctx.accountId(), ctx.region(), name);
  }

  /** An empty output (operations whose response body is {@code {}}). */
  public record Empty() {}

  /** A tag as the API writes it. */
  public record Tag(String key, String value) {}
}
