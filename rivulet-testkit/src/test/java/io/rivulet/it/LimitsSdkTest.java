package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rivulet.server.http.HttpLimits;
import io.rivulet.server.http.HttpStats.Limit;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The resource limits as the official SDK meets them, on a server with narrow limits: the
 * SubscribeToShard event streams one client may hold ({@code LimitExceededException}, in CBOR and
 * JSON, a slot freed when a subscription ends), the request body limit (413 {@code
 * RequestEntityTooLargeException}), and the counters at {@code /metrics} moving with them.
 */
@Timeout(120)
class LimitsSdkTest {
  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withLimits(HttpLimits.defaults()
      .withMaxStreamsPerClient(2).withMaxRequestBodyBytes(64 * 1024)));

  static String metrics() throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(rivulet.endpoint() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** A subscription whose first event (the heartbeat or records) arrived, or that failed. */
  static CompletableFuture<Void> subscribe(KinesisAsyncClient async, String consumer, String shard,
      CountDownLatch started) {
    return async.subscribeToShard(b -> b.consumerARN(consumer).shardId(shard)
            .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        SubscribeToShardResponseHandler.builder()
            .onResponse(r -> started.countDown())
            .subscriber(SubscribeToShardResponseHandler.Visitor.builder().build())
            .build());
  }

  @Test
  void aClientMayHoldOnlySoManyEventStreams() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(kinesis, "limited", 3);
    String arn = kinesis.describeStreamSummary(b -> b.streamName("limited"))
        .streamDescriptionSummary().streamARN();
    String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(arn).consumerName("app"))
        .consumer().consumerARN();
    long refusedBefore = rivulet.server().httpStats().hits(Limit.STREAMS_PER_CLIENT);
    List<CompletableFuture<Void>> open = new ArrayList<>();
    for (WireMode mode : WireMode.values()) {
      KinesisAsyncClient async = rivulet.async(mode);
      CountDownLatch started = new CountDownLatch(2);
      open.add(subscribe(async, consumer, "shardId-000000000000", started));
      open.add(subscribe(async, consumer, "shardId-000000000001", started));
      assertThat(started.await(20, TimeUnit.SECONDS)).as("two subscriptions started").isTrue();
      assertThat(rivulet.server().httpStats().longLivedStreams()).isEqualTo(2);
      assertThat(metrics()).contains("rivulet_http_event_streams_open 2.0");

      Throwable third = catchThrowable(
          () -> subscribe(async, consumer, "shardId-000000000002", new CountDownLatch(1)).join());
      assertThat(third).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(LimitExceededException.class);
      assertThat(third.getCause()).hasMessageContaining("Too many concurrent SubscribeToShard event"
          + " streams from this client: at most 2");
      assertThat(((LimitExceededException) third.getCause()).statusCode()).isEqualTo(400);

      for (CompletableFuture<Void> f : open) { // the client ends its subscriptions: slots free up
        f.cancel(true);
      }
      open.clear();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (rivulet.server().httpStats().longLivedStreams() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(rivulet.server().httpStats().longLivedStreams()).as("%s: slots given back", mode)
          .isZero();
      async.close(); // each mode with its own connection
    }
    assertThat(rivulet.server().httpStats().hits(Limit.STREAMS_PER_CLIENT) - refusedBefore)
        .as("one refusal per mode (more if the SDK retried)").isGreaterThanOrEqualTo(2);
    assertThat(metrics()).containsPattern(
        "rivulet_http_limit_exceeded_total\\{limit=\"streams_per_client\"} [1-9]");
  }

  @Test
  void aBodyOverTheLimitIs413ForTheSdk() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.JSON);
    Sdk.createActive(kinesis, "bodies", 1);
    kinesis.putRecord(b -> b.streamName("bodies").partitionKey("k")
        .data(SdkBytes.fromByteArray(new byte[40 * 1024])));
    Throwable big = catchThrowable(() -> kinesis.putRecord(b -> b.streamName("bodies")
        .partitionKey("k").data(SdkBytes.fromByteArray(new byte[100 * 1024]))));
    assertThat(big).isInstanceOf(KinesisException.class);
    assertThat(((KinesisException) big).statusCode()).isEqualTo(413);
    assertThat(((KinesisException) big).awsErrorDetails().errorCode())
        .isEqualTo("RequestEntityTooLargeException");
    assertThat(metrics()).containsPattern(
        "rivulet_http_limit_exceeded_total\\{limit=\"body_size\"} [1-9]")
        .contains("rivulet_http_connections_open ", "rivulet_http_connections_accepted_total ");
  }
}
