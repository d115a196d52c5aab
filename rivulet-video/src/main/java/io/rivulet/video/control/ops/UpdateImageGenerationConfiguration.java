package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.VideoStreams;
import java.util.Map;

/**
 * UpdateImageGenerationConfiguration: sets (or, without a configuration, removes) the stream's
 * image generation settings. The stream must retain data (NoDataRetentionException) and be ACTIVE;
 * SamplingInterval is 200..20,000 ms and a JPEGQuality 1..100, as AWS checks.
 */
public final class UpdateImageGenerationConfiguration
    extends StreamOperation<UpdateImageGenerationConfiguration.Input, StreamOperation.Empty> {
  static final int MIN_SAMPLING_MS = 200;
  static final int MAX_SAMPLING_MS = 20_000;

  public record Input(String streamName, String streamARN,
      Map<String, Object> imageGenerationConfiguration) {}

  public UpdateImageGenerationConfiguration(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Empty call(Input in, VideoCall call) {
    Map<String, Object> c = in.imageGenerationConfiguration();
    if (c != null) {
      check(c);
    }
    streams.change(call, in.streamName(), in.streamARN(), true, m -> {
      if (c != null && m.dataRetentionInHours() == 0) {
        throw VideoError.NO_DATA_RETENTION.with("The stream " + m.name()
            + " retains no data (DataRetentionInHours is 0).");
      }
      return m.withImageGeneration(c);
    });
    return EMPTY;
  }

  private static void check(Map<String, Object> c) {
    long interval = ((Number) c.get("SamplingInterval")).longValue();
    if (interval < MIN_SAMPLING_MS || interval > MAX_SAMPLING_MS) {
      throw VideoError.INVALID_ARGUMENT.with("SamplingInterval must be between " + MIN_SAMPLING_MS
          + " and " + MAX_SAMPLING_MS + " milliseconds, not " + interval + ".");
    }
    if (c.get("FormatConfig") instanceof Map<?, ?> f && f.get("JPEGQuality") != null) {
      if (!"JPEG".equals(c.get("Format"))) {
        throw VideoError.INVALID_ARGUMENT.with("FormatConfig JPEGQuality applies to Format JPEG only.");
      }
      String q = String.valueOf(f.get("JPEGQuality"));
      if (!q.matches("[0-9]{1,3}") || Integer.parseInt(q) < 1 || Integer.parseInt(q) > 100) {
        throw VideoError.INVALID_ARGUMENT.with("JPEGQuality must be a whole number from 1 to 100, not "
            + q + ".");
      }
    }
  }
}
