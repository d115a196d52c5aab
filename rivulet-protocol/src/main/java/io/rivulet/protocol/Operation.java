package io.rivulet.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * One AWS operation. Its input arrives already validated against the operation's input shape and
 * bound to {@code I} (a record whose components are the shape's members in lowerCamelCase);
 * its output {@code O} is a record serialised the same way (null components omitted). Throw (or
 * complete exceptionally with) {@link AwsException} for AWS errors.
 */
public interface Operation<I, O> {
  /** The AWS operation name, e.g. {@code PutRecords}. */
  String name();

  Class<I> inputType();

  CompletableFuture<O> handle(I input, RequestContext context);
}
