package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/** DescribeImageGenerationConfiguration: the stream's image generation settings, if any. */
public final class DescribeImageGenerationConfiguration extends
    StreamOperation<DescribeImageGenerationConfiguration.Input, DescribeImageGenerationConfiguration.Output> {

  public record Input(String streamName, String streamARN) {}

  public record Output(Map<String, Object> imageGenerationConfiguration) {}

  public DescribeImageGenerationConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(streams.stream(call, in.streamName(), in.streamARN()).imageGeneration());
  }
}
