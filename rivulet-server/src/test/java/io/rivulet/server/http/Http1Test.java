package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class Http1Test {
  private RivuletHttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(AwsHandler handler, HttpServerOptions options) throws IOException {
    server = RivuletHttpServer.start("127.0.0.1", 0, handler, () -> "rivulet_up 1\n", options);
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(pathAndQuery))
            .header("X-Test", "v1")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void keepAliveServesSeveralRequestsOnOneConnection() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.defaults());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> response = post("/some/path?a=1&b=" + i, "body" + i);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(response.body())
          .startsWith("method=POST path=/some/path query=a=1&b=" + i + " x-test=v1 body=body" + i);
      String id = response.body().substring(response.body().indexOf("id=") + 3);
      assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
      assertThat(response.headers().firstValue("x-amzn-RequestId")).hasValue(id);
      assertThat(response.headers().firstValue("date")).isPresent();
      assertThat(response.headers().firstValue("content-length"))
          .hasValue(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
      ids.add(id);
    }
    assertThat(ids).doesNotHaveDuplicates();
    assertThat(server.openConnections()).isEqualTo(1);
  }

  @Test
  void healthAndMetrics() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.defaults());
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    assertThat(health.headers().firstValue("content-type")).hasValue("application/json");

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).isEqualTo("rivulet_up 1\n");
    assertThat(metrics.headers().firstValue("content-type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.headers().firstValue("date")).isPresent();
  }

  @Test
  void bodyOverTheLimitIs413AndTheServerKeepsServing() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(1024).build());
    HttpResponse<String> tooLarge = post("/", "x".repeat(4096));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("\"__type\":\"RequestEntityTooLargeException\"");
    assertThat(tooLarge.headers().firstValue("x-amzn-RequestId")).isPresent();

    assertThat(post("/", "x".repeat(1024)).statusCode()).isEqualTo(200);
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void expectContinueWithinTheLimitGets100ThenTheResponse() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(1024).build());
    for (int size : new int[] {1000, 10}) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri("/expect"))
                  .timeout(Duration.ofSeconds(10))
                  .expectContinue(true)
                  .POST(HttpRequest.BodyPublishers.ofString("e".repeat(size)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("path=/expect", "body=" + "e".repeat(size));
    }
  }

  /** Raw socket: the JDK 17 client hangs on any non-100 answer to {@code Expect}. */
  @Test
  void expectContinueOverTheLimitGets413AndClose() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(1024).build());
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      socket
          .getOutputStream()
          .write(
              "POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String all = readToEnd(socket.getInputStream());
      assertThat(all).startsWith("HTTP/1.1 413 ").contains("connection: close");
      assertThat(all).endsWith("\"message\":\"Request body too large\"}");
    }
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void idleConnectionsAreClosed() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().idleTimeout(Duration.ofMillis(200)).build());
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(server.openConnections()).isEqualTo(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.openConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.openConnections()).isZero();
    assertThat(get("/health").statusCode()).isEqualTo(200); // the client reconnects
  }

  @Test
  void handlerCompletingLaterIsAnswered() throws Exception {
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      AwsHandler later =
          request -> {
            CompletableFuture<AwsResponse> future = new CompletableFuture<>();
            scheduler.schedule(
                () -> future.complete(Echo.describe(request)), 100, TimeUnit.MILLISECONDS);
            return future;
          };
      start(later, HttpServerOptions.defaults());
      HttpResponse<String> response = post("/later", "x");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).startsWith("method=POST path=/later");
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void failedFutureOrThrowingHandlerIs500WithRequestId() throws Exception {
    AwsHandler failing =
        request -> {
          if (request.path().equals("/throw")) {
            throw new IllegalStateException("boom");
          }
          return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        };
    start(failing, HttpServerOptions.defaults());
    for (String path : List.of("/fail", "/throw")) {
      HttpResponse<String> response = post(path, "{}");
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("{\"__type\":\"InternalFailure\"}");
      assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    }
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void pipelinedResponsesComeBackInRequestOrder() throws Exception {
    var scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      AwsHandler slowFirst =
          request -> {
            CompletableFuture<AwsResponse> future = new CompletableFuture<>();
            long delay = request.path().equals("/slow") ? 300 : 0;
            scheduler.schedule(
                () -> future.complete(Echo.describe(request)), delay, TimeUnit.MILLISECONDS);
            return future;
          };
      start(slowFirst, HttpServerOptions.defaults());
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(5000);
        String requests =
            "POST /slow HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Content-Length: 1\r\n\r\n"
                + "aPOST /fast1 HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Content-Length: 1\r\n\r\n"
                + "bGET /health HTTP/1.1\r\n"
                + "Host: x\r\n\r\n"
                + "POST /fast2 HTTP/1.1\r\n"
                + "Host: x\r\n"
                + "Connection: close\r\n"
                + "Content-Length: 1\r\n\r\n"
                + "c";
        socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        String all = readToEnd(socket.getInputStream());
        int slow = all.indexOf("path=/slow");
        int fast1 = all.indexOf("path=/fast1");
        int health = all.indexOf("{\"status\":\"ok\"}");
        int fast2 = all.indexOf("path=/fast2");
        assertThat(slow).isGreaterThanOrEqualTo(0);
        assertThat(fast1).isGreaterThan(slow);
        assertThat(health).isGreaterThan(fast1);
        assertThat(fast2).isGreaterThan(health);
        assertThat(all).contains("connection: close");
      }
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void malformedRequestIs400AndTheConnectionCloses() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.defaults());
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String all = readToEnd(socket.getInputStream()); // returns only because the server closes
      assertThat(all).startsWith("HTTP/1.1 400 ");
    }
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void concurrentLoadFromSeveralConnections() throws Exception {
    Echo.Concurrency concurrency = new Echo.Concurrency();
    AwsHandler counting =
        request -> {
          concurrency.enter();
          try {
            return CompletableFuture.completedFuture(Echo.describe(request));
          } finally {
            concurrency.exit();
          }
        };
    start(counting, HttpServerOptions.defaults());
    int threads = 4;
    int perThread = 250;
    byte[] body = "y".repeat(70_000).getBytes(StandardCharsets.UTF_8);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  HttpClient own =
                      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                  int ok = 0;
                  for (int i = 0; i < perThread; i++) {
                    HttpResponse<String> response =
                        own.send(
                            HttpRequest.newBuilder(uri("/load"))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("path=/load")) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      int ok = 0;
      for (Future<Integer> result : results) {
        ok += result.get(60, TimeUnit.SECONDS);
      }
      assertThat(ok).isEqualTo(threads * perThread);
      assertThat(server.openConnections()).isEqualTo(threads);
      assertThat(server.inFlightRequests()).isZero();
    } finally {
      pool.shutdownNow();
    }
  }

  static String readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    return all.toString(StandardCharsets.UTF_8);
  }
}
