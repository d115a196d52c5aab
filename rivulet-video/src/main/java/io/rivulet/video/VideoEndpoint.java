package io.rivulet.video;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.util.concurrent.CompletableFuture;

/**
 * One group of Kinesis Video paths (the control plane's {@code POST /createStream} and friends,
 * GetMedia, archived media, {@code /hls/v1/...}): the video router offers each request to its
 * endpoints in turn. Throw {@link VideoException} for AWS errors. Implementations are thread-safe.
 */
public interface VideoEndpoint {

  /** True if this endpoint serves the request's method and path. */
  boolean accepts(AwsRequest request);

  /** The response; long-lived bodies (GetMedia) use {@link AwsResponse#stream()}. */
  CompletableFuture<AwsResponse> handle(AwsRequest request);
}
