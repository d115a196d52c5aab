package io.rivulet.firehose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import io.rivulet.firehose.util.ManualClock;
import io.rivulet.log.FileLogManager;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.LogManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery engine over real file logs and the file metadata store, with a recording
 * destination: buffering hints on a hand-moved clock, retries of the same range, redelivery of
 * exactly the pending range after a restart, processing failures and source backup.
 */
class FirehoseEngineTest {
  static final FirehoseConfig CONFIG = FirehoseConfig.defaults()
      .withDelays(Duration.ZERO, Duration.ZERO).withPollInterval(Duration.ofMillis(5));
  static final DeliveryStreamKey KEY = new DeliveryStreamKey("000000000000", "us-east-1", "hose");

  @TempDir Path dir;
  final ManualClock clock = new ManualClock(1_732_550_000_000L);
  final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  FirehoseEngine engine(Destinations destinations) {
    LogManager logs = new FileLogManager(dir.resolve("logs"), FsyncPolicy.group());
    FirehoseEngine engine = new FirehoseEngine(CONFIG, clock, logs,
        new FileMetadataStore(dir.resolve("meta")), destinations, SourceFactory.none());
    open.add(logs);
    open.add(engine);
    return engine;
  }

  /** Closes the engine and its logs (as a shutdown does) before a restart. */
  void stop() throws Exception {
    close();
    open.clear();
  }

  static DeliveryStreamMeta s3Stream(int sizeMb, int intervalSeconds, Map<String, Object> extra) {
    Map<String, Object> config = new java.util.LinkedHashMap<>(Map.of("BucketARN",
        "arn:aws:s3:::bucket", "RoleARN", "arn:aws:iam::000000000000:role/r", "BufferingHints",
        Map.of("SizeInMBs", sizeMb, "IntervalInSeconds", intervalSeconds)));
    config.putAll(extra);
    return new DeliveryStreamMeta(KEY.account(), KEY.region(), KEY.name(), 0, "CREATING",
        "DirectPut", 1, null, Map.of(), DestinationConfigs.EXTENDED_S3, config, Map.of(),
        null, List.of());
  }

