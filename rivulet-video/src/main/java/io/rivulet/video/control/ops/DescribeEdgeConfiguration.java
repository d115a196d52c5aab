package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/** DescribeEdgeConfiguration: the stream's edge configuration (404 if it has none). */
public final class DescribeEdgeConfiguration
    extends StreamOperation<DescribeEdgeConfiguration.Input, EdgeConfigurations> {

  public record Input(String streamName, String streamARN) {}

  public DescribeEdgeConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected EdgeConfigurations call(Input in, VideoCall call) {
    return EdgeConfigurations.required(streams.stream(call, in.streamName(), in.streamARN()));
  }
}
