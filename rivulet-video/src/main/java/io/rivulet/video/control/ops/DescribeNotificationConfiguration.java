package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/** DescribeNotificationConfiguration: the stream's notification settings, if any. */
public final class DescribeNotificationConfiguration extends
    StreamOperation<DescribeNotificationConfiguration.Input, DescribeNotificationConfiguration.Output> {

  public record Input(String streamName, String streamARN) {}

  public record Output(Map<String, Object> notificationConfiguration) {}

  public DescribeNotificationConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(streams.stream(call, in.streamName(), in.streamARN()).notification());
  }
}
