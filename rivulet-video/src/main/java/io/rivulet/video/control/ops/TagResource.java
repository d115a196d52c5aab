package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.TaggedResources;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TagResource: adds or replaces tags (a Key/Value list) of a stream or channel by ARN. */
public final class TagResource extends ResourceOperation<TagResource.Input, StreamOperation.Empty> {

  public record Tag(String key, String value) {}

  public record Input(String resourceARN, List<Tag> tags) {}

  public TagResource(TaggedResources resources) {
    super(resources, Input.class);
  }

  @Override
  protected StreamOperation.Empty call(Input in, VideoCall call) {
    Map<String, String> added = new LinkedHashMap<>();
    in.tags().forEach(t -> added.put(t.key(), t.value()));
    resources.retag(call, in.resourceARN(), t -> Tags.merged(t, added, in.resourceARN()));
    return StreamOperation.EMPTY;
  }
}
