package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * The SDK's async client (Netty, HTTP/2 with prior knowledge on http://): many concurrent calls
 * multiplexed on one connection.
 */
@ParameterizedClass
@EnumSource(WireMode.class)
class AsyncClientTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisAsyncClient kinesis;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.async(mode);
  }

  @Test
  void concurrentPutsAreAllAcknowledgedAndReadable() {
    String stream = "async-" + mode.name().toLowerCase();
    kinesis.createStream(b -> b.streamName(stream).shardCount(2)).join();
    while (kinesis.describeStreamSummary(b -> b.streamName(stream)).join().streamDescriptionSummary()
        .streamStatus() != StreamStatus.ACTIVE) {
      Sdk.sleep(10);
    }
    List<CompletableFuture<PutRecordResponse>> puts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      puts.add(kinesis.putRecord(b -> b.streamName(stream).partitionKey("pk" + n).data(bytes("v" + n))));
    }
    List<PutRecordsRequestEntry> batch = new ArrayList<>();
    for (int i = 200; i < 400; i++) {
      batch.add(PutRecordsRequestEntry.builder().partitionKey("pk" + i).data(bytes("v" + i)).build());
    }
    assertThat(kinesis.putRecords(b -> b.streamName(stream).records(batch)).join().failedRecordCount()).isZero();
    Set<String> sequences = new HashSet<>();
    puts.forEach(f -> sequences.add(f.join().sequenceNumber()));
    assertThat(sequences).hasSize(200);

    Set<String> seen = new HashSet<>();
    for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
      String it = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
          .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).join().shardIterator();
      while (true) {
        String current = it;
        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(current)).join();
        r.records().stream().map(Record::data).forEach(d -> seen.add(d.asUtf8String()));
        if (r.records().isEmpty()) {
          break;
        }
        it = r.nextShardIterator();
      }
    }
    assertThat(seen).hasSize(400);
  }

  @Test
  void errorsArriveAsModeledExceptions() {
    assertError(error(() -> kinesis.describeStream(b -> b.streamName("absent-" + mode)).join()),
        "ResourceNotFoundException", 400, "Stream absent-" + mode + " under account 000000000000 not found.");
  }
}
