package io.rivulet.firehose.s3;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordFormatConverter;
import io.rivulet.firehose.util.Backoff;
import io.rivulet.firehose.util.RetryLoop;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ExtendedS3 destination: writes each delivery as S3 objects through the S3 API (any
 * S3-compatible endpoint, including Rivulet's embedded one). Used from the delivery stream's one
 * delivery thread; not thread-safe.
 *
 * <p>One delivery (a buffer range, after processing) becomes one object per group of records:
 * with dynamic partitioning a group per distinct set of partition keys, else one. An object holds
 * its records concatenated as they are (no delimiter unless a processor added one), converted to
 * Parquet/ORC when a {@link RecordFormatConverter} is given, else compressed by CompressionFormat.
 * Its key is Firehose's ({@link ObjectNames}), dated by its oldest record and derived from the
 * range and the group, so a redelivery after a crash overwrites the same keys: exactly once in S3.
 *
 * <p>Failures: S3 errors are retried with back-off (0.5 s doubling to 5 s, waiting through
 * {@link DeliveryContext#sleep}) for the dynamic-partitioning RetryOptions' DurationInSeconds
 * (default 300 s), no wait past its end ({@link RetryLoop.Budget#ELAPSED_WHOLE_WAITS}); after that the delivery throws a retryable {@link DeliveryException} and the
 * engine tries the whole range again later, so nothing is dropped. Records that fail conversion
 * go to the error output as {@code format-conversion-failed}; records whose prefix cannot be
 * evaluated (a partition key missing, or longer than 512 characters) as {@code processing-failed}.
 * With S3BackupMode {@code Enabled} the source records of the range are backed up through
 * {@link DeliveryContext#writeBackup}.
 */
public final class S3DestinationWriter implements DestinationWriter {
  private static final Logger log = LoggerFactory.getLogger(S3DestinationWriter.class);
  /** The destination name in metrics ({@code DeliveryToS3.*}). */
  public static final String DESTINATION = "S3";
  static final String FORMAT_CONVERSION_FAILED = "format-conversion-failed";
  static final String PROCESSING_FAILED = "processing-failed";
  static final int MAX_PREFIX_LENGTH = 512;
  /** S3 writes: 0.5 s doubling to 5 s, no jitter. */
  static final Backoff BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5), 0);

  /**
   * What the writer needs besides its configuration, built by the caller.
   *
   * @param s3 an S3 client for the destination's endpoint (endpoint override, path-style access
   *     and credentials set by the caller; see {@link S3Clients}); not closed by the writer
   * @param ctx the delivery stream's context (clock, sleep, error output, backup, metrics)
   * @param deliveryStreamVersion the delivery stream's VersionId, part of every object name
   * @param converter record format conversion (DataFormatConversionConfiguration), or null
   * @param zone time zone of prefixes and names when the configuration has no CustomTimeZone
   *     (null: UTC, as Firehose)
   */
  public record Env(S3Client s3, DeliveryContext ctx, String deliveryStreamName,
      String deliveryStreamVersion, RecordFormatConverter converter, ZoneId zone) {}

  private final S3Settings settings;
  private final RetryLoop.Policy retries;
  private final Env env;
  private final DeliveryContext ctx;
  private final S3Outputs errors;

  public S3DestinationWriter(Map<String, Object> extendedS3Config, Env env) {
    this.settings = S3Settings.of(extendedS3Config, env.zone());
    this.retries = new RetryLoop.Policy(BACKOFF, settings.retryDuration(),
        RetryLoop.Budget.ELAPSED_WHOLE_WAITS);
    this.env = env;
    this.ctx = env.ctx();
    this.errors = new S3Outputs(extendedS3Config, env.s3(), env.deliveryStreamName(),
        env.deliveryStreamVersion(), env.zone(), ctx.clock());
  }

  /**
   * Checks an ExtendedS3DestinationConfiguration (or ExtendedS3DestinationUpdate merged into the
   * current one) at CreateDeliveryStream / UpdateDestination time; throws Firehose's
   * InvalidArgumentException. See {@link S3Validation} for the rules.
   */
  public static void validate(Map<String, Object> extendedS3Config) {
    S3Validation.validateExtended(extendedS3Config);
  }

  @Override
  public void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException {
    List<byte[]> conversionFailures = new ArrayList<>();
    List<byte[]> prefixFailures = new ArrayList<>();
    for (Map.Entry<Map<String, String>, List<FirehoseRecord>> group : groups(batch.records()).entrySet()) {
      deliverGroup(batch, group.getKey(), group.getValue(), conversionFailures, prefixFailures);
    }
    if (!conversionFailures.isEmpty()) {
      retrying("format-conversion error output", conversionFailures.size(),
          () -> ctx.writeErrorOutput(batch, FORMAT_CONVERSION_FAILED, conversionFailures));
    }
    if (!prefixFailures.isEmpty()) {
      // its own part: the engine may write processing-failed output for this range too
      retrying("partitioning error output", prefixFailures.size(), () ->
          errors.writeErrorOutput(batch, PROCESSING_FAILED, "s3-prefix", prefixFailures));
    }
    if (settings.backupEnabled()) {
      retrying("source record backup", batch.records().size(), () -> ctx.writeBackup(batch));
    }
  }

  /** Records grouped by partition keys (in order of first appearance); one group without. */
  private Map<Map<String, String>, List<FirehoseRecord>> groups(List<FirehoseRecord> records) {
    Map<Map<String, String>, List<FirehoseRecord>> groups = new LinkedHashMap<>();
    for (FirehoseRecord r : records) {
      Map<String, String> keys = settings.dynamicPartitioning() ? r.partitionKeys() : Map.of();
      groups.computeIfAbsent(keys, k -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private void deliverGroup(DeliveryBatch batch, Map<String, String> keys,
      List<FirehoseRecord> records, List<byte[]> conversionFailures, List<byte[]> prefixFailures)
      throws DeliveryException, InterruptedException {
    long oldest = oldest(records);
    ZonedDateTime time = Instant.ofEpochMilli(oldest).atZone(settings.zone());
    UUID id = ObjectNames.objectId(batch.deliveryStreamName(), batch.firstOffset(),
        batch.lastOffset(), ObjectNames.DATA, keys);
    String prefix;
    try {
      prefix = settings.dataPrefix().evaluate(new PrefixExpression.Values(time, null, keys,
          i -> ObjectNames.randomString(id, i)));
      if (prefix.length() > MAX_PREFIX_LENGTH) {
        throw new PrefixExpression.EvaluationException("the evaluated prefix is "
            + prefix.length() + " characters long; at most " + MAX_PREFIX_LENGTH + " are allowed");
      }
    } catch (PrefixExpression.EvaluationException e) {
      for (FirehoseRecord r : records) {
        prefixFailures.add(ErrorRecords.failure(new FailedRecord(r,
            "DynamicPartitioning.PrefixEvaluationFailed", e.getMessage(), 1), ctx.clock().millis(), Map.of()));
      }
      return;
    }
    Body body = body(records, id, oldest, conversionFailures);
    if (body == null) {
      return;
    }
    String key = prefix + ObjectNames.suffix(env.deliveryStreamName(), env.deliveryStreamVersion(),
        time, id) + settings.extensionOr(body.extension());
    retrying("s3://" + settings.bucket() + "/" + key, body.records(),
        () -> S3Outputs.put(env.s3(), settings.bucket(), key, body.bytes(), body.compression()));
    ctx.delivered(DESTINATION, body.records(), body.rawBytes(), oldest);
  }

  /** An object's content: its bytes, encoding, default extension and what it holds. */
  private record Body(byte[] bytes, Compression compression, String extension, int records,
      long rawBytes) {}

  /** Converts or compresses a group; null when no record of it is left to write. */
  private Body body(List<FirehoseRecord> records, UUID id, long oldest,
      List<byte[]> conversionFailures) throws DeliveryException {
    long rawBytes = 0;
    for (FirehoseRecord r : records) {
      rawBytes += r.data().length;
    }
    RecordFormatConverter converter = env.converter();
    if (converter == null || !settings.formatConversion()) {
      Compression c = settings.compression();
      return new Body(c.compress(S3Outputs.concat(records), id.toString(), oldest), c,
          c.extension(), records.size(), rawBytes);
    }
    RecordFormatConverter.Converted converted;
    List<FailedRecord> failed;
    try {
      converted = converter.convert(records);
      failed = converted.failed();
    } catch (DeliveryException e) {
      if (e.retryable()) {
        throw e;
      }
      converted = null;
      failed = records.stream().map(r -> new FailedRecord(r, e.errorCode(), e.getMessage(), 1)).toList();
    }
    for (FailedRecord f : failed) {
      rawBytes -= f.record().data().length;
      conversionFailures.add(converter.errorOutputLine(f, ctx.clock().millis()));
    }
    if (converted == null || converted.recordCount() == 0) {
      return null;
    }
    return new Body(converted.file(), Compression.UNCOMPRESSED, converter.fileExtension(),
        converted.recordCount(), rawBytes);
  }

  private static long oldest(List<FirehoseRecord> records) {
    long oldest = Long.MAX_VALUE;
    for (FirehoseRecord r : records) {
      oldest = Math.min(oldest, r.arrivalMillis());
    }
    return oldest;
  }

  /**
   * Runs {@code write}, retrying retryable failures with back-off within the retry duration;
   * then counts the records failed and rethrows, so the engine retries the range later.
   */
  private void retrying(String what, int records, RetryLoop.Attempt write)
      throws DeliveryException, InterruptedException {
    RetryLoop.Outcome outcome = RetryLoop.run(ctx, retries, () -> {
      try {
        write.run();
      } catch (DeliveryException e) {
        log.debug("{}: writing {} failed ({})", env.deliveryStreamName(), what, e.errorCode());
        throw e;
      }
    });
    if (!outcome.succeeded()) {
      DeliveryException e = outcome.failure();
      ctx.failed(DESTINATION, records);
      log.warn("{}: writing {} failed ({}: {}); the delivery will be retried",
          env.deliveryStreamName(), what, e.errorCode(), e.getMessage());
      throw e;
    }
  }

  /** Nothing to stop: the S3 client belongs to the caller. */
  @Override
  public void close() {}
}
