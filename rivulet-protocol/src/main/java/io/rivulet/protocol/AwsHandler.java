package io.rivulet.protocol;

import java.util.concurrent.CompletableFuture;

/**
 * What the HTTP server calls for every request it does not answer itself. Implementations never
 * throw: every failure becomes an AWS-shaped error response in the returned future.
 */
@FunctionalInterface
public interface AwsHandler {
  CompletableFuture<AwsResponse> handle(AwsRequest request);
}
