package io.rivulet.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * The common base of the services' operations: the AWS name is the class's simple name, the input
 * type is given once, and synchronous operations implement {@link #call} while asynchronous ones
 * (waiting for a durable append, say) override {@link #handle}. Thread-safe if the subclass is.
 */
public abstract class AbstractOperation<I, O> implements Operation<I, O> {
  private final Class<I> inputType;

  protected AbstractOperation(Class<I> inputType) {
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

  /** The synchronous body; throws {@link AwsException} for AWS errors. */
  protected O call(I input, RequestContext context) {
    throw new IllegalStateException(name() + " is asynchronous");
  }
}
