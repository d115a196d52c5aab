package io.rivulet.streams.ops;

import io.rivulet.protocol.Operation;
import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.concurrent.CompletableFuture;

/**
 * Base of the Kinesis operations: the AWS name is the class's simple name; synchronous operations
 * implement {@link #call}, asynchronous ones override {@link #handle}. Thread-safe.
 */
abstract class KinesisOperation<I, O> implements Operation<I, O> {
  protected final StreamsEngine engine;
  protected final DataPlane data;
  private final Class<I> inputType;

  KinesisOperation(StreamsEngine engine, DataPlane data, Class<I> inputType) {
    this.engine = engine;
    this.data = data;
    this.inputType = inputType;
  }

  @Override
  public String name() {
    return getClass().getSimpleName();
  }

  @Override
  public Class<I> inputType() {
    return inputType;
  }

  @Override
  public CompletableFuture<O> handle(I input, RequestContext context) {
    return CompletableFuture.completedFuture(call(input, context));
  }

  /** The synchronous body; throws {@link io.rivulet.protocol.AwsException} for AWS errors. */
  protected O call(I input, RequestContext context) {
    throw new IllegalStateException(name() + " is asynchronous");
  }

  /** An empty output (operations whose response body is {@code {}}). */
  public record Empty() {}
}
