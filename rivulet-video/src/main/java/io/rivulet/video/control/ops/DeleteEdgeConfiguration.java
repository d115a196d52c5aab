package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/** DeleteEdgeConfiguration: drops the stream's edge configuration (404 if it has none). */
public final class DeleteEdgeConfiguration
    extends StreamOperation<DeleteEdgeConfiguration.Input, StreamOperation.Empty> {

  public record Input(String streamName, String streamARN) {}

  public DeleteEdgeConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), false, m -> {
      EdgeConfigurations.required(m);
      return m.withEdgeConfig(null, 0);
    });
    return EMPTY;
  }
}
