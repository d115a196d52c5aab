package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/**
 * DeleteStream: by ARN, with the CurrentVersion (VersionMismatchException if it is not the
 * stream's); the stream is DELETING for a while, its media is dropped at once.
 */
public final class DeleteStream extends StreamOperation<DeleteStream.Input, StreamOperation.Empty> {

  public record Input(String streamARN, String currentVersion) {}

  public DeleteStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.delete(call, in.streamARN(), in.currentVersion());
    return EMPTY;
  }
}
