package io.rivulet.video.control;

import java.time.Duration;

/**
 * The control plane's settings: how long a new stream stays CREATING, a deleted one DELETING and
 * an updated one UPDATING, and how many streams (and signaling channels) one account may have in a
 * region (AWS's default quota: 10,000 of each). Immutable.
 */
public record VideoConfig(Duration createDelay, Duration deleteDelay, Duration updateDelay,
    int streamLimit, int channelLimit) {

  public VideoConfig {
    if (createDelay.isNegative() || deleteDelay.isNegative() || updateDelay.isNegative()) {
      throw new IllegalArgumentException("negative video status delay");
    }
    if (streamLimit < 1 || channelLimit < 1) {
      throw new IllegalArgumentException("video stream and channel limits must be positive");
    }
  }

  /** Half a second in each transient status, 10,000 streams and channels per account and region. */
  public static VideoConfig defaults() {
    Duration half = Duration.ofMillis(500);
    return new VideoConfig(half, half, half, 10_000, 10_000);
  }

  /** The same delay for CREATING and UPDATING, {@code delete} for DELETING. */
  public VideoConfig withDelays(Duration create, Duration delete) {
    return new VideoConfig(create, delete, create, streamLimit, channelLimit);
  }

  public VideoConfig withStreamLimit(int limit) {
    return new VideoConfig(createDelay, deleteDelay, updateDelay, limit, channelLimit);
  }
}
