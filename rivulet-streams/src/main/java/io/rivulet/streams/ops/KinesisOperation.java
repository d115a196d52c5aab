package io.rivulet.streams.ops;

import io.rivulet.protocol.AbstractOperation;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;

/** Base of the Kinesis operations: the engine and data plane they work on. Thread-safe. */
abstract class KinesisOperation<I, O> extends AbstractOperation<I, O> {
  protected final StreamsEngine engine;
  protected final DataPlane data;

  KinesisOperation(StreamsEngine engine, DataPlane data, Class<I> inputType) {
    super(inputType);
    this.engine = engine;
    this.data = data;
  }

  /** An empty output (operations whose response body is {@code {}}). */
  public record Empty() {}
}
