package io.rivulet.video.control.ops;

import io.rivulet.video.VideoError;
import io.rivulet.video.control.StreamMeta;
import java.time.Instant;
import java.util.Map;

/**
 * The edge configuration output shape, shared by StartEdgeConfigurationUpdate, Describe and List:
 * Rivulet keeps the configuration, and with no edge agent to acknowledge it, reports it SYNCING.
 */
public record EdgeConfigurations(String streamName, String streamARN, Instant creationTime,
    Instant lastUpdatedTime, String syncStatus, String failedStatusDetails,
    Map<String, Object> edgeConfig) {

  static final String SYNCING = "SYNCING";

  static EdgeConfigurations of(StreamMeta m) {
    Instant at = Instant.ofEpochMilli(m.edgeUpdatedMillis());
    return new EdgeConfigurations(m.name(), m.arn(), at, at, SYNCING, null, m.edgeConfig());
  }

  /** The stream's configuration; StreamEdgeConfigurationNotFoundException if it has none. */
  static EdgeConfigurations required(StreamMeta m) {
    if (m.edgeConfig() == null) {
      throw VideoError.STREAM_EDGE_CONFIGURATION_NOT_FOUND.with("The stream " + m.name()
          + " has no edge configuration.");
    }
    return of(m);
  }
}
