package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/** DescribeStream: a stream's StreamInfo, by name or ARN (404 if it does not exist). */
public final class DescribeStream extends StreamOperation<DescribeStream.Input, DescribeStream.Output> {

  public record Input(String streamName, String streamARN) {}

  public record Output(StreamInfo streamInfo) {}

  public DescribeStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(StreamInfo.of(streams.stream(call, in.streamName(), in.streamARN()),
        streams.clockMillis()));
  }
}
