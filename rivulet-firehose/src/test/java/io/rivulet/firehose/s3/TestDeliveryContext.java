package io.rivulet.firehose.s3;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A delivery context as the engine provides one, for tests: a {@link RecordingDeliveryContext}
 * (clock moved by sleeps, metrics counted) whose error output and backup go through
 * {@link S3Outputs} into S3, as the engine's implementation does, with the source records of each
 * range kept for backup. Thread-safe.
 */
final class TestDeliveryContext extends RecordingDeliveryContext {
  final List<String> errorKeys = new CopyOnWriteArrayList<>();
  final List<String> backupKeys = new CopyOnWriteArrayList<>();
  private final Map<Long, List<FirehoseRecord>> sourceByFirstOffset = new ConcurrentHashMap<>();
  private final S3Outputs errorOutput;
  private final S3Outputs backupOutput;

  /** {@code errorConfig}: the destination's S3 configuration; {@code backupConfig} may be null. */
  TestDeliveryContext(long startMillis, S3Client s3, String stream, String version,
      Map<String, Object> errorConfig, Map<String, Object> backupConfig) {
    super(startMillis);
    this.errorOutput = new S3Outputs(errorConfig, s3, stream, version, null, clock());
    this.backupOutput = backupConfig == null ? null
        : new S3Outputs(backupConfig, s3, stream, version, null, clock());
  }

  /** The records of the range starting at {@code firstOffset} as they were before processing. */
  void source(long firstOffset, List<FirehoseRecord> records) {
    sourceByFirstOffset.put(firstOffset, records);
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    super.writeErrorOutput(batch, outputType, lines);
    errorKeys.add(errorOutput.writeErrorOutput(batch, outputType, lines));
  }

  @Override
  public void writeBackup(DeliveryBatch batch) throws DeliveryException {
    super.writeBackup(batch);
    List<FirehoseRecord> source =
        sourceByFirstOffset.getOrDefault(batch.firstOffset(), batch.records());
    backupKeys.add(backupOutput.writeBackup(batch.withRecords(source)));
  }
}
