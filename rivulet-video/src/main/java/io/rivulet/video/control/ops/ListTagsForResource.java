package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.TaggedResources;
import java.util.Map;

/** ListTagsForResource: every tag of a stream or channel by ARN (one page: 50 at most). */
public final class ListTagsForResource
    extends ResourceOperation<ListTagsForResource.Input, ListTagsForResource.Output> {

  public record Input(String nextToken, String resourceARN) {}

  public record Output(String nextToken, Map<String, String> tags) {}

  public ListTagsForResource(TaggedResources resources) {
    super(resources, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(null, resources.tags(call, in.resourceARN()));
  }
}
