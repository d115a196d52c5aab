package io.rivulet.video.ingest;

import java.time.Duration;

/**
 * PutMedia limits and timings: AWS's per-fragment limits (50 MB, 10 s, 3 tracks, 10 metadata
 * tags), per-stream rates (5 fragments/s, 12.5 MB/s), the IDLE acknowledgement interval and the
 * idle time after which a silent session is ended. Immutable.
 */
public record IngestConfig(long maxFragmentBytes, Duration maxFragmentDuration, int maxTracks,
    int maxFragmentTags, double fragmentsPerSecond, double bytesPerSecond, Duration idleAck,
    Duration idleTimeout) {

  /** AWS's limits; IDLE every 3 s of silence, the session ended after 30 s. */
  public static IngestConfig defaults() {
    return new IngestConfig(50L * 1000 * 1000, Duration.ofSeconds(10), 3, 10, 5, 12.5e6,
        Duration.ofSeconds(3), Duration.ofSeconds(30));
  }

  public IngestConfig withIdle(Duration ack, Duration timeout) {
    return new IngestConfig(maxFragmentBytes, maxFragmentDuration, maxTracks, maxFragmentTags,
        fragmentsPerSecond, bytesPerSecond, ack, timeout);
  }

  public IngestConfig withMaxFragmentBytes(long bytes) {
    return new IngestConfig(bytes, maxFragmentDuration, maxTracks, maxFragmentTags,
        fragmentsPerSecond, bytesPerSecond, idleAck, idleTimeout);
  }

  public IngestConfig withRates(double fragments, double bytes) {
    return new IngestConfig(maxFragmentBytes, maxFragmentDuration, maxTracks, maxFragmentTags,
        fragments, bytes, idleAck, idleTimeout);
  }
}
