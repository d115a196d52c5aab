package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.SignalingChannels;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;

/**
 * UpdateMediaStorageConfiguration: maps a channel to the stream its media would be stored in. An
 * ENABLED mapping needs an existing stream that retains data (NoDataRetentionException) and not
 * already mapped to another channel (ResourceInUseException).
 */
public final class UpdateMediaStorageConfiguration
    extends ChannelOperation<UpdateMediaStorageConfiguration.Input, StreamOperation.Empty> {
  private final VideoStreams streams;

  public record Input(String channelARN, MediaStorage mediaStorageConfiguration) {}

  public UpdateMediaStorageConfiguration(SignalingChannels channels, VideoStreams streams) {
    super(channels, Input.class);
    this.streams = streams;
  }

  @Override
  protected StreamOperation.Empty call(Input in, VideoCall call) {
    MediaStorage m = in.mediaStorageConfiguration();
    boolean enabled = "ENABLED".equals(m.status());
    if (enabled && m.streamARN() == null) {
      throw VideoError.INVALID_ARGUMENT.with("An ENABLED media storage configuration needs a StreamARN.");
    }
    if (m.streamARN() != null) {
      StreamMeta s = streams.stream(call, null, m.streamARN());
      if (enabled && s.dataRetentionInHours() == 0) {
        throw VideoError.NO_DATA_RETENTION.with("The stream " + s.name()
            + " retains no data (DataRetentionInHours is 0).");
      }
    }
    channels.change(call, null, in.channelARN(), c -> {
      if (enabled && channels.list(call.accountId(), call.region()).stream().anyMatch(o ->
          o.mediaStorageEnabled() && m.streamARN().equals(o.mediaStorageStreamArn())
              && !o.arn().equals(c.arn()))) {
        throw VideoError.RESOURCE_IN_USE.with("The stream " + m.streamARN()
            + " already stores another channel's media.");
      }
      return c.withMediaStorage(m.streamARN(), enabled);
    });
    return StreamOperation.EMPTY;
  }
}
