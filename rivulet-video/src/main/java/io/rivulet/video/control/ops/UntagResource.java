package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.TaggedResources;
import java.util.List;

/** UntagResource: removes tags by key from a stream or channel by ARN. */
public final class UntagResource
    extends ResourceOperation<UntagResource.Input, StreamOperation.Empty> {

  public record Input(String resourceARN, List<String> tagKeyList) {}

  public UntagResource(TaggedResources resources) {
    super(resources, Input.class);
  }

  @Override
  protected StreamOperation.Empty call(Input in, VideoCall call) {
    resources.retag(call, in.resourceARN(), t -> Tags.without(t, in.tagKeyList()));
    return StreamOperation.EMPTY;
  }
}
