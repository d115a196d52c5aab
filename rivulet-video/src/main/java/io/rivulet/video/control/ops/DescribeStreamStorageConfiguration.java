package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;

/** DescribeStreamStorageConfiguration: the stream's default storage tier (HOT unless set). */
public final class DescribeStreamStorageConfiguration extends
    StreamOperation<DescribeStreamStorageConfiguration.Input, DescribeStreamStorageConfiguration.Output> {

  public record Input(String streamName, String streamARN) {}

  public record Output(String streamName, String streamARN,
      CreateStream.StorageConfiguration streamStorageConfiguration) {}

  public DescribeStreamStorageConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    StreamMeta m = streams.stream(call, in.streamName(), in.streamARN());
    return new Output(m.name(), m.arn(), new CreateStream.StorageConfiguration(
        m.storageTier() == null ? "HOT" : m.storageTier()));
  }
}
