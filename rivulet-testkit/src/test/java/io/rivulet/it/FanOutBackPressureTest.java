package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEventStream;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * A slow SubscribeToShard consumer never makes the server buffer without bound: while the client
 * stops asking for events, HTTP/2 flow control stops the server's writes, the subscription stops
 * getting demand and so stops reading the log (the stream's outgoing-records counter, which counts
 * fan-out reads, stalls far below what was written); when the client asks again, every record
 * arrives.
 */
class FanOutBackPressureTest {
  static final int RECORDS = 5000;
  static final int SIZE = 10_000; // 50 MB in all, far more than the HTTP/2 windows

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  long outgoingRecords() throws Exception {
    String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(rivulet.endpoint() + "/metrics"))
        .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher m = Pattern.compile("^rivulet_kinesis_outgoing_records_stream_total\\{[^}]*stream=\"slow\"} ([0-9.eE+]+)$",
        Pattern.MULTILINE).matcher(text);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }

  @Test
  void aStalledSubscriberStopsTheServerReadingAndLosesNothing() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    KinesisAsyncClient async = rivulet.async(WireMode.CBOR);
    Sdk.createActive(kinesis, "slow", 1);
    String arn = kinesis.describeStreamSummary(b -> b.streamName("slow")).streamDescriptionSummary().streamARN();
    String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(arn).consumerName("slow")).consumer().consumerARN();

    AtomicReference<Subscription> subscription = new AtomicReference<>();
    AtomicLong received = new AtomicLong();
    SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
        .onEventStream(publisher -> publisher.subscribe(new Subscriber<SubscribeToShardEventStream>() {
          @Override
          public void onSubscribe(Subscription s) {
            subscription.set(s);
            s.request(1); // one event, then nothing until the test says so
          }

          @Override
          public void onNext(SubscribeToShardEventStream e) {
            if (e instanceof SubscribeToShardEvent event) {
              received.addAndGet(event.records().size());
            }
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        }))
        .build();
    var done = async.subscribeToShard(b -> b.consumerARN(consumer).shardId("shardId-000000000000")
        .startingPosition(p -> p.type(ShardIteratorType.TRIM_HORIZON)), handler);

    byte[] data = new byte[SIZE];
    for (int i = 0; i < RECORDS; i += 250) {
      List<PutRecordsRequestEntry> batch = new ArrayList<>();
      for (int j = 0; j < 250; j++) {
        batch.add(PutRecordsRequestEntry.builder().partitionKey("k" + j).data(SdkBytes.fromByteArray(data)).build());
      }
      assertThat(kinesis.putRecords(b -> b.streamName("slow").records(batch)).failedRecordCount()).isZero();
    }
    Thread.sleep(2000);
    long readWhileStalled = outgoingRecords();
    Thread.sleep(1000);
    assertThat(outgoingRecords()).as("no more reading while the client takes nothing").isEqualTo(readWhileStalled);
    assertThat(readWhileStalled).as("bounded by the flow-control windows, not by what was written")
        .isLessThan(RECORDS / 2);

    subscription.get().request(Long.MAX_VALUE);
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (received.get() < RECORDS && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(received.get()).as("every record arrives once the client reads again").isEqualTo(RECORDS);
    done.cancel(true);
  }
}
