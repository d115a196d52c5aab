package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/**
 * StartEdgeConfigurationUpdate: keeps the stream's edge agent configuration (the stream must retain
 * data: NoDataRetentionException). No edge agent runs, so it stays SYNCING.
 */
public final class StartEdgeConfigurationUpdate
    extends StreamOperation<StartEdgeConfigurationUpdate.Input, EdgeConfigurations> {

  public record Input(String streamName, String streamARN, Map<String, Object> edgeConfig) {}

  public StartEdgeConfigurationUpdate(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected EdgeConfigurations call(Input in, VideoCall call) {
    return EdgeConfigurations.of(streams.change(call, in.streamName(), in.streamARN(), false, m -> {
      if (m.dataRetentionInHours() == 0) {
        throw VideoError.NO_DATA_RETENTION.with("The stream " + m.name()
            + " retains no data (DataRetentionInHours is 0).");
      }
      return m.withEdgeConfig(in.edgeConfig(), streams.clockMillis());
    }));
  }
}
