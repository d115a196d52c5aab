package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.server.http.HttpStats.Limit;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every resource limit of the HTTP endpoint, met by raw sockets and raw HTTP/2 frames (what no
 * polite client sends): the connection limit (503), body size (413), header size and count (431),
 * slow heads and bodies (408, the connection closed within the deadline), idleness, HTTP/2 streams
 * per connection (REFUSED_STREAM) and event streams per client (LimitExceededException). Each is
 * counted in {@link HttpStats}, and the server goes on serving.
 */
@Timeout(60)
class LimitsTest {
  private RivuletHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(HttpLimits limits) throws IOException {
    start(limits, Echo.HANDLER);
  }

  private void start(HttpLimits limits, AwsHandler handler) throws IOException {
    server = RivuletHttpServer.start("127.0.0.1", 0, handler, () -> "",
        HttpServerOptions.builder().limits(limits).build());
  }

  /** A raw HTTP/1.1 response. */
  record Response(int status, Map<String, String> headers, String body) {}

  private Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(10_000);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Reads one response (its head, then Content-Length bytes); null if the connection ended first. */
  static Response read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
    }
    byte[] body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Response(Integer.parseInt(lines[0].split(" ")[1]), headers,
        new String(body, StandardCharsets.UTF_8));
  }

  private static boolean closedByServer(Socket socket) throws IOException {
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketException e) {
      return true; // reset
    }
  }

  private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

  @Test
  void connectionsBeyondTheLimitAreRefusedWith503() throws Exception {
    start(HttpLimits.defaults().withMaxConnections(2));
    Socket first = connect();
    try (Socket second = connect()) {
      for (Socket s : new Socket[] {first, second}) {
        send(s, HEALTH);
        assertThat(read(s).status()).isEqualTo(200);
      }
      try (Socket third = connect()) {
        Response refused = read(third);
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.headers()).containsEntry("connection", "close");
        assertThat(refused.body()).contains("ServiceUnavailable", "Too many connections", "2 at a time");
        assertThat(closedByServer(third)).isTrue();
      }
      assertThat(server.stats().hits(Limit.CONNECTIONS)).isEqualTo(1);
      assertThat(server.stats().openConnections()).isEqualTo(2);
      first.close();
      TlsReloadTest.awaitTrue(() -> server.stats().openConnections() == 1);
      try (Socket again = connect()) {
        send(again, HEALTH);
        assertThat(read(again).status()).as("room again after one closed").isEqualTo(200);
      }
    } finally {
      first.close();
    }
    assertThat(server.stats().acceptedConnections()).isEqualTo(3);
  }

  @Test
  void oversizedBodiesAre413OnEveryPath() throws Exception {
    start(HttpLimits.defaults().withMaxRequestBodyBytes(1024));
    String body = "x".repeat(2048);
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n" + body);
      Response r = read(s);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).contains("RequestEntityTooLargeException");
      send(s, HEALTH);
      assertThat(read(s).status()).as("a declared length keeps the connection").isEqualTo(200);
    }
    try (Socket s = connect()) { // an h2c upgrade request is aggregated by the upgrade handler
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
          + "HTTP2-Settings: AAMAAABkAAQAAP__\r\nContent-Length: 2048\r\n\r\n" + body);
      Response r = read(s);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).contains("RequestEntityTooLargeException");
    }
    try (H2PriorKnowledgeClient h2 = new H2PriorKnowledgeClient(server.port())) {
      H2PriorKnowledgeClient.Response r =
          h2.send(HttpMethod.POST, "/", body.getBytes(StandardCharsets.UTF_8)).get(10, TimeUnit.SECONDS);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.body()).contains("RequestEntityTooLargeException");
    }
    assertThat(server.stats().hits(Limit.BODY_SIZE)).isEqualTo(3);
  }

  @Test
  void oversizedHeadersAre431() throws Exception {
    start(HttpLimits.defaults().withMaxHeaderBytes(2048));
    String big = "v".repeat(4096);
    try (Socket s = connect()) {
      send(s, "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n");
      Response r = read(s);
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.body()).contains("RequestHeaderFieldsTooLargeException", "2048");
      assertThat(closedByServer(s)).isTrue();
    }
    try (RawH2 h2 = new RawH2(server.port())) {
      // over the limit, but under Netty's 1.25 x limit beyond which the whole connection goes
      h2.headers(1, true, Map.of("x-big", "v".repeat(2300)));
      assertThat(h2.await(RawH2.HEADERS, 1).headers().status().toString()).isEqualTo("431");
      h2.headers(3, true, Map.of());
      assertThat(h2.await(RawH2.HEADERS, 3).headers().status().toString())
          .as("the connection goes on").isEqualTo("200");
    }
    TlsReloadTest.awaitTrue(() -> server.stats().hits(Limit.HEADER_SIZE) == 2);
  }

  @Test
  void tooManyHeaderFieldsAre431() throws Exception {
    start(HttpLimits.defaults().withMaxHeaderCount(10));
    StringBuilder many = new StringBuilder();
    Map<String, String> manyH2 = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      many.append("X-H").append(i).append(": v\r\n");
      manyH2.put("x-h" + i, "v");
    }
    try (Socket s = connect()) {
      send(s, "GET /health HTTP/1.1\r\nHost: x\r\n" + many + "\r\n");
      Response r = read(s);
      assertThat(r.status()).isEqualTo(431);
      assertThat(r.body()).contains("Too many request header fields: 21, at most 10");
      assertThat(closedByServer(s)).isTrue();
    }
    try (RawH2 h2 = new RawH2(server.port())) {
      h2.headers(1, true, manyH2);
      assertThat(h2.await(RawH2.HEADERS, 1).headers().status().toString()).isEqualTo("431");
      h2.headers(3, true, Map.of());
      assertThat(h2.await(RawH2.HEADERS, 3).headers().status().toString()).isEqualTo("200");
    }
    assertThat(server.stats().hits(Limit.HEADER_COUNT)).isEqualTo(2);
  }

  @Test
  void headersTrickledInAreCutAtTheDeadlineWith408() throws Exception {
    start(HttpLimits.defaults().withHeaderTimeout(Duration.ofMillis(400)));
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\n");
      Thread trickle = trickle(s, "Host: x\r\nX-Slow: " + "s".repeat(200) + "\r\n\r\n");
      long start = System.nanoTime();
      Response r = read(s);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.body()).contains("RequestTimeoutException", "headers");
      assertThat(closedByServer(s)).isTrue();
      assertThat(millis).isBetween(300L, 5_000L);
      trickle.interrupt();
    }
    assertThat(server.stats().hits(Limit.HEADER_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAtTheHeaderDeadline() throws Exception {
    start(HttpLimits.defaults().withHeaderTimeout(Duration.ofMillis(300)));
    try (Socket s = connect()) {
      assertThat(read(s).status()).isEqualTo(408);
      assertThat(closedByServer(s)).isTrue();
    }
    try (Socket s = connect()) {
      send(s, HEALTH);
      assertThat(read(s).status()).isEqualTo(200);
      Thread.sleep(600); // between requests the head deadline does not run: idleness is not slowness
      send(s, HEALTH);
      assertThat(read(s).status()).isEqualTo(200);
    }
  }

  @Test
  void aBodyTrickledInIsCutWith408AndASteadyOneIsNot() throws Exception {
    start(HttpLimits.defaults().withBodyTimeout(Duration.ofMillis(400)));
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
      Thread trickle = trickle(s, "b".repeat(2000));
      Response r = read(s);
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.body()).contains("RequestTimeoutException", "body");
      assertThat(closedByServer(s)).isTrue();
      trickle.interrupt();
    }
    assertThat(server.stats().hits(Limit.BODY_TIMEOUT)).isEqualTo(1);
    // 200 KiB over about a second: past 400 ms, but each 64 KiB earns another second
    int size = 200 * 1024;
    try (Socket s = connect()) {
      send(s, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n");
      for (int sent = 0; sent < size; sent += 64 * 1024) {
        send(s, "b".repeat(Math.min(64 * 1024, size - sent)));
        Thread.sleep(250);
      }
      assertThat(read(s).status()).isEqualTo(200);
    }
    assertThat(server.stats().hits(Limit.BODY_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void anHttp2BodyThatNeverComesIs408OnItsStreamOnly() throws Exception {
    start(HttpLimits.defaults().withBodyTimeout(Duration.ofMillis(300)));
    try (RawH2 h2 = new RawH2(server.port())) {
      h2.headers(1, false, Map.of("content-length", "100"));
      RawH2.Frame answer = h2.await(RawH2.HEADERS, 1);
      assertThat(answer.headers().status().toString()).isEqualTo("408");
      h2.headers(3, true, Map.of());
      assertThat(h2.await(RawH2.HEADERS, 3).headers().status().toString()).isEqualTo("200");
    }
    assertThat(server.stats().hits(Limit.BODY_TIMEOUT)).isEqualTo(1);
  }

  @Test
  void idleConnectionsAreClosedAndCounted() throws Exception {
    start(HttpLimits.defaults().withIdleTimeout(Duration.ofMillis(300)));
    try (Socket s = connect()) {
      send(s, HEALTH);
      assertThat(read(s).status()).isEqualTo(200);
      long start = System.nanoTime();
      assertThat(closedByServer(s)).isTrue();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }
    TlsReloadTest.awaitTrue(() -> server.stats().hits(Limit.IDLE_TIMEOUT) == 1);
  }

  @Test
  void http2StreamsBeyondTheConnectionsLimitAreRefused() throws Exception {
    start(HttpLimits.defaults().withMaxHttp2Streams(2));
    try (RawH2 h2 = new RawH2(server.port())) {
      assertThat(h2.maxConcurrentStreams).isEqualTo(2);
      h2.headers(1, false, Map.of());
      h2.headers(3, false, Map.of());
      h2.headers(5, false, Map.of());
      RawH2.Frame reset = h2.await(RawH2.RST_STREAM, 5);
      assertThat(reset.errorCode()).isEqualTo(RawH2.REFUSED_STREAM);
      h2.data(1, "one".getBytes(StandardCharsets.UTF_8), true);
      assertThat(h2.await(RawH2.HEADERS, 1).headers().status().toString()).isEqualTo("200");
    }
    assertThat(server.stats().hits(Limit.HTTP2_STREAMS)).isEqualTo(1);
  }

  @Test
  void eventStreamsPerClientAreLimitedWithLimitExceededException() throws Exception {
    AwsHandler streams = request -> CompletableFuture.completedFuture(
        ClientStreams.SUBSCRIBE_TO_SHARD.equals(request.header("x-amz-target"))
            ? new AwsResponse(200, Map.of("Content-Type", "application/vnd.amazon.eventstream"),
                null, LimitsTest::silentStream)
            : Echo.describe(request));
    start(HttpLimits.defaults().withMaxStreamsPerClient(2), streams);
    Map<String, String> subscribe = Map.of("x-amz-target", ClientStreams.SUBSCRIBE_TO_SHARD,
        "content-type", "application/x-amz-json-1.1");
    try (RawH2 h2 = new RawH2(server.port())) {
      h2.headers(1, true, subscribe);
      h2.headers(3, true, subscribe);
      assertThat(h2.await(RawH2.HEADERS, 1).headers().status().toString()).isEqualTo("200");
      assertThat(h2.await(RawH2.HEADERS, 3).headers().status().toString()).isEqualTo("200");
      assertThat(server.stats().longLivedStreams()).isEqualTo(2);

      h2.headers(5, true, subscribe);
      assertThat(h2.await(RawH2.HEADERS, 5).headers().status().toString()).isEqualTo("400");
      assertThat(new String(h2.await(RawH2.DATA, 5).payload(), StandardCharsets.UTF_8))
          .contains("\"__type\":\"LimitExceededException\"", "at most 2");
      h2.headers(7, true, Map.of());
      assertThat(h2.await(RawH2.HEADERS, 7).headers().status().toString())
          .as("other requests are not limited").isEqualTo("200");

      h2.reset(1);
      TlsReloadTest.awaitTrue(() -> server.stats().longLivedStreams() == 1);
      h2.headers(9, true, subscribe);
      assertThat(h2.await(RawH2.HEADERS, 9).headers().status().toString())
          .as("a slot is free again").isEqualTo("200");
    }
    assertThat(server.stats().hits(Limit.STREAMS_PER_CLIENT)).isEqualTo(1);
    TlsReloadTest.awaitTrue(() -> server.stats().longLivedStreams() == 0);
  }

  /** A stream that sends nothing until cancelled. */
  private static void silentStream(Flow.Subscriber<? super ByteBuffer> subscriber) {
    subscriber.onSubscribe(new Flow.Subscription() {
      @Override
      public void request(long n) {}

      @Override
      public void cancel() {}
    });
  }

  /** Writes {@code text} a byte every 50 ms on a daemon thread, until done or the socket fails. */
  private static Thread trickle(Socket socket, String text) {
    Thread t = new Thread(() -> {
      try {
        for (char c : text.toCharArray()) {
          Thread.sleep(50);
          send(socket, String.valueOf(c));
        }
      } catch (IOException | InterruptedException e) {
        // closed by the server, or the test is over
      }
    }, "trickle");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
