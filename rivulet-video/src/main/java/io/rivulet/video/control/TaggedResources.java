package io.rivulet.video.control;

import io.rivulet.video.VideoCall;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The resources TagResource, UntagResource and ListTagsForResource reach by ARN: streams ({@code
 * ...:stream/<name>/<millis>}) and signaling channels ({@code ...:channel/<name>/<millis>}).
 * ResourceNotFoundException for an ARN that names nothing in the caller's account and region.
 * Implementations are thread-safe.
 */
public interface TaggedResources {

  /** The resource's tags. */
  Map<String, String> tags(VideoCall call, String arn);

  /** Replaces the resource's tags with {@code change} applied to them, durably. */
  void retag(VideoCall call, String arn, UnaryOperator<Map<String, String>> change);
}
