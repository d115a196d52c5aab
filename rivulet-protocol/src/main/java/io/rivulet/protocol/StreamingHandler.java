package io.rivulet.protocol;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * Serves requests whose body is consumed as it arrives while the response is already streaming
 * back (full-duplex HTTP/1.1 or HTTP/2, as Kinesis Video's PutMedia needs: {@code Expect: 100-continue}, a
 * chunked body open for a whole session, acknowledgements written during the upload). The server
 * offers every HTTP/1.1 request head to {@link #accepts}; a request it takes never goes through the
 * whole-body path. Implementations are thread-safe.
 */
public interface StreamingHandler {

  /**
   * Whether this handler takes the request with this head (method, path, query, headers; the body
   * is empty). Called on a network thread: must be quick and never block.
   */
  boolean accepts(AwsRequest head);

  /**
   * Handles one streamed request. {@code body} publishes the body's bytes as they arrive, to one
   * subscriber, with back-pressure (the server reads from the connection only while the
   * subscriber has demand; {@code onNext} runs on a network thread and must not block), and
   * completes at the body's end or fails with an IOException if the connection is lost first.
   * {@code 100 Continue} is sent when the subscriber first requests bytes or the streamed response
   * starts, whichever is first. A response without a {@link AwsResponse#stream()} (an error) is
   * written at once and, if the body has not ended, the connection is closed after it; so it is
   * once the streamed response ends before the body does. Called on a handler thread.
   */
  CompletableFuture<AwsResponse> handle(AwsRequest head, Flow.Publisher<ByteBuffer> body);
}
