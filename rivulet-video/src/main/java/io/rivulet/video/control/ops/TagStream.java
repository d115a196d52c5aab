package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/** TagStream: adds or replaces tags of a stream named by name or ARN; at most 50 in all. */
public final class TagStream extends StreamOperation<TagStream.Input, StreamOperation.Empty> {

  public record Input(String streamARN, String streamName, Map<String, String> tags) {}

  public TagStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), false,
        m -> m.withTags(Tags.merged(m.tags(), in.tags(), m.arn())));
    return EMPTY;
  }
}
