package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/** ListTagsForStream: every tag of the stream (50 at most, so always one page). */
public final class ListTagsForStream
    extends StreamOperation<ListTagsForStream.Input, ListTagsForStream.Output> {

  public record Input(String nextToken, String streamARN, String streamName) {}

  public record Output(String nextToken, Map<String, String> tags) {}

  public ListTagsForStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(null, streams.stream(call, in.streamName(), in.streamARN()).tags());
  }
}
