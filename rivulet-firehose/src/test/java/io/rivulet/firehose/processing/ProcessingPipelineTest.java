package io.rivulet.firehose.processing;

import static io.rivulet.firehose.processing.BuiltInProcessorsTest.gzip;
import static io.rivulet.firehose.processing.BuiltInProcessorsTest.logsPayload;
import static io.rivulet.firehose.processing.Fixtures.FUNCTION_ARN;
import static io.rivulet.firehose.processing.Fixtures.codes;
import static io.rivulet.firehose.processing.Fixtures.config;
import static io.rivulet.firehose.processing.Fixtures.env;
import static io.rivulet.firehose.processing.Fixtures.processor;
import static io.rivulet.firehose.processing.Fixtures.records;
import static io.rivulet.firehose.processing.Fixtures.texts;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor.Result;
import io.rivulet.firehose.processing.FakeLambdaServer.Answer;
import io.rivulet.firehose.processing.Fixtures.RecordingSleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Processors.from: composition in Firehose's order, identity when disabled, failed records. */
class ProcessingPipelineTest {
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @Test
  void describeShowsTheLambdaProcessorsFiveParametersWithTheirDefaults() {
    Map<String, Object> c = config(processor("AppendDelimiterToRecord"),
        processor("Lambda", "BufferSizeInMBs", "2", "LambdaArn", FUNCTION_ARN));

    Map<String, Object> shown = Processors.describe(c, "arn:aws:iam::123456789012:role/fh");

    assertThat(shown.get("Enabled")).isEqualTo(true);
    assertThat(shown.get("Processors")).isEqualTo(List.of(
        processor("AppendDelimiterToRecord"),
        processor("Lambda", "LambdaArn", FUNCTION_ARN, "NumberOfRetries", "3",
            "RoleArn", "arn:aws:iam::123456789012:role/fh", "BufferSizeInMBs", "2",
            "BufferIntervalInSeconds", "60")));
    assertThat(Processors.describe(null, null)).isNull();
  }

  @Test
  void disabledOrAbsentProcessingPassesRecordsThrough() throws Exception {
    List<FirehoseRecord> in = records("a", "b");
    Map<String, Object> disabled = Map.of("Enabled", false, "Processors",
        List.of(processor("AppendDelimiterToRecord")));

    for (Map<String, Object> c : List.of(Map.<String, Object>of(), disabled)) {
      try (ProcessingPipeline p = Processors.from(c, env(null, sleeper))) {
        Result out = p.process(in);
        assertThat(p.enabled()).isFalse();
        assertThat(out.ok()).isEqualTo(in);
        assertThat(out.failed()).isEmpty();
      }
    }
    assertThat(Processors.from(null, env(null, sleeper)).enabled()).isFalse();
  }

  @Test
  void processorsRunInFirehosesOrderWhateverTheOrderTheyWereListedIn() throws Exception {
    Map<String, Object> reversed = config(
        processor("AppendDelimiterToRecord"),
        processor("MetadataExtraction", "MetadataExtractionQuery", "{group: .logGroup}",
            "JsonParsingEngine", "JQ-1.6"),
        processor("Decompression", "CompressionFormat", "GZIP"));
    FirehoseRecord in = new FirehoseRecord("r0", 1L, gzip(logsPayload("DATA_MESSAGE", "m")));

    try (ProcessingPipeline p = Processors.from(reversed, env(null, sleeper))) {
      Result out = p.process(List.of(in));

      assertThat(out.failed()).isEmpty();
      assertThat(texts(out.ok())).containsExactly(logsPayload("DATA_MESSAGE", "m") + "\n");
      assertThat(out.ok().get(0).partitionKeys()).isEqualTo(Map.of("group", "/app"));
    }
  }

  @Test
  void cloudWatchLogsPayloadsBecomeTheirMessages() throws Exception {
    Map<String, Object> c = config(processor("Decompression"),
        processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"));
    List<FirehoseRecord> in = List.of(
        new FirehoseRecord("r0", 1L, gzip(logsPayload("DATA_MESSAGE", "one", "two"))),
        new FirehoseRecord("r1", 1L, gzip(logsPayload("CONTROL_MESSAGE", "ping"))),
        new FirehoseRecord("r2", 1L, "raw".getBytes()));

    try (ProcessingPipeline p = Processors.from(c, env(null, sleeper))) {
      Result out = p.process(in);

      assertThat(texts(out.ok())).containsExactly("one\ntwo\n");
      assertThat(codes(out.failed())).containsExactly("Decompression.Failed");
    }
  }

  @Test
  void theLambdaSeesDeAggregatedRecordsAndTheQueryItsOutput() throws Exception {
    try (FakeLambdaServer lambda = new FakeLambdaServer()) {
      lambda.answer(inv -> Answer.ok(FakeLambdaServer.reply(inv,
          (id, data) -> FakeLambdaServer.ok(id, data.replace("\"c\"", "\"customer\"")))));
      Map<String, Object> c = config(
          processor("MetadataExtraction", "MetadataExtractionQuery", "{c: .customer}",
              "JsonParsingEngine", "JQ-1.6"),
          processor("Lambda", "LambdaArn", FUNCTION_ARN),
          processor("RecordDeAggregation", "SubRecordType", "JSON"));

      try (ProcessingPipeline p = Processors.from(c, env(lambda.endpoint(), sleeper))) {
        Result out = p.process(records("{\"c\":\"x\"}{\"c\":\"y\"}"));

        assertThat(lambda.invocations().get(0).recordIds()).containsExactly("r0.0", "r0.1");
        assertThat(out.ok()).extracting(r -> r.partitionKeys().get("c"))
            .containsExactly("x", "y");
        assertThat(p.lambdaArn()).isEqualTo(FUNCTION_ARN);
        assertThat(p.lambdaBufferInterval()).isEqualTo(Duration.ofSeconds(60));
      }
    }
  }

  @Test
  void aRecordFailedAfterDecompressionCarriesItsSourceBytes() throws Exception {
    byte[] compressed = gzip("{\"n\":1}");
    try (FakeLambdaServer lambda = new FakeLambdaServer()) {
      lambda.answer(inv -> Answer.ok(FakeLambdaServer.reply(inv,
          (id, data) -> FakeLambdaServer.result(id, "ProcessingFailed", null))));
      Map<String, Object> c = config(processor("Decompression"),
          processor("Lambda", "LambdaArn", FUNCTION_ARN, "BufferIntervalInSeconds", "5"));

      try (ProcessingPipeline p = Processors.from(c, env(lambda.endpoint(), sleeper))) {
        Result out = p.process(List.of(new FirehoseRecord("r0", 1L, compressed)));

        assertThat(lambda.invocations().get(0).datas()).containsExactly("{\"n\":1}");
        assertThat(out.failed()).hasSize(1);
        assertThat(out.failed().get(0).record().data()).isEqualTo(compressed);
        assertThat(Processors.errorOutputType(out.failed().get(0)))
            .isEqualTo("processing-failed");
        assertThat(p.lambdaBufferInterval()).isEqualTo(Duration.ofSeconds(5));
      }
    }
  }
}
