package io.rivulet.firehose.processing;

import static io.rivulet.firehose.processing.Fixtures.codes;
import static io.rivulet.firehose.processing.Fixtures.records;
import static io.rivulet.firehose.processing.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor.Result;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** AppendDelimiterToRecord, MetadataExtraction, Decompression and CloudWatchLogProcessing. */
class BuiltInProcessorsTest {

  static byte[] gzip(String text) {
    return gzip(text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String logsPayload(String type, String... messages) {
    StringBuilder events = new StringBuilder();
    for (int i = 0; i < messages.length; i++) {
      events.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i)
          .append("\",\"timestamp\":1714557600000,\"message\":")
          .append(FakeLambdaServer.json(messages[i])).append('}');
    }
    return "{\"messageType\":\"" + type + "\",\"owner\":\"123456789012\",\"logGroup\":\"/app\","
        + "\"logStream\":\"s1\",\"subscriptionFilters\":[\"f\"],\"logEvents\":[" + events + "]}";
  }

  @Test
  void appendDelimiterAddsANewlineByDefaultAndReadsEscapes() {
    assertThat(texts(new AppendDelimiter(null).process(records("a", "")).ok()))
        .containsExactly("a\n", "\n");
    assertThat(texts(new AppendDelimiter("\\n").process(records("a")).ok()))
        .containsExactly("a\n");
    assertThat(texts(new AppendDelimiter("\\r\\n").process(records("a")).ok()))
        .containsExactly("a\r\n");
    assertThat(texts(new AppendDelimiter(",").process(records("a")).ok()))
        .containsExactly("a,");
    assertThat(texts(new AppendDelimiter("\\t|\\u00e9\\\\").process(records("a")).ok()))
        .containsExactly("a\t|\u00e9\\");
    assertThat(texts(new AppendDelimiter("\\x").process(records("a")).ok()))
        .containsExactly("a\\x");
  }

  @Test
  void metadataExtractionAddsTheQuerysFieldsAsPartitionKeys() {
    MetadataExtraction jq =
        new MetadataExtraction("{customer_id: .customer_id, device: .device.type, year: .year}");
    FirehoseRecord in = new FirehoseRecord("r0", 1L,
        "{\"customer_id\":\"c-1\",\"device\":{\"type\":\"ios\"},\"year\":2024}\n"
            .getBytes(StandardCharsets.UTF_8), Map.of("fromLambda", "x"));

    Result out = jq.process(List.of(in));

    assertThat(out.failed()).isEmpty();
    assertThat(out.ok().get(0).partitionKeys()).isEqualTo(
        Map.of("customer_id", "c-1", "device", "ios", "year", "2024", "fromLambda", "x"));
    assertThat(out.ok().get(0).data()).isEqualTo(in.data());
  }

  @Test
  void recordsTheQueryCannotBeAppliedToFail() {
    MetadataExtraction jq = new MetadataExtraction("{customer_id: .customer_id}");

    Result out = jq.process(records("not json", "{\"other\":1}", "{\"customer_id\":{\"x\":1}}",
        "{\"customer_id\":1} {\"customer_id\":2}", "{\"customer_id\":\"ok\"}"));

    assertThat(out.ok()).extracting(FirehoseRecord::recordId).containsExactly("r4");
    assertThat(codes(out.failed())).containsOnly("DynamicPartitioning.MetadataExtractionFailed")
        .hasSize(4);
    assertThat(out.failed()).extracting(FailedRecord::errorMessage).containsExactly(
        "Non JSON record provided",
        "The partition key customer_id is null (missing from the record)",
        "The partition key customer_id is not a scalar value",
        "Non JSON record provided");
  }

  @Test
  void aQueryThatFailsOrYieldsNoObjectFailsTheRecord() {
    Result notObject = new MetadataExtraction(".customer_id").process(records("{\"customer_id\":\"c\"}"));
    Result error = new MetadataExtraction("{n: (.n | tonumber)}").process(records("{\"n\":\"abc\"}"));
    Result many = new MetadataExtraction(".[] | {k: .}").process(records("[1,2]"));

    assertThat(notObject.failed().get(0).errorMessage()).contains("it yielded string");
    assertThat(error.failed().get(0).errorMessage())
        .startsWith("Failed to evaluate the MetadataExtractionQuery");
    assertThat(many.failed().get(0).errorMessage()).contains("2 values");
  }

  @Test
  void decompressionInflatesGzippedJson() {
    String payload = logsPayload("DATA_MESSAGE", "hello");
    FirehoseRecord in = new FirehoseRecord("r0", 1L, gzip(payload));

    Result out = new Decompression().process(List.of(in));

    assertThat(texts(out.ok())).containsExactly(payload);
    assertThat(out.ok().get(0).recordId()).isEqualTo("r0");
  }

  @Test
  void recordsThatAreNotGzippedJsonFailDecompression() {
    List<FirehoseRecord> in = List.of(
        new FirehoseRecord("plain", 1L, "{\"a\":1}".getBytes(StandardCharsets.UTF_8)),
        new FirehoseRecord("text", 1L, gzip("not json")),
        new FirehoseRecord("bomb", 1L, gzip(new byte[Decompression.MAX_INFLATED_BYTES + 1])),
        new FirehoseRecord("cut", 1L, java.util.Arrays.copyOf(gzip("{\"a\":1}"), 12)));

    Result out = new Decompression().process(in);

    assertThat(out.ok()).isEmpty();
    assertThat(out.failed()).extracting(f -> f.record().recordId())
        .containsExactly("plain", "text", "bomb", "cut");
    assertThat(codes(out.failed())).containsOnly("Decompression.Failed");
    assertThat(out.failed()).allSatisfy(
        f -> assertThat(Processors.errorOutputType(f)).isEqualTo("decompression-failed"));
    assertThat(out.failed().get(0).errorMessage()).contains("not valid GZIP");
    assertThat(out.failed().get(1).errorMessage()).contains("not JSON");
    assertThat(out.failed().get(2).errorMessage()).contains("inflates past");
  }

  @Test
  void messageExtractionDeliversEachLogMessageOnItsOwnLine() {
    Result out = new CloudWatchLogProcessing().process(records(
        logsPayload("DATA_MESSAGE", "first line", "{\"json\":\"event\"}"),
        logsPayload("CONTROL_MESSAGE", "CWL CONTROL MESSAGE: Checking health of destination"),
        "{\"not\":\"logs\"}"));

    assertThat(texts(out.ok())).containsExactly("first line\n{\"json\":\"event\"}\n");
    assertThat(out.ok().get(0).recordId()).isEqualTo("r0");
    assertThat(out.failed()).extracting(f -> f.record().recordId()).containsExactly("r2");
    assertThat(codes(out.failed())).containsExactly("Decompression.Failed");
  }
}
