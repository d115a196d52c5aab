package io.rivulet.video.hls;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * The playback endpoints behind the JDK's HTTP server on a loopback port, rendering
 * VideoException as the video router does, so real players (ffmpeg) can be pointed at them in
 * unit tests. Not the Rivulet server: the integration tests in rivulet-testkit use that.
 */
final class PlaybackServer implements AutoCloseable {
  final HttpServer http;
  final List<VideoEndpoint> endpoints;

  PlaybackServer(VideoStreamCatalog catalog, FragmentStore store, Clock clock) throws IOException {
    endpoints = ArchivedPlayback.endpoints(catalog, store, clock, AccessControl.off());
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::serve);
    http.start();
  }

  String base() {
    return "http://127.0.0.1:" + http.getAddress().getPort();
  }

  private void serve(HttpExchange ex) throws IOException {
    Map<String, String> headers = new HashMap<>();
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
    byte[] body = ex.getRequestBody().readAllBytes();
    AwsRequest r = new AwsRequest(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
        ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery(), headers,
        body, "req-1");
    AwsResponse resp;
    try {
      VideoEndpoint e = endpoints.stream().filter(x -> x.accepts(r)).findFirst().orElseThrow(
          () -> VideoException.notFound("no such path"));
      resp = e.handle(r).join();
    } catch (CompletionException | VideoException e) {
      Throwable c = e instanceof CompletionException ? e.getCause() : e;
      if (!(c instanceof VideoException v)) {
        throw e;
      }
      String json = "{\"Message\":\"" + v.getMessage().replace("\"", "'") + "\"}";
      resp = new AwsResponse(v.status(), Map.of("Content-Type", "application/json",
          "x-amzn-ErrorType", v.errorType() + ":"), json.getBytes(StandardCharsets.UTF_8));
    }
    resp.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
    ex.sendResponseHeaders(resp.status(), resp.body().length == 0 ? -1 : resp.body().length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(resp.body());
    }
  }

  @Override
  public void close() {
    http.stop(0);
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