  static List<byte[]> records(String... texts) {
    List<byte[]> out = new ArrayList<>();
    for (String t : texts) {
      out.add(t.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static List<String> texts(DeliveryBatch b) {
    return b.records().stream().map(r -> new String(r.data(), StandardCharsets.UTF_8)).toList();
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met in time").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void deliversWhenTheOldestRecordReachesTheInterval() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    FirehoseEngine engine = engine(dest.destinations());
    engine.create(s3Stream(5, 60, Map.of()));
    List<String> ids = engine.put(KEY, records("a", "b", "c")).get().recordIds();
    clock.advance(Duration.ofSeconds(59));
    Thread.sleep(50); // several polls: the interval has not passed, nothing may be delivered
    assertThat(dest.attempts).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    await(() -> dest.delivered.size() == 1);
    DeliveryBatch b = dest.delivered.get(0);
    assertThat(texts(b)).containsExactly("a", "b", "c");
    assertThat(b.firstOffset()).isZero();
    assertThat(b.lastOffset()).isEqualTo(2);
    assertThat(b.records()).extracting(FirehoseRecord::recordId).containsExactlyElementsOf(ids);
    assertThat(b.deliveryStreamArn()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/hose");
    await(() -> engine.checkpoint(KEY).nextOffset() == 3);
    assertThat(engine.checkpoint(KEY).hasPending()).isFalse();
  }

  @Test
  void deliversWhenTheBufferReachesTheSizeHint() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    FirehoseEngine engine = engine(dest.destinations());
    engine.create(s3Stream(1, 900, Map.of()));
    byte[] big = new byte[600 * 1024];
    engine.put(KEY, List.of(big)).get();
    Thread.sleep(50);
    assertThat(dest.attempts).as("600 KiB is under the 1 MiB hint").isEmpty();
    engine.put(KEY, List.of(big, new byte[10])).get();
    await(() -> dest.delivered.size() == 1);
    assertThat(dest.delivered.get(0).records()).hasSize(1); // a second record would pass 1 MiB
    Thread.sleep(50);
    assertThat(dest.delivered).as("the rest is under the hint again").hasSize(1);
    clock.advance(Duration.ofSeconds(900));
    await(() -> dest.delivered.size() == 2);
    assertThat(dest.delivered.get(1).firstOffset()).isEqualTo(1);
    assertThat(dest.delivered.get(1).lastOffset()).isEqualTo(2);
  }

  @Test
  void aFailedDeliveryIsRetriedWithTheSameRangeAfterABackOffOnTheClock() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    dest.failNext.set(2);
    FirehoseEngine engine = engine(dest.destinations());
    engine.create(s3Stream(5, 0, Map.of()));
    engine.put(KEY, records("one", "two")).get();
    await(() -> dest.attempts.size() == 1);
    engine.put(KEY, records("three")).get();
    Thread.sleep(50);
    assertThat(dest.attempts).as("no retry before the 1 s back-off passes on the clock").hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    await(() -> dest.attempts.size() == 2);
    clock.advance(Duration.ofSeconds(2));
    await(() -> dest.delivered.size() == 2);
    for (int i = 0; i < 3; i++) {
      assertThat(dest.attempts.get(i).firstOffset()).isZero();
      assertThat(dest.attempts.get(i).lastOffset()).isEqualTo(1);
    }
    assertThat(texts(dest.delivered.get(0))).containsExactly("one", "two");
    assertThat(texts(dest.delivered.get(1))).containsExactly("three");
    assertThat(engine.views().get(0).stats().recentErrors()).as("the console's recent errors")
        .extracting(DeliveryStats.DeliveryError::message)
        .containsExactly("attempt 1, retrying in 1 s: S3.ServiceUnavailable: injected failure",
            "attempt 2, retrying in 2 s: S3.ServiceUnavailable: injected failure");
  }

  @Test
  void aRestartDeliversExactlyThePendingRangeAgain() throws Exception {
    RecordingDestination failing = new RecordingDestination();
    failing.failNext.set(Integer.MAX_VALUE);
    FirehoseEngine first = engine(failing.destinations());
    first.create(s3Stream(5, 0, Map.of()));
    first.put(KEY, records("r0", "r1", "r2")).get();
    await(() -> failing.attempts.size() == 1);
    first.put(KEY, records("r3", "r4")).get();
    stop();

    RecordingDestination healthy = new RecordingDestination();
    FirehoseEngine second = engine(healthy.destinations());
    await(() -> healthy.delivered.size() == 2);
    assertThat(healthy.delivered.get(0).firstOffset()).isZero();
    assertThat(healthy.delivered.get(0).lastOffset()).isEqualTo(2);
    assertThat(texts(healthy.delivered.get(0))).containsExactly("r0", "r1", "r2");
    assertThat(healthy.delivered.get(0).records()).extracting(FirehoseRecord::recordId)
        .containsExactlyElementsOf(failing.attempts.get(0).records().stream()
            .map(FirehoseRecord::recordId).toList());
    assertThat(texts(healthy.delivered.get(1))).containsExactly("r3", "r4");
    assertThat(second.describe(KEY).status()).isEqualTo("ACTIVE");
  }

  @Test
  void processingFailuresGoToTheErrorOutputAndTheRestIsDelivered() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    Destinations.ProcessorFactory processors = new Destinations.ProcessorFactory() {
      @Override
      public RecordProcessor create(DeliveryStreamMeta meta, Map<String, Object> pc,
          io.rivulet.firehose.pipeline.DeliveryContext ctx) {
        return records -> {
          List<FirehoseRecord> ok = new ArrayList<>();
          List<FailedRecord> failed = new ArrayList<>();
          for (FirehoseRecord r : records) {
            if (new String(r.data(), StandardCharsets.UTF_8).startsWith("bad")) {
              failed.add(new FailedRecord(r, "Lambda.ProcessingFailed", "no good", 4));
            } else {
              ok.add(r);
            }
          }
          return new RecordProcessor.Result(ok, failed);
        };
      }

      @Override
      public String lambdaArn(RecordProcessor processor) {
        return "arn:aws:lambda:us-east-1:000000000000:function:f";
      }
    };
    Destinations base = dest.destinations();
    Destinations withProcessor = Destinations.builder()
        .destination(DestinationConfigs.EXTENDED_S3, dest::writer, c -> {})
        .processors(processors).outputs(base.outputs()).build();
    FirehoseEngine engine = engine(withProcessor);
    Map<String, Object> lambda = Map.of("Type", "Lambda", "Parameters", List.of(Map.of(
        "ParameterName", "LambdaArn",
        "ParameterValue", "arn:aws:lambda:us-east-1:000000000000:function:f")));
    engine.create(s3Stream(5, 0, Map.of("ProcessingConfiguration",
        Map.of("Enabled", true, "Processors", List.of(lambda)), "S3BackupMode", "Enabled")));
    engine.put(KEY, records("good1", "bad1", "good2")).get();
    await(() -> dest.delivered.size() == 1);
    assertThat(texts(dest.delivered.get(0))).containsExactly("good1", "good2");
    assertThat(dest.delivered.get(0).lastOffset()).isEqualTo(2);
    assertThat(dest.errorOutputs).hasSize(1);
    String line = dest.errorOutputs.get(0);
    assertThat(line).startsWith("processing-failed {\"attemptsMade\":4,\"arrivalTimestamp\":"
        + clock.millis() + ",\"errorCode\":\"Lambda.ProcessingFailed\",\"errorMessage\":\"no good\"")
        .contains("\"rawData\":\"" + Base64.getEncoder().encodeToString("bad1".getBytes(StandardCharsets.UTF_8)) + "\"")
        .endsWith("\"lambdaArn\":\"arn:aws:lambda:us-east-1:000000000000:function:f\"}");
    assertThat(dest.backups).hasSize(1);
    assertThat(texts(dest.backups.get(0))).containsExactly("good1", "bad1", "good2");
    DeliveryStats.DeliveryError error = engine.views().get(0).stats().recentErrors().get(0);
    assertThat(error.kind()).isEqualTo("processing-failed");
    assertThat(error.message())
        .isEqualTo("1 record(s) to the error output; Lambda.ProcessingFailed: no good");
  }

  @Test
  void aNewVersionOfTheDestinationGetsANewWriter() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    FirehoseEngine engine = engine(dest.destinations());
    engine.create(s3Stream(5, 0, Map.of()));
    engine.put(KEY, records("x")).get();
    await(() -> dest.delivered.size() == 1);
    engine.update(KEY, m -> m.withDestination(m.destinationType(),
        DestinationConfigs.merge(m.destination(), Map.of("Prefix", "p/")), clock.millis()));
    engine.put(KEY, records("y")).get();
    await(() -> dest.delivered.size() == 2);
    assertThat(dest.writersOpened).hasValue(2);
    assertThat(dest.writersClosed).hasValue(1);
    assertThat(engine.describe(KEY).versionId()).isEqualTo(2);
    assertThat(engine.describe(KEY).destination()).containsEntry("Prefix", "p/");
  }

  @Test
  void stateAndBufferSurviveARestartAndDeleteRemovesThem() throws Exception {
    RecordingDestination dest = new RecordingDestination();
    FirehoseEngine engine = engine(dest.destinations());
    engine.create(s3Stream(5, 300, Map.of()));
    engine.update(KEY, m -> m.withTags(Map.of("team", "data")));
    engine.put(KEY, records("kept")).get();
    DeliveryStreamMeta before = engine.describe(KEY);
    stop();

    FirehoseEngine again = engine(dest.destinations());
    assertThat(again.describe(KEY)).isEqualTo(before);
    assertThat(again.views()).singleElement().satisfies(v -> assertThat(v.undeliveredBytes()).isEqualTo(4));
    clock.advance(Duration.ofSeconds(300));
    await(() -> dest.delivered.size() == 1);
    assertThat(texts(dest.delivered.get(0))).containsExactly("kept");
    String logName = before.logName();
    again.delete(KEY);
    assertThat(again.list(KEY.account(), KEY.region())).isEmpty();
    assertThat(Files.exists(dir.resolve("logs").resolve(logName))).isFalse();
    assertThat(Files.exists(dir.resolve("meta/checkpoints").resolve(logName + ".json"))).isFalse();
  }
}
