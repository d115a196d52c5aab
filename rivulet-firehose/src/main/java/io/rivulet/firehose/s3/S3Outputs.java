package io.rivulet.firehose.s3;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes a delivery stream's S3 error output and S3 backup objects for one S3 configuration (the
 * S3DestinationConfiguration shape: BucketARN, Prefix, ErrorOutputPrefix, CompressionFormat; the
 * extended shape works too). Any destination can use it: an ExtendedS3 destination for its error
 * output (and, with its S3BackupConfiguration, for source-record backup), HTTP endpoint, Splunk,
 * Redshift and OpenSearch for the S3 configuration they carry. Thread-safe (the S3 client is).
 *
 * <p>Keys are {@code <evaluated prefix><stream>-<version>-yyyy-MM-dd-HH-mm-ss-<uuid><extension>}
 * with the uuid derived from the delivery's buffer range and the kind of output (see
 * {@link ObjectNames}), so writing the same range again overwrites the same object. Each call makes
 * one PutObject (the SDK client's own retry policy applies); failures surface as a retryable
 * {@link DeliveryException} with a Firehose-style code ({@code S3.<S3 error code>}).
 */
public final class S3Outputs {
  private final S3Settings settings;
  private final S3Client s3;
  private final String deliveryStreamName;
  private final String deliveryStreamVersion;
  private final Clock clock;

  /**
   * @param s3Configuration the S3 configuration as the request carried it (member names as in
   *     the model)
   * @param zone the time zone of prefixes when the configuration has no CustomTimeZone (null: UTC)
   * @param clock dates error objects whose records carry no arrival time
   */
  public S3Outputs(Map<String, Object> s3Configuration, S3Client s3, String deliveryStreamName,
      String deliveryStreamVersion, ZoneId zone, Clock clock) {
    this.settings = S3Settings.of(s3Configuration, zone);
    this.s3 = s3;
    this.deliveryStreamName = deliveryStreamName;
    this.deliveryStreamVersion = deliveryStreamVersion;
    this.clock = clock;
  }

  /**
   * Checks an S3DestinationConfiguration (or S3DestinationUpdate) at CreateDeliveryStream /
   * UpdateDestination time: the prefix rules (no partition-key namespaces here, since only an
   * ExtendedS3 destination partitions). Throws InvalidArgumentException.
   */
  public static void validate(Map<String, Object> s3Configuration) {
    S3Validation.validatePlain(s3Configuration);
  }

  public String bucket() {
    return settings.bucket();
  }

  /**
   * Writes {@code lines} (Firehose error documents, see {@link ErrorRecords}; a newline is added
   * after each that lacks one) as one object under the error output prefix for
   * {@code outputType} ({@code processing-failed}, {@code http-endpoint-failed}, ...). Returns the
   * key written, or null when there are no lines.
   */
  public String writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    return writeErrorOutput(batch, outputType, "", lines);
  }

  /**
   * As {@link #writeErrorOutput(DeliveryBatch, String, List)}, for a writer that makes more than
   * one error object of the same type for one range: {@code part} tells them apart.
   */
  public String writeErrorOutput(DeliveryBatch batch, String outputType, String part,
      List<byte[]> lines) throws DeliveryException {
    if (lines.isEmpty()) {
      return null;
    }
    long oldest = ErrorRecords.oldestArrival(lines);
    if (oldest < 0) {
      oldest = batch.oldestArrivalMillis() >= 0 ? batch.oldestArrivalMillis() : clock.millis();
    }
    UUID id = ObjectNames.objectId(batch.deliveryStreamName(), batch.firstOffset(),
        batch.lastOffset(), "error/" + outputType + (part.isEmpty() ? "" : "/" + part), Map.of());
    ZonedDateTime time = Instant.ofEpochMilli(oldest).atZone(settings.zone());
    String prefix = evaluate(settings.errorPrefix(), time, outputType, id);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] line : lines) {
      body.writeBytes(line);
      if (line.length == 0 || line[line.length - 1] != '\n') {
        body.write('\n');
      }
    }
    return putObject(prefix, time, id, body.toByteArray(), oldest);
  }

  /**
   * Backs up source records: the batch's records concatenated as delivered (no delimiter is
   * added), compressed as configured, under the Prefix. Returns the key, or null for no records.
   */
  public String writeBackup(DeliveryBatch sourceBatch) throws DeliveryException {
    if (sourceBatch.records().isEmpty()) {
      return null;
    }
    long oldest = sourceBatch.oldestArrivalMillis();
    UUID id = ObjectNames.objectId(sourceBatch.deliveryStreamName(), sourceBatch.firstOffset(),
        sourceBatch.lastOffset(), ObjectNames.BACKUP, Map.of());
    ZonedDateTime time = Instant.ofEpochMilli(oldest).atZone(settings.zone());
    String prefix = evaluate(settings.dataPrefix(), time, null, id);
    return putObject(prefix, time, id, concat(sourceBatch.records()), oldest);
  }

  private String putObject(String prefix, ZonedDateTime time, UUID id, byte[] raw, long oldest)
      throws DeliveryException {
    Compression c = settings.compression();
    String key = prefix + ObjectNames.suffix(deliveryStreamName, deliveryStreamVersion, time, id)
        + c.extension();
    put(s3, settings.bucket(), key, c.compress(raw, id.toString(), oldest), c);
    return key;
  }

  /** Evaluates a prefix that needs no partition keys (error and backup prefixes). */
  private static String evaluate(PrefixExpression prefix, ZonedDateTime time, String outputType,
      UUID id) throws DeliveryException {
    try {
      return prefix.evaluate(new PrefixExpression.Values(time, outputType, Map.of(),
          i -> ObjectNames.randomString(id, i)));
    } catch (PrefixExpression.EvaluationException e) {
      throw new DeliveryException("S3.InvalidPrefix", e.getMessage(), false, e);
    }
  }

  static byte[] concat(List<FirehoseRecord> records) {
    int size = 0;
    for (FirehoseRecord r : records) {
      size += r.data().length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (FirehoseRecord r : records) {
      out.writeBytes(r.data());
    }
    return out.toByteArray();
  }

  /**
   * One PutObject of an already compressed body, typed {@code application/octet-stream} with the
   * compression's Content-Encoding, as Firehose writes objects.
   */
  static void put(S3Client s3, String bucket, String key, byte[] body, Compression compression)
      throws DeliveryException {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
        .contentType("application/octet-stream");
    if (compression.contentEncoding() != null) {
      request.contentEncoding(compression.contentEncoding());
    }
    try {
      s3.putObject(request.build(), RequestBody.fromBytes(body));
    } catch (S3Exception e) {
      String code = e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null
          ? e.awsErrorDetails().errorCode() : "HTTP" + e.statusCode();
      throw new DeliveryException("S3." + code, "PutObject s3://" + bucket + "/" + key + " failed: "
          + e.getMessage(), true, e);
    } catch (SdkException e) {
      throw new DeliveryException("S3.ConnectionFailed", "PutObject s3://" + bucket + "/" + key
          + " failed: " + e.getMessage(), true, e);
    }
  }
}
