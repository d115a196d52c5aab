package io.rivulet.video;

import java.time.Instant;
import java.util.Optional;

/**
 * The control plane's view of video streams, for ingest, playback and stream processors.
 * Implementations are thread-safe.
 */
public interface VideoStreamCatalog {

  /**
   * The stream named {@code streamName} or with ARN {@code streamArn} (exactly one is non-null)
   * in the account and region, if it exists (in any status).
   */
  Optional<Stream> find(String account, String region, String streamName, String streamArn);

  /**
   * A video stream's settings.
   *
   * @param streamArn {@code arn:aws:kinesisvideo:<region>:<account>:stream/<name>/<creationMillis>}
   * @param status CREATING, ACTIVE, UPDATING or DELETING
   * @param dataRetentionInHours 0 keeps no media
   */
  record Stream(String streamArn, String streamName, String account, String region,
      String status, int dataRetentionInHours, String mediaType, String kmsKeyId,
      Instant creationTime) {}
}
