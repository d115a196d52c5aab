package io.rivulet.video.control.ops;

import io.rivulet.video.VideoOperation;
import io.rivulet.video.control.ChannelMeta;
import io.rivulet.video.control.SignalingChannels;
import java.time.Instant;

/** The common base of the signaling channel operations. Thread-safe. */
abstract class ChannelOperation<I, O> extends VideoOperation.Sync<I, O> {
  protected final SignalingChannels channels;

  ChannelOperation(SignalingChannels channels, Class<I> inputType) {
    super(inputType);
    this.channels = channels;
  }

  /** SingleMasterConfiguration. */
  public record SingleMaster(Integer messageTtlSeconds) {}

  /** The ChannelInfo shape. */
  public record ChannelInfo(String channelName, String channelARN, String channelType,
      String channelStatus, Instant creationTime, SingleMaster singleMasterConfiguration,
      String version) {

    static ChannelInfo of(ChannelMeta c, long nowMillis) {
      return new ChannelInfo(c.name(), c.arn(), c.type(), c.status(nowMillis), c.creationTime(),
          new SingleMaster(c.messageTtlSeconds()), c.version());
    }
  }
}
