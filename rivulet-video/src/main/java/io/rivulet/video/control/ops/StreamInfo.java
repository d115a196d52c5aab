package io.rivulet.video.control.ops;

import io.rivulet.video.control.StreamMeta;
import java.time.Instant;

/** The StreamInfo shape DescribeStream and ListStreams answer with. Immutable. */
public record StreamInfo(String deviceName, String streamName, String streamARN,
    String mediaType, String kmsKeyId, String version, String status, Instant creationTime,
    Integer dataRetentionInHours) {

  static StreamInfo of(StreamMeta m, long nowMillis) {
    return new StreamInfo(m.deviceName(), m.name(), m.arn(), m.mediaType(), m.kmsKeyId(),
        m.version(), m.status(nowMillis), m.creationTime(), m.dataRetentionInHours());
  }
}
