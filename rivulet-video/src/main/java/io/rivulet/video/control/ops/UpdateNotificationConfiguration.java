package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/**
 * UpdateNotificationConfiguration: sets (or, without a configuration, removes) where the stream's
 * fragment notifications go. The stream must retain data (NoDataRetentionException) and be ACTIVE.
 * Rivulet keeps the setting; it publishes no notifications.
 */
public final class UpdateNotificationConfiguration
    extends StreamOperation<UpdateNotificationConfiguration.Input, StreamOperation.Empty> {

  public record Input(String streamName, String streamARN,
      Map<String, Object> notificationConfiguration) {}

  public UpdateNotificationConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    Map<String, Object> c = in.notificationConfiguration();
    streams.change(call, in.streamName(), in.streamARN(), true, m -> {
      if (c != null && m.dataRetentionInHours() == 0) {
        throw VideoError.NO_DATA_RETENTION.with("The stream " + m.name()
            + " retains no data (DataRetentionInHours is 0).");
      }
      return m.withNotification(c);
    });
    return EMPTY;
  }
}
