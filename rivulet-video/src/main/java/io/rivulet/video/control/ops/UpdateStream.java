package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/**
 * UpdateStream: a new DeviceName and/or MediaType (absent ones unchanged) if CurrentVersion is the
 * stream's; UPDATING for a while, with a new Version.
 */
public final class UpdateStream extends StreamOperation<UpdateStream.Input, StreamOperation.Empty> {

  public record Input(String streamName, String streamARN, String currentVersion,
      String deviceName, String mediaType) {}

  public UpdateStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), true, m -> {
      VideoStreams.checkVersion(m, in.currentVersion());
      return m.updated(VideoStreams.newVersion(),
          in.deviceName() == null ? m.deviceName() : in.deviceName(),
          in.mediaType() == null ? m.mediaType() : in.mediaType(), m.dataRetentionInHours(),
          m.storageTier(), streams.updatingUntil());
    });
    return EMPTY;
  }
}
