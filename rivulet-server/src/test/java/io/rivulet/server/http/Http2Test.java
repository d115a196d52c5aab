package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpMethod;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class Http2Test {
  private RivuletHttpServer server;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    scheduler.shutdownNow();
  }

  private void start(AwsHandler handler, HttpServerOptions options) throws Exception {
    server = RivuletHttpServer.start("127.0.0.1", 0, handler, () -> "m 1\n", options);
  }

  /** Completes each request after {@code millis}, counting how many overlap. */
  private AwsHandler delayed(long millis, Echo.Concurrency concurrency) {
    return request -> {
      concurrency.enter();
      CompletableFuture<AwsResponse> future = new CompletableFuture<>();
      scheduler.schedule(
          () -> {
            concurrency.exit();
            future.complete(Echo.describe(request));
          },
          millis,
          TimeUnit.MILLISECONDS);
      return future;
    };
  }

  @Test
  void h2cUpgradeWithJdkClient() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.defaults());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    URI base = URI.create("http://127.0.0.1:" + server.port());
    HttpResponse<String> health =
        client.send(
            HttpRequest.newBuilder(base.resolve("/health")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(base.resolve("/p?q=" + i))
                  .header("X-Test", "up")
                  .POST(HttpRequest.BodyPublishers.ofString("hello" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body())
          .startsWith("method=POST path=/p query=q=" + i + " x-test=up body=hello" + i + " id=");
      assertThat(response.headers().firstValue("x-amzn-requestid")).isPresent();
      assertThat(response.headers().firstValue("date")).isPresent();
    }
    assertThat(server.openConnections()).isEqualTo(1);
  }

  @Test
  void h2cUpgradeOnAFirstRequestWithABody() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.defaults());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    URI base = URI.create("http://127.0.0.1:" + server.port());
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(base.resolve("/first"))
                  .POST(HttpRequest.BodyPublishers.ofString("payload" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("path=/first", "body=payload" + i);
    }
  }

  @Test
  void idleHttp2ConnectionIsClosed() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().idleTimeout(Duration.ofMillis(200)).build());
    try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(server.port())) {
      assertThat(
              client.send(HttpMethod.GET, "/health", new byte[0]).get(5, TimeUnit.SECONDS).status())
          .isEqualTo(200);
      assertThat(client.connection().closeFuture().await(5, TimeUnit.SECONDS)).isTrue();
      // the client can see the close before the server's close listener has run: wait for it
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (server.openConnections() != 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(server.openConnections()).isZero();
    }
  }

  @Test
  void priorKnowledgeServesConcurrentStreams() throws Exception {
    Echo.Concurrency concurrency = new Echo.Concurrency();
    start(delayed(300, concurrency), HttpServerOptions.defaults());
    try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(server.port())) {
      long started = System.nanoTime();
      List<CompletableFuture<H2PriorKnowledgeClient.Response>> responses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        responses.add(
            client.send(
                HttpMethod.POST, "/s" + i + "?n=" + i, ("b" + i).getBytes(StandardCharsets.UTF_8)));
      }
      for (int i = 0; i < 20; i++) {
        H2PriorKnowledgeClient.Response response = responses.get(i).get(10, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
            .startsWith("method=POST path=/s" + i + " query=n=" + i + " x-test=h2 body=b" + i);
        assertThat(response.headers()).containsKeys("date", "content-length", "x-amzn-requestid");
      }
      long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
      assertThat(concurrency.max()).isGreaterThan(1);
      assertThat(elapsedMillis).isLessThan(20 * 300 / 2);
      assertThat(server.openConnections()).isEqualTo(1);

      H2PriorKnowledgeClient.Response metrics =
          client.send(HttpMethod.GET, "/metrics", new byte[0]).get(5, TimeUnit.SECONDS);
      assertThat(metrics.body()).isEqualTo("m 1\n");
      assertThat(metrics.headers().get("content-type"))
          .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    }
  }

  @Test
  void priorKnowledgeBodyOverTheLimitIs413AndOtherStreamsStillWork() throws Exception {
    start(Echo.HANDLER, HttpServerOptions.builder().maxRequestBodyBytes(100_000).build());
    try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(server.port())) {
      H2PriorKnowledgeClient.Response tooLarge =
          client.send(HttpMethod.POST, "/big", new byte[300_000]).get(10, TimeUnit.SECONDS);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.body()).contains("RequestEntityTooLargeException");

      byte[] fits = "z".repeat(99_000).getBytes(StandardCharsets.UTF_8);
      H2PriorKnowledgeClient.Response ok =
          client.send(HttpMethod.POST, "/fits", fits).get(10, TimeUnit.SECONDS);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).contains("path=/fits");
      assertThat(client.connection().isActive()).isTrue();
    }
  }

  @Test
  void priorKnowledgeFailedHandlerIs500() throws Exception {
    start(
        request -> CompletableFuture.failedFuture(new RuntimeException("x")),
        HttpServerOptions.defaults());
    try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(server.port())) {
      H2PriorKnowledgeClient.Response response =
          client.send(HttpMethod.POST, "/", new byte[0]).get(5, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(500);
      assertThat(response.body()).isEqualTo("{\"__type\":\"InternalFailure\"}");
      assertThat(response.headers()).containsKey("x-amzn-requestid");
    }
  }
}
