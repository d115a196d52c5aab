package io.rivulet.video.control.ops;

import io.rivulet.video.VideoOperation;
import io.rivulet.video.control.TaggedResources;

/** The common base of the ARN-addressed tagging operations. Thread-safe. */
abstract class ResourceOperation<I, O> extends VideoOperation.Sync<I, O> {
  protected final TaggedResources resources;

  ResourceOperation(TaggedResources resources, Class<I> inputType) {
    super(inputType);
    this.resources = resources;
  }
}
