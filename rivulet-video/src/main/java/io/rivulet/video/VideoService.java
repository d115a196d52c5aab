package io.rivulet.video;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kinesis Video Streams on Rivulet's endpoint: routes each request to the first {@link
 * VideoEndpoint} that accepts it (control plane, PutMedia, GetMedia, archived media, {@code
 * /hls/v1/...}), on the executor given (never on the caller's thread), and renders {@link
 * VideoException} as AWS does: the status, {@code x-amzn-ErrorType: <Name>:}, a JSON body {@code
 * {"Message": ...}}; every response carries {@code x-amzn-RequestId}. Anything unexpected is
 * logged with the request id and answered 500 {@code InternalFailure}. Requests with an {@code
 * X-Amz-Target} header are never video's (they belong to the JSON-RPC services). Immutable and
 * thread-safe.
 */
public final class VideoService {
  private static final Logger log = LoggerFactory.getLogger(VideoService.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<VideoEndpoint> endpoints;
  private final Executor executor;

  /**
   * @param endpoints tried in order; the first that accepts a request serves it
   * @param executor runs the endpoints' {@code handle} calls
   */
  public VideoService(List<VideoEndpoint> endpoints, Executor executor) {
    this.endpoints = List.copyOf(endpoints);
    this.executor = executor;
  }

  /** The endpoints, in the order they are tried. */
  public List<VideoEndpoint> endpoints() {
    return endpoints;
  }

  /** Whether one of the video endpoints serves this request. */
  public boolean accepts(AwsRequest request) {
    return request.header("x-amz-target") == null && endpointFor(request) != null;
  }

  private VideoEndpoint endpointFor(AwsRequest request) {
    for (VideoEndpoint e : endpoints) {
      if (e.accepts(request)) {
        return e;
      }
    }
    return null;
  }

  /** Serves a request {@link #accepts} said yes to (404 ResourceNotFoundException otherwise). */
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    try {
      return CompletableFuture.supplyAsync(() -> dispatch(request), executor)
          .thenCompose(f -> f)
          .exceptionally(e -> failure(request, e))
          .thenApply(r -> withRequestId(request, r));
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(withRequestId(request,
          error(VideoError.CLIENT_LIMIT_EXCEEDED.with("The server is busy; retry later."))));
    }
  }

  private CompletableFuture<AwsResponse> dispatch(AwsRequest request) {
    VideoEndpoint endpoint = endpointFor(request);
    if (endpoint == null) {
      throw VideoError.RESOURCE_NOT_FOUND.with("No video API at " + request.method() + " "
          + request.path());
    }
    CompletableFuture<AwsResponse> response = endpoint.handle(request);
    if (response == null) {
      throw new IllegalStateException(endpoint.getClass().getName() + " returned no future");
    }
    return response;
  }

  private static AwsResponse failure(AwsRequest request, Throwable e) {
    Throwable cause = unwrap(e);
    if (cause instanceof VideoException v) {
      log.debug("request {} {}: {} {}", request.requestId(), request.path(), v.errorType(),
          v.getMessage());
      return error(v);
    }
    log.error("request {} ({} {}) failed", request.requestId(), request.method(), request.path(),
        cause);
    return error(VideoError.INTERNAL_FAILURE.with("Internal failure; see the server log for request "
        + request.requestId() + "."));
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The response AWS sends for this error (without the request id, which the router adds). */
  public static AwsResponse error(VideoException e) {
    ObjectNode body = JSON.createObjectNode();
    if (e.getMessage() != null) {
      body.put("Message", e.getMessage());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("x-amzn-ErrorType", e.errorType() + ":");
    return new AwsResponse(e.status(), headers, body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static AwsResponse withRequestId(AwsRequest request, AwsResponse response) {
    Map<String, String> headers = new LinkedHashMap<>(response.headers());
    headers.put("x-amzn-RequestId", request.requestId());
    return new AwsResponse(response.status(), headers, response.body(), response.stream());
  }
}
