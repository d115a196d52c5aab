package io.rivulet.video.testing;

import io.rivulet.video.VideoStreamCatalog;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A VideoStreamCatalog in memory for playback tests (account 000000000000, us-east-1). */
public final class MemoryCatalog implements VideoStreamCatalog {
  public static final String ACCOUNT = "000000000000";
  public static final String REGION = "us-east-1";
  private final Map<String, Stream> streams = new ConcurrentHashMap<>();

  /** Adds an ACTIVE stream and returns it. */
  public Stream add(String name, int retentionHours) {
    return add(name, "ACTIVE", retentionHours);
  }

  /** Adds (or replaces) a stream in this status and returns it; its ARN depends on the name only. */
  public Stream add(String name, String status, int retentionHours) {
    Stream s = new Stream("arn:aws:kinesisvideo:" + REGION + ":" + ACCOUNT + ":stream/" + name
        + "/1700000000000", name, ACCOUNT, REGION, status, retentionHours, "video/h264", null,
        Instant.ofEpochSecond(1_700_000_000));
    streams.put(name, s);
    return s;
  }

  @Override
  public Optional<Stream> find(String account, String region, String streamName,
      String streamArn) {
    return streams.values().stream()
        .filter(s -> s.account().equals(account) && s.region().equals(region))
        .filter(s -> streamName != null ? s.streamName().equals(streamName)
            : s.streamArn().equals(streamArn))
        .findFirst();
  }
}
