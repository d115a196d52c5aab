package io.rivulet.video.control;

import io.rivulet.video.VideoStreamCatalog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One video stream's control-plane record, as kept in memory and written (JSON, one file per
 * stream) under {@code <data-dir>/video/meta}. Configurations are the validated request values
 * (member name to value), written back as the model's shapes. {@code pendingStatus} (CREATING or
 * UPDATING) holds until {@code pendingUntilMillis}; {@code deletingUntilMillis} > 0 marks a
 * deleted stream, DELETING until then and gone after. Immutable (maps are copied in and never
 * changed).
 *
 * @param version changes with every metadata change ({@code [a-zA-Z0-9]+})
 * @param storageTier the StreamStorageConfiguration's DefaultStorageTier (HOT or WARM)
 */
public record StreamMeta(String account, String region, String name, String arn,
    String deviceName, String mediaType, String kmsKeyId, String version, long creationMillis,
    int dataRetentionInHours, Map<String, String> tags, String storageTier,
    Map<String, Object> imageGeneration, Map<String, Object> notification,
    Map<String, Object> edgeConfig, long edgeUpdatedMillis, String pendingStatus,
    long pendingUntilMillis, long deletingUntilMillis) {

  public StreamMeta {
    tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** The status at {@code nowMillis}: DELETING, CREATING or UPDATING while pending, else ACTIVE. */
  public String status(long nowMillis) {
    if (deletingUntilMillis > 0) {
      return "DELETING";
    }
    return pendingStatus != null && nowMillis < pendingUntilMillis ? pendingStatus : "ACTIVE";
  }

  /** Whether a deleted stream is gone for good at {@code nowMillis}. */
  public boolean goneAt(long nowMillis) {
    return deletingUntilMillis > 0 && nowMillis >= deletingUntilMillis;
  }

  public Instant creationTime() {
    return Instant.ofEpochMilli(creationMillis);
  }

  /** The contract view other video packages read. */
  public VideoStreamCatalog.Stream view(long nowMillis) {
    return new VideoStreamCatalog.Stream(arn, name, account, region, status(nowMillis),
        dataRetentionInHours, mediaType, kmsKeyId, creationTime());
  }

  /** A new version string and metadata changes applied; UPDATING until {@code until}. */
  public StreamMeta updated(String newVersion, String newDevice, String newMediaType, int retention,
      String tier, long until) {
    return new StreamMeta(account, region, name, arn, newDevice, newMediaType, kmsKeyId,
        newVersion, creationMillis, retention, tags, tier, imageGeneration, notification,
        edgeConfig, edgeUpdatedMillis, "UPDATING", until, deletingUntilMillis);
  }

  public StreamMeta withTags(Map<String, String> t) {
    return new StreamMeta(account, region, name, arn, deviceName, mediaType, kmsKeyId, version,
        creationMillis, dataRetentionInHours, t, storageTier, imageGeneration, notification,
        edgeConfig, edgeUpdatedMillis, pendingStatus, pendingUntilMillis, deletingUntilMillis);
  }

  public StreamMeta withImageGeneration(Map<String, Object> c) {
    return new StreamMeta(account, region, name, arn, deviceName, mediaType, kmsKeyId, version,
        creationMillis, dataRetentionInHours, tags, storageTier, c, notification,
        edgeConfig, edgeUpdatedMillis, pendingStatus, pendingUntilMillis, deletingUntilMillis);
  }

  public StreamMeta withNotification(Map<String, Object> c) {
    return new StreamMeta(account, region, name, arn, deviceName, mediaType, kmsKeyId, version,
        creationMillis, dataRetentionInHours, tags, storageTier, imageGeneration, c,
        edgeConfig, edgeUpdatedMillis, pendingStatus, pendingUntilMillis, deletingUntilMillis);
  }

  public StreamMeta withEdgeConfig(Map<String, Object> c, long updatedMillis) {
    return new StreamMeta(account, region, name, arn, deviceName, mediaType, kmsKeyId, version,
        creationMillis, dataRetentionInHours, tags, storageTier, imageGeneration, notification,
        c, updatedMillis, pendingStatus, pendingUntilMillis, deletingUntilMillis);
  }

  public StreamMeta deleting(long until) {
    return new StreamMeta(account, region, name, arn, deviceName, mediaType, kmsKeyId, version,
        creationMillis, dataRetentionInHours, tags, storageTier, imageGeneration, notification,
        edgeConfig, edgeUpdatedMillis, pendingStatus, pendingUntilMillis, Math.max(1, until));
  }
}
