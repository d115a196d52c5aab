package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;

/**
 * UpdateDataRetention: raises or lowers the retention by DataRetentionChangeInHours if
 * CurrentVersion is the stream's; the result must stay within 0..87,600 hours
 * (InvalidArgumentException otherwise).
 */
public final class UpdateDataRetention
    extends StreamOperation<UpdateDataRetention.Input, StreamOperation.Empty> {

  public record Input(String streamName, String streamARN, String currentVersion,
      String operation, Integer dataRetentionChangeInHours) {}

  public UpdateDataRetention(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    streams.change(call, in.streamName(), in.streamARN(), true, m -> {
      VideoStreams.checkVersion(m, in.currentVersion());
      long change = in.dataRetentionChangeInHours();
      long next = "INCREASE_DATA_RETENTION".equals(in.operation())
          ? m.dataRetentionInHours() + change : m.dataRetentionInHours() - change;
      VideoStreams.checkRetention(next);
      return m.updated(VideoStreams.newVersion(), m.deviceName(), m.mediaType(), (int) next,
          m.storageTier(), streams.updatingUntil());
    });
    return EMPTY;
  }
}
