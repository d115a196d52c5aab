/**
 * Rivulet's HTTP layer, the only code that knows Netty.
 *
 * <h2>Shape</h2>
 *
 * {@link io.rivulet.server.http.RivuletHttpServer} accepts connections; {@code ServerInitializer}
 * builds each pipeline (refusing connections beyond {@link io.rivulet.server.http.HttpLimits});
 * {@code Http2Setup} switches a connection to HTTP/2 (prior knowledge or {@code Upgrade: h2c}) and
 * gives every stream a child channel; {@code RequestGate} holds the header limits and the
 * slow-client deadlines; {@code BodyAggregator} gathers a request body (413 in order when too
 * large); {@code ExchangeHandler} — the same class for an
 * HTTP/1.1 connection and for an HTTP/2 stream — answers {@code /health} and {@code /metrics},
 * calls the {@code AwsHandler} on the handler executor, and writes responses in request order.
 *
 * <p>Limits answer with markers that travel down the pipeline in the request's place ({@code
 * BodyAggregator.TooLarge}, {@code RequestGate.Rejected}), so every refusal is written in request
 * order by {@code ExchangeHandler}; each is counted in {@link io.rivulet.server.http.HttpStats}.
 *
 * <h2>Streaming seam</h2>
 *
 * Two later needs, and where they plug in:
 *
 * <ul>
 *   <li><b>Streamed responses</b> (SubscribeToShard's event stream over HTTP/2, built: {@code
 *       StreamedResponse}; GetMedia later): the
 *       request is small and aggregated as today; the response is a second implementation of {@code
 *       OutboundResponse} whose {@code writeTo} sends headers and then body pieces while the
 *       channel is writable (resuming on {@code channelWritabilityChanged}), with {@code
 *       isWrittenAtOnce() == false} so {@code ExchangeHandler.writeReady} waits for its completion
 *       before the next queued response. The protocol layer returns such a body as {@code
 *       AwsResponse.stream()}, a {@code java.util.concurrent.Flow.Publisher<ByteBuffer>} that the
 *       server subscribes to, requesting more only while writable.
 *   <li><b>Streamed requests</b> (PutMedia's chunked upload with acknowledgements written while it
 *       is still arriving): a route predicate checked on the {@code HttpRequest} head, in a handler
 *       placed before {@code ServerInitializer.AGGREGATOR} (and before the aggregator of an HTTP/2
 *       stream's child pipeline), that takes the request's {@code HttpContent} pieces itself and
 *       lets everything else pass to the aggregator. Video producers send {@code Expect:
 *       100-continue}, which that handler must answer. Such a route must lift the body deadline
 *       ({@code RequestGate.disarm()}) and, being long-lived, take a {@code ClientStreams} slot
 *       ({@code ClientStreams.isLongLived} names the long-lived requests).
 * </ul>
 *
 * Both stay on the connection's event loop; the only thread hand-off per request remains the one to
 * the handler executor.
 */
package io.rivulet.server.http;
