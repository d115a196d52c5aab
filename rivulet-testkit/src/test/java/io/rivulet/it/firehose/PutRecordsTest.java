package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.createS3;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.testkit.RivuletExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceConfiguration;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * PutRecord and PutRecordBatch: record ids, the buffer they land in, and AWS's limits (1,000 KiB
 * per record, 500 records and 4 MiB per batch) and errors.
 */
class PutRecordsTest {
  static final int MAX_RECORD = 1_024_000;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static Record record(String s) {
    return Record.builder().data(SdkBytes.fromUtf8String(s)).build();
  }

  static Record record(int size) {
    return Record.builder().data(SdkBytes.fromByteArray(new byte[size])).build();
  }

  FirehoseEngine engine() {
    return rivulet.server().firehose().engine();
  }

  static DeliveryStreamKey key(String name) {
    return new DeliveryStreamKey("000000000000", "us-east-1", name);
  }

  long buffered(String name) {
    return engine().views().stream().filter(v -> v.meta().name().equals(name)).findFirst()
        .orElseThrow().undeliveredBytes();
  }

  @Test
  void putRecordAndPutRecordBatchAnswerWithRecordIds() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "puts", "b");
    String first = firehose.putRecord(b -> b.deliveryStreamName("puts").record(record("hello"))).recordId();
    PutRecordBatchResponse batch = firehose.putRecordBatch(b -> b.deliveryStreamName("puts")
        .records(record("a"), record("bb"), record("")));
    assertThat(batch.failedPutCount()).isZero();
    assertThat(batch.encrypted()).isFalse();
    assertThat(batch.requestResponses()).hasSize(3)
        .allSatisfy(e -> {
          assertThat(e.recordId()).isNotBlank();
          assertThat(e.errorCode()).isNull();
        });
    List<String> ids = new ArrayList<>(List.of(first));
    batch.requestResponses().forEach(e -> ids.add(e.recordId()));
    assertThat(new HashSet<>(ids)).hasSize(4);
    assertThat(ids).isSorted();
    assertThat(buffered("puts")).isEqualTo(5 + 1 + 2);
  }

  @Test
  void recordSizeLimit() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "record-size", "b");
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("record-size").record(record(MAX_RECORD)))
        .recordId()).isNotBlank();
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("record-size")
        .record(record(MAX_RECORD + 1)))), "ValidationException", 400,
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]'"
            + " at 'record.data' failed to satisfy constraint: Member must have length less than or"
            + " equal to 1024000");
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("record-size")
        .records(record("ok"), record(MAX_RECORD + 1)))), "ValidationException", 400,
        "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=1024001 cap=1024001]'"
            + " at 'records.2.member.data' failed to satisfy constraint: Member must have length less"
            + " than or equal to 1024000");
  }

  @Test
  void batchLimits() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "batch-limits", "b");
    List<Record> five00 = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      five00.add(record("r" + i));
    }
    assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits").records(five00))
        .requestResponses()).hasSize(500);
    List<Record> five01 = new ArrayList<>(five00);
    five01.add(record("one too many"));
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits")
        .records(five01))), "ValidationException", 400, null);
    assertThat(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits")
        .records(five01))).awsErrorDetails().errorMessage())
        .contains("at 'records' failed to satisfy constraint: Member must have length less than or equal to 500");
    List<Record> four = List.of(record(MAX_RECORD), record(MAX_RECORD), record(MAX_RECORD), record(MAX_RECORD));
    assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits").records(four))
        .failedPutCount()).isZero(); // 4,096,000 bytes: under 4 MiB
    List<Record> over = new ArrayList<>(four);
    over.add(record(98_305)); // 4,194,305 bytes
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits")
        .records(over))), "InvalidArgumentException", 400, "Records size exceeds 4 MB limit");
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("batch-limits")
        .records(List.of()))), "ValidationException", 400, null);
  }

  @Test
  void errors() {
    FirehoseClient firehose = rivulet.firehose();
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("absent").record(record("x")))),
        "ResourceNotFoundException", 400, "Firehose absent under account 000000000000 not found.");
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("absent").records(record("x")))),
        "ResourceNotFoundException", 400, null);
    firehose.createDeliveryStream(b -> b.deliveryStreamName("kinesis-fed")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(KinesisStreamSourceConfiguration.builder()
            .kinesisStreamARN(FirehoseSdk.dataStream(rivulet, "s")).roleARN(ROLE).build())
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("kinesis-fed").record(record("x")))),
        "InvalidArgumentException", 400,
        "This operation is not permitted on KinesisStreamAsSource delivery stream type.");
    assertError(error(() -> firehose.putRecordBatch(b -> b.deliveryStreamName("kinesis-fed")
        .records(record("x")))), "InvalidArgumentException", 400, null);
    assertError(error(() -> firehose.putRecord(b -> b.deliveryStreamName("kinesis-fed"))),
        "ValidationException", 400, null);
  }

  @Test
  void asyncClientPuts() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "async-puts", "b");
    var async = rivulet.firehoseAsync();
    assertThat(async.putRecord(b -> b.deliveryStreamName("async-puts").record(record("one"))).get()
        .recordId()).isNotBlank();
    List<PutRecordBatchResponseEntry> entries = async.putRecordBatch(b -> b.deliveryStreamName("async-puts")
        .records(record("two"), record("three"))).get().requestResponses();
    assertThat(entries).extracting(PutRecordBatchResponseEntry::recordId).doesNotContainNull();
    assertThat(buffered("async-puts")).isEqualTo(3 + 3 + 5);
    assertThat(engine().checkpoint(key("async-puts")).nextOffset()).isZero();
  }
}
