package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/** CreateStream: a new stream, CREATING then ACTIVE; its ARN names the creation time. */
public final class CreateStream extends StreamOperation<CreateStream.Input, CreateStream.Output> {

  /** The stream storage configuration (DefaultStorageTier HOT or WARM). */
  public record StorageConfiguration(String defaultStorageTier) {}

  public record Input(String deviceName, String streamName, String mediaType, String kmsKeyId,
      Integer dataRetentionInHours, Map<String, String> tags,
      StorageConfiguration streamStorageConfiguration) {}

  public record Output(String streamARN) {}

  public CreateStream(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    String tier = in.streamStorageConfiguration() == null ? null
        : in.streamStorageConfiguration().defaultStorageTier();
    StreamMeta m = streams.create(call, in.streamName(), in.deviceName(), in.mediaType(),
        in.kmsKeyId(), in.dataRetentionInHours() == null ? 0 : in.dataRetentionInHours(),
        in.tags(), tier);
    return new Output(m.arn());
  }
}
