package io.rivulet.video;

import java.util.concurrent.CompletableFuture;

/**
 * One rest-json video operation ({@code POST /<path>} with a JSON body), served by a {@link
 * RestJsonEndpoint}: its input arrives validated against the model and bound to {@code I} (a record
 * whose components are the members in lowerCamelCase); its output {@code O} is a record written as
 * the model's output shape (null components omitted), or an {@link io.rivulet.protocol.AwsResponse}
 * sent as it is (media bodies). Throw, or complete exceptionally with, {@link VideoException} for
 * AWS errors. Implementations are thread-safe.
 */
public interface VideoOperation<I, O> {

  /** The AWS operation name, e.g. {@code CreateStream}; by default the class's simple name. */
  default String name() {
    return getClass().getSimpleName();
  }

  Class<I> inputType();

  CompletableFuture<O> handle(I input, VideoCall call);

  /** The common base of synchronous operations: implement {@link #call}. Thread-safe if the subclass is. */
  abstract class Sync<I, O> implements VideoOperation<I, O> {
    private final Class<I> inputType;

    protected Sync(Class<I> inputType) {
      this.inputType = inputType;
    }

    @Override
    public Class<I> inputType() {
      return inputType;
    }

    @Override
    public CompletableFuture<O> handle(I input, VideoCall call) {
      return CompletableFuture.completedFuture(call(input, call));
    }

    /** The operation's body; throws {@link VideoException} for AWS errors. */
    protected abstract O call(I input, VideoCall call);
  }
}
