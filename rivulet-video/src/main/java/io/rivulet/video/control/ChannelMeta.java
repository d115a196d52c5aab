package io.rivulet.video.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One signaling channel's record (kept and written like {@link StreamMeta}): type, message TTL,
 * version, tags and the media storage configuration (the stream it records to). Immutable.
 *
 * @param mediaStorageStreamArn the stream media is stored in when {@code mediaStorageEnabled}
 */
public record ChannelMeta(String account, String region, String name, String arn, String type,
    int messageTtlSeconds, String version, long creationMillis, Map<String, String> tags,
    String mediaStorageStreamArn, boolean mediaStorageEnabled, String pendingStatus,
    long pendingUntilMillis) {

  public ChannelMeta {
    tags = tags == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** CREATING or UPDATING while pending, else ACTIVE. */
  public String status(long nowMillis) {
    return pendingStatus != null && nowMillis < pendingUntilMillis ? pendingStatus : "ACTIVE";
  }

  public Instant creationTime() {
    return Instant.ofEpochMilli(creationMillis);
  }

  public ChannelMeta withTags(Map<String, String> t) {
    return new ChannelMeta(account, region, name, arn, type, messageTtlSeconds, version,
        creationMillis, t, mediaStorageStreamArn, mediaStorageEnabled, pendingStatus,
        pendingUntilMillis);
  }

  public ChannelMeta withTtl(int ttl, String newVersion, long until) {
    return new ChannelMeta(account, region, name, arn, type, ttl, newVersion, creationMillis, tags,
        mediaStorageStreamArn, mediaStorageEnabled, "UPDATING", until);
  }

  public ChannelMeta withMediaStorage(String streamArn, boolean enabled) {
    return new ChannelMeta(account, region, name, arn, type, messageTtlSeconds, version,
        creationMillis, tags, streamArn, enabled, pendingStatus, pendingUntilMillis);
  }
}
