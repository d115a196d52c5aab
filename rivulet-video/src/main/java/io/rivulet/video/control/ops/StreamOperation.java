package io.rivulet.video.control.ops;

import io.rivulet.video.VideoOperation;
import io.rivulet.video.control.VideoStreams;

/** The common base of the stream operations: the catalog they act on. Thread-safe. */
abstract class StreamOperation<I, O> extends VideoOperation.Sync<I, O> {
  protected final VideoStreams streams;

  StreamOperation(VideoStreams streams, Class<I> inputType) {
    super(inputType);
    this.streams = streams;
  }

  /** An output with no members. */
  public record Empty() {}

  static final Empty EMPTY = new Empty();
}
