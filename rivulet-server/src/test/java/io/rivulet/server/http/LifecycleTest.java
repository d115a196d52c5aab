package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LifecycleTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final CountDownLatch handlerCalled = new CountDownLatch(1);
  private RivuletHttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    scheduler.shutdownNow();
  }

  /** Answers after {@code millis}. */
  private AwsHandler slow(long millis) {
    return request -> {
      handlerCalled.countDown();
      CompletableFuture<AwsResponse> future = new CompletableFuture<>();
      scheduler.schedule(
          () -> future.complete(Echo.describe(request)), millis, TimeUnit.MILLISECONDS);
      return future;
    };
  }

  @Test
  void closeWaitsForAnInFlightHttp1Request() throws Exception {
    server =
        RivuletHttpServer.start("127.0.0.1", 0, slow(800), () -> "", HttpServerOptions.defaults());
    int port = server.port();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    // an idle keep-alive connection too, which close() must not wait for
    client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpClient other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> inFlight =
        other.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                .POST(HttpRequest.BodyPublishers.ofString("s"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(handlerCalled.await(5, TimeUnit.SECONDS)).isTrue();

    long started = System.nanoTime();
    server.close();
    long closeMillis = (System.nanoTime() - started) / 1_000_000;

    HttpResponse<String> response = inFlight.get(1, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).startsWith("method=POST path=/slow");
    assertThat(closeMillis).isBetween(300L, 5_000L);
    assertThat(server.openConnections()).isZero();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void closeWaitsForAnInFlightHttp2Stream() throws Exception {
    server =
        RivuletHttpServer.start("127.0.0.1", 0, slow(800), () -> "", HttpServerOptions.defaults());
    try (H2PriorKnowledgeClient client = new H2PriorKnowledgeClient(server.port())) {
      CompletableFuture<H2PriorKnowledgeClient.Response> inFlight =
          client.send(HttpMethod.POST, "/slow", new byte[] {'s'});
      assertThat(handlerCalled.await(5, TimeUnit.SECONDS)).isTrue();
      server.close();
      H2PriorKnowledgeClient.Response response = inFlight.get(1, TimeUnit.SECONDS);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).startsWith("method=POST path=/slow");
      assertThat(server.openConnections()).isZero();
    }
  }

  @Test
  void closeGivesUpAfterTheGracePeriod() throws Exception {
    AwsHandler never =
        request -> {
          handlerCalled.countDown();
          return new CompletableFuture<>();
        };
    server =
        RivuletHttpServer.start(
            "127.0.0.1",
            0,
            never,
            () -> "",
            HttpServerOptions.builder().shutdownGrace(Duration.ofMillis(300)).build());
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    CompletableFuture<HttpResponse<String>> stuck =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/x"))
                .POST(HttpRequest.BodyPublishers.ofString("s"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(handlerCalled.await(5, TimeUnit.SECONDS)).isTrue();
    long started = System.nanoTime();
    server.close();
    assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5_000L);
    assertThat(stuck).failsWithin(Duration.ofSeconds(5));
    server.close(); // idempotent
  }

  @Test
  void startFailsCleanlyWhenThePortIsTaken() throws Exception {
    server = RivuletHttpServer.start("127.0.0.1", 0, Echo.HANDLER, () -> "");
    assertThatThrownBy(
            () -> RivuletHttpServer.start("127.0.0.1", server.port(), Echo.HANDLER, () -> ""))
        .isInstanceOf(IOException.class);
  }
}
