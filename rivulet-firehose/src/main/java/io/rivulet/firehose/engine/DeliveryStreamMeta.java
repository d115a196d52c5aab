package io.rivulet.firehose.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One delivery stream's control-plane state, as persisted: identity, status, type, version,
 * source and destination configurations exactly as the requests carried them (AWS member names),
 * tags in insertion order, encryption, and the times of recent Start/StopDeliveryStreamEncryption
 * calls (their 24-hour limit). Immutable: changes make copies.
 *
 * @param createdMillis creation time; also names the delivery stream's buffer, so a stream
 *     deleted and created again under the same name starts with a fresh buffer
 * @param lastUpdateMillis when UpdateDestination last changed it, or null
 * @param source {@code {"KinesisStreamSourceConfiguration": {...}}} or {@code
 *     {"DirectPutSourceConfiguration": {...}}}, or empty (DirectPut without one)
 * @param destinationType the destination's configuration name without its suffix:
 *     {@code ExtendedS3}, {@code Redshift}, {@code Elasticsearch}, {@code Amazonopensearchservice},
 *     {@code AmazonOpenSearchServerless}, {@code Splunk} or {@code HttpEndpoint} (an {@code S3}
 *     destination is kept as ExtendedS3, as AWS does)
 * @param destination the destination configuration in the {@code <type>DestinationConfiguration}
 *     shape
 */
public record DeliveryStreamMeta(String account, String region, String name, long createdMillis,
    String status, String type, int versionId, Long lastUpdateMillis, Map<String, Object> source,
    String destinationType, Map<String, Object> destination, Map<String, String> tags,
    Encryption encryption, List<Long> encryptionCalls) {
  public static final String CREATING = "CREATING";
  public static final String ACTIVE = "ACTIVE";
  public static final String DELETING = "DELETING";
  public static final String DIRECT_PUT = "DirectPut";
  public static final String KINESIS_SOURCE = "KinesisStreamAsSource";
  /** The one destination's id, as AWS numbers it. */
  public static final String DESTINATION_ID = "destinationId-000000000001";

  public DeliveryStreamMeta {
    source = source == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(source));
    destination = Collections.unmodifiableMap(new LinkedHashMap<>(destination));
    tags = tags == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    encryption = encryption == null ? Encryption.disabled() : encryption;
    encryptionCalls = encryptionCalls == null ? List.of() : List.copyOf(encryptionCalls);
  }

  public DeliveryStreamKey key() {
    return new DeliveryStreamKey(account, region, name);
  }

  public String arn() {
    return key().arn();
  }

  /** The name of its buffer log: {@code <account>/<region>/<name>-<createdMillis>}. */
  public String logName() {
    return account + "/" + region + "/" + name + "-" + createdMillis;
  }

  public DeliveryStreamMeta withStatus(String s) {
    return new DeliveryStreamMeta(account, region, name, createdMillis, s, type, versionId,
        lastUpdateMillis, source, destinationType, destination, tags, encryption, encryptionCalls);
  }

  public DeliveryStreamMeta withTags(Map<String, String> t) {
    return new DeliveryStreamMeta(account, region, name, createdMillis, status, type, versionId,
        lastUpdateMillis, source, destinationType, destination, t, encryption, encryptionCalls);
  }

  /** The destination replaced, the version incremented, the update time set. */
  public DeliveryStreamMeta withDestination(String destType, Map<String, Object> config,
      long nowMillis) {
    return new DeliveryStreamMeta(account, region, name, createdMillis, status, type,
        versionId + 1, nowMillis, source, destType, config, tags, encryption, encryptionCalls);
  }

  public DeliveryStreamMeta withEncryption(Encryption e) {
    return new DeliveryStreamMeta(account, region, name, createdMillis, status, type, versionId,
        lastUpdateMillis, source, destinationType, destination, tags, e, encryptionCalls);
  }

  /** With one more Start/Stop call at {@code nowMillis}, forgetting calls older than 24 hours. */
  public DeliveryStreamMeta withEncryptionCall(long nowMillis) {
    List<Long> recent = new ArrayList<>();
    for (long t : encryptionCalls) {
      if (t > nowMillis - 24 * 3_600_000L) {
        recent.add(t);
      }
    }
    recent.add(nowMillis);
    return new DeliveryStreamMeta(account, region, name, createdMillis, status, type, versionId,
        lastUpdateMillis, source, destinationType, destination, tags, encryption, recent);
  }

  /** Start/Stop calls in the 24 hours before {@code nowMillis}. */
  public int encryptionCallsSince(long nowMillis) {
    int n = 0;
    for (long t : encryptionCalls) {
      if (t > nowMillis - 24 * 3_600_000L) {
        n++;
      }
    }
    return n;
  }
}
