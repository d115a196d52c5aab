package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.List;

/** UntagStream: removes tags by key (keys it does not have are ignored). */
public final class UntagStream extends StreamOperation<UntagStream.Input, StreamOperation.Empty> {

  public record Input(String streamARN, String streamName, List<String> tagKeyList) {}

  public UntagStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), false,
        m -> m.withTags(Tags.without(m.tags(), in.tagKeyList())));
    return EMPTY;
  }
}
