package io.rivulet.firehose.processing;

import static io.rivulet.firehose.processing.Fixtures.codes;
import static io.rivulet.firehose.processing.Fixtures.records;
import static io.rivulet.firehose.processing.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.KinesisRecordMetadata;
import io.rivulet.firehose.pipeline.RecordProcessor.Result;
import io.rivulet.firehose.processing.KplRecords.User;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** RecordDeAggregation (JSON, DELIMITED) and the KPL aggregated-record reader. */
class RecordDeAggregationTest {
  private static final RecordDeAggregation JSON = new RecordDeAggregation("JSON", null);

  private static RecordDeAggregation delimited(String delimiter) {
    return new RecordDeAggregation("DELIMITED",
        ProcessingConfig.decodeDelimiter(Base64.getEncoder().encodeToString(
            delimiter.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void consecutiveJsonObjectsBecomeRecordsWithDerivedIdsAndTheirExactBytes() {
    Result out = JSON.process(records("{\"a\":1}{\"a\": 2}\n{\"b\":{\"c\":[1,2]}}\n"));

    assertThat(texts(out.ok())).containsExactly("{\"a\":1}", "{\"a\": 2}", "{\"b\":{\"c\":[1,2]}}");
    assertThat(out.ok()).extracting(FirehoseRecord::recordId).containsExactly("r0.0", "r0.1",
        "r0.2");
    assertThat(out.ok()).allSatisfy(r -> assertThat(r.arrivalMillis()).isEqualTo(1_714_557_600_000L));
    assertThat(out.failed()).isEmpty();
  }

  @Test
  void aRecordHoldingOneObjectKeepsItsId() {
    Result out = JSON.process(records("  {\"a\":1}  "));

    assertThat(texts(out.ok())).containsExactly("{\"a\":1}");
    assertThat(out.ok().get(0).recordId()).isEqualTo("r0");
  }

  @Test
  void anArrayOrGarbageOrTooManyObjectsFailTheRecord() {
    Result out = JSON.process(records("[{\"a\":1},{\"a\":2}]", "{\"a\":1} x", "",
        "{\"a\":1}".repeat(501), "{\"ok\":true}"));

    assertThat(texts(out.ok())).containsExactly("{\"ok\":true}");
    assertThat(out.failed()).extracting(f -> f.record().recordId())
        .containsExactly("r0", "r1", "r2", "r3");
    assertThat(codes(out.failed())).containsOnly("RecordDeAggregation.Failed");
    assertThat(out.failed().get(0).errorMessage()).contains("an array");
    assertThat(out.failed().get(3).errorMessage()).contains("500");
  }

  @Test
  void exactlyFiveHundredSubRecordsAreAllowed() {
    Result out = JSON.process(records("{\"a\":1}\n".repeat(500)));

    assertThat(out.ok()).hasSize(500);
    assertThat(out.ok().get(499).recordId()).isEqualTo("r0.499");
  }

  @Test
  void delimitedRecordsSplitOnTheDecodedDelimiter() {
    Result out = delimited("####").process(records("a####b####", "c########d", "plain"));

    assertThat(texts(out.ok())).containsExactly("a", "b", "c", "", "d", "plain");
    assertThat(out.ok()).extracting(FirehoseRecord::recordId)
        .containsExactly("r0.0", "r0.1", "r1.0", "r1.1", "r1.2", "r2");
  }

  @Test
  void aKplAggregatedRecordIsReadAsTheKplWroteIt() {
    byte[] aggregated = KplRecords.aggregate(List.of(
        new User("pk-1", null, "first"),
        new User("pk-2", "170141183460469231731687303715884105728", "second"),
        new User("pk-1", null, "third")));

    List<KplAggregation.UserRecord> users = KplAggregation.deaggregate(aggregated);

    assertThat(users).extracting(KplAggregation.UserRecord::partitionKey)
        .containsExactly("pk-1", "pk-2", "pk-1");
    assertThat(users).extracting(KplAggregation.UserRecord::explicitHashKey)
        .containsExactly(null, "170141183460469231731687303715884105728", null);
    assertThat(users).extracting(u -> new String(u.data(), StandardCharsets.UTF_8))
        .containsExactly("first", "second", "third");
  }

  @Test
  void dataThatIsNotAnIntactAggregatedRecordIsNotDeAggregated() {
    byte[] aggregated = KplRecords.aggregate(List.of(new User("k", null, "x"),
        new User("k", null, "y")));
    byte[] badDigest = aggregated.clone();
    badDigest[badDigest.length - 1] ^= 1;
    byte[] truncated = Arrays.copyOf(aggregated, 10);

    assertThat(KplAggregation.deaggregate(badDigest)).isNull();
    assertThat(KplAggregation.deaggregate(truncated)).isNull();
    assertThat(KplAggregation.deaggregate("plain".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(KplAggregation.hasMagic(badDigest)).isTrue();

    Result out = delimited("|").process(List.of(new FirehoseRecord("r0", 1L, badDigest)));
    assertThat(out.ok()).hasSize(1);
    assertThat(out.ok().get(0).data()).isEqualTo(badDigest);
  }

  @Test
  void kplUserRecordsGetTheirOwnPartitionKeyAndIndexAsKinesisMetadata() {
    KinesisRecordMetadata m = new KinesisRecordMetadata("shardId-000000000001", "outer", "4955",
        0, 77L);
    byte[] aggregated = KplRecords.aggregate(List.of(new User("a", null, "{\"n\":1}{\"n\":2}"),
        new User("b", null, "{\"n\":3}")));

    Result out = JSON.process(List.of(
        new FirehoseRecord("seq", 5L, aggregated).withKinesisRecordMetadata(m),
        new FirehoseRecord("plain", 5L, "{\"x\":1}{\"x\":2}".getBytes(StandardCharsets.UTF_8))
            .withKinesisRecordMetadata(m)));

    assertThat(out.ok()).extracting(r -> r.kinesisRecordMetadata().partitionKey())
        .containsExactly("a", "a", "b", "outer", "outer");
    assertThat(out.ok()).extracting(r -> r.kinesisRecordMetadata().subsequenceNumber())
        .containsExactly(0L, 0L, 1L, 0L, 0L);
    assertThat(out.ok()).allSatisfy(r -> {
      assertThat(r.kinesisRecordMetadata().shardId()).isEqualTo("shardId-000000000001");
      assertThat(r.kinesisRecordMetadata().sequenceNumber()).isEqualTo("4955");
    });
  }

  @Test
  void kplUserRecordsAreThenSplitBySubRecordType() {
    byte[] aggregated = KplRecords.aggregate(List.of(
        new User("k", null, "{\"n\":1}{\"n\":2}"), new User("k", null, "{\"n\":3}")));

    Result out = JSON.process(List.of(new FirehoseRecord("seq", 5L, aggregated,
        Map.of("pre", "set"))));

    assertThat(texts(out.ok())).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
    assertThat(out.ok()).extracting(FirehoseRecord::recordId)
        .containsExactly("seq.0", "seq.1", "seq.2");
    assertThat(out.ok()).allSatisfy(r -> {
      assertThat(r.arrivalMillis()).isEqualTo(5L);
      assertThat(r.partitionKeys()).isEqualTo(Map.of("pre", "set"));
    });
  }
}
