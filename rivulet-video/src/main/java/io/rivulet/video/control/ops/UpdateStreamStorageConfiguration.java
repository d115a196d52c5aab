package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/**
 * UpdateStreamStorageConfiguration: a new default storage tier (HOT or WARM) if CurrentVersion is
 * the stream's. Rivulet stores every tier alike; the setting is kept and reported.
 */
public final class UpdateStreamStorageConfiguration
    extends StreamOperation<UpdateStreamStorageConfiguration.Input, StreamOperation.Empty> {

  public record Input(String streamName, String streamARN, String currentVersion,
      CreateStream.StorageConfiguration streamStorageConfiguration) {}

  public UpdateStreamStorageConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), true, m -> {
      VideoStreams.checkVersion(m, in.currentVersion());
      return m.updated(VideoStreams.newVersion(), m.deviceName(), m.mediaType(),
          m.dataRetentionInHours(), in.streamStorageConfiguration().defaultStorageTier(),
          streams.updatingUntil());
    });
    return EMPTY;
  }
}
