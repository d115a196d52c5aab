package io.rivulet.firehose.redshift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.s3.Compression;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The intermediate S3 bucket of a Redshift destination: each batch's records concatenated (GZIP
 * when S3Configuration says so) into one object, a Redshift manifest naming it, and, for a batch
 * that could not be loaded within the retry duration, that manifest again under
 * {@code errors/manifests/} (with the error code and message as object metadata) for a manual
 * backfill, as Firehose keeps it. Every key derives from the batch's buffer range and the arrival
 * time of its oldest record, so a redelivered batch overwrites its own objects. Thread-safe.
 *
 * <pre>
 * data      {Prefix}YYYY/MM/DD/HH/{stream}-{yyyy-MM-dd-HH-mm-ss}-{first}-{last}[.gz]
 * manifest  {Prefix}manifests/YYYY/MM/DD/HH/{same name, no extension}
 * failed    {Prefix}errors/manifests/YYYY/MM/DD/HH/{same name}
 * </pre>
 */
final class Staging {
  /** User metadata on a failed manifest: Firehose's error code, and its message. */
  static final String ERROR_CODE_METADATA = "firehose-error-code";
  static final String ERROR_MESSAGE_METADATA = "firehose-error-message";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter HOUR_PATH =
      DateTimeFormatter.ofPattern("yyyy/MM/dd/HH", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter NAME_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final S3Client s3;
  private final String bucket;
  private final String prefix;
  private final boolean gzip;

  Staging(S3Client s3, String bucket, String prefix, boolean gzip) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
    this.gzip = gzip;
  }

  /** A staged batch: its objects' keys, the manifest's text and the records' total bytes. */
  record Staged(String bucket, String dataKey, String manifestKey, String failedManifestKey,
      byte[] manifest, long bytes) {

    String manifestUrl() {
      return "s3://" + bucket + "/" + manifestKey;
    }
  }

  /** An object named by a manifest entry. */
  record Location(String bucket, String key) {}

  /** Writes the batch's data object and its manifest. */
  Staged stage(DeliveryBatch batch) throws DeliveryException {
    Instant oldest = Instant.ofEpochMilli(batch.oldestArrivalMillis());
    String hour = HOUR_PATH.format(oldest);
    String name = String.format(Locale.ROOT, "%s-%s-%020d-%020d", batch.deliveryStreamName(),
        NAME_TIME.format(oldest), batch.firstOffset(), batch.lastOffset());
    String dataKey = prefix + hour + "/" + name + (gzip ? ".gz" : "");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (FirehoseRecord r : batch.records()) {
      raw.writeBytes(r.data());
    }
    byte[] manifest = manifest(List.of("s3://" + bucket + "/" + dataKey));
    Staged staged = new Staged(bucket, dataKey, prefix + "manifests/" + hour + "/" + name,
        prefix + "errors/manifests/" + hour + "/" + name, manifest, raw.size());
    put(dataKey, (gzip ? Compression.GZIP : Compression.UNCOMPRESSED)
        .compress(raw.toByteArray(), null, 0), Map.of());
    put(staged.manifestKey(), manifest, Map.of());
    return staged;
  }

  /** Keeps the manifest of a batch given up on under errors/manifests/, with the error. */
  void writeFailedManifest(Staged staged, DeliveryException error) throws DeliveryException {
    put(staged.failedManifestKey(), staged.manifest(), Map.of(
        ERROR_CODE_METADATA, error.errorCode(),
        ERROR_MESSAGE_METADATA, asciiMetadata(error.getMessage())));
  }

  /** The objects a manifest names, read back from S3 (what Redshift's COPY ... MANIFEST reads). */
  List<Location> readManifest(Staged staged) throws DeliveryException {
    JsonNode root;
    try (InputStream in = open(new Location(staged.bucket(), staged.manifestKey()))) {
      root = JSON.readTree(in);
    } catch (IOException e) {
      throw RedshiftError.INTERNAL_ERROR.failure("Reading the manifest " + staged.manifestUrl()
          + " failed: " + e.getMessage(), e);
    }
    List<Location> out = new ArrayList<>();
    for (JsonNode entry : root.path("entries")) {
      String url = entry.path("url").asText("");
      int slash = url.indexOf('/', "s3://".length());
      if (!url.startsWith("s3://") || slash < 0) {
        throw RedshiftError.DATA_LOAD_FAILED.failure("Manifest entry " + url
            + " is not an s3://bucket/key URL.");
      }
      out.add(new Location(url.substring(5, slash), url.substring(slash + 1)));
    }
    return out;
  }

  /** Opens a staged object for reading. */
  InputStream open(Location location) throws DeliveryException {
    try {
      return s3.getObject(b -> b.bucket(location.bucket()).key(location.key()));
    } catch (S3Exception e) {
      RedshiftError code = e.statusCode() == 404 ? RedshiftError.MISSING_S3_FILE
          : e.statusCode() == 403 ? RedshiftError.S3_BUCKET_ACCESS_DENIED
          : RedshiftError.INTERNAL_ERROR;
      throw code.failure("s3://" + location.bucket() + "/" + location.key() + ": "
          + e.getMessage(), e);
    } catch (SdkException e) {
      throw RedshiftError.INTERNAL_ERROR.failure("Reading s3://" + location.bucket() + "/"
          + location.key() + " failed: " + e.getMessage(), e);
    }
  }

  private void put(String key, byte[] body, Map<String, String> metadata)
      throws DeliveryException {
    try {
      s3.putObject(b -> b.bucket(bucket).key(key).metadata(metadata), RequestBody.fromBytes(body));
    } catch (S3Exception e) {
      String code = switch (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()) {
        case "NoSuchBucket" -> "S3.NoSuchBucket";
        case "AccessDenied" -> "S3.AccessDenied";
        default -> "InternalError";
      };
      throw new DeliveryException(code, "Staging s3://" + bucket + "/" + key + " failed: "
          + e.getMessage(), true, e);
    } catch (SdkException e) {
      throw new DeliveryException("InternalError", "Staging s3://" + bucket + "/" + key
          + " failed: " + e.getMessage(), true, e);
    }
  }

  /** A Redshift manifest naming {@code urls}, each mandatory. */
  static byte[] manifest(List<String> urls) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode entries = root.putArray("entries");
    for (String url : urls) {
      entries.addObject().put("url", url).put("mandatory", true);
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** S3 user metadata travels in HTTP headers: printable US-ASCII, kept short. */
  private static String asciiMetadata(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length() && out.length() < 1024; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : ' ');
    }
    return out.toString();
  }
}
