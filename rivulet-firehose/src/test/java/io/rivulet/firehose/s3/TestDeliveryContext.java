package io.rivulet.firehose.s3;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A delivery context as the engine provides one, for tests: a clock that only {@link #sleep}
 * moves, error output and backup through {@link S3Outputs} (as the engine's implementation does),
 * the source records of each range kept for backup, and the metrics counted. Not thread-safe.
 */
final class TestDeliveryContext implements DeliveryContext {
  final AtomicLong now;
  final List<Duration> sleeps = new ArrayList<>();
  final List<String> errorKeys = new ArrayList<>();
  final List<String> backupKeys = new ArrayList<>();
  final Map<String, Integer> delivered = new HashMap<>();
  final Map<String, Integer> failed = new HashMap<>();
  private final Map<Long, List<FirehoseRecord>> sourceByFirstOffset = new HashMap<>();
  private final S3Outputs errorOutput;
  private final S3Outputs backupOutput;

  /** {@code errorConfig}: the destination's S3 configuration; {@code backupConfig} may be null. */
  TestDeliveryContext(long startMillis, S3Client s3, String stream, String version,
      Map<String, Object> errorConfig, Map<String, Object> backupConfig) {
    this.now = new AtomicLong(startMillis);
    this.errorOutput = new S3Outputs(errorConfig, s3, stream, version, null, clock());
    this.backupOutput = backupConfig == null ? null
        : new S3Outputs(backupConfig, s3, stream, version, null, clock());
  }

  /** The records of the range starting at {@code firstOffset} as they were before processing. */
  void source(long firstOffset, List<FirehoseRecord> records) {
    sourceByFirstOffset.put(firstOffset, records);
  }

  /** The current time, fixed until the next {@link #sleep}. */
  @Override
  public Clock clock() {
    return Clock.fixed(Instant.ofEpochMilli(now.get()), ZoneOffset.UTC);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now.addAndGet(duration.toMillis());
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    errorKeys.add(errorOutput.writeErrorOutput(batch, outputType, lines));
  }

  @Override
  public void writeBackup(DeliveryBatch batch) throws DeliveryException {
    List<FirehoseRecord> source = sourceByFirstOffset.getOrDefault(batch.firstOffset(), batch.records());
    backupKeys.add(backupOutput.writeBackup(batch.withRecords(source)));
  }

  @Override
  public void delivered(String destination, int records, long bytes, long oldestArrivalMillis) {
    delivered.merge(destination, records, Integer::sum);
  }

  @Override
  public void failed(String destination, int records) {
    failed.merge(destination, records, Integer::sum);
  }
}
