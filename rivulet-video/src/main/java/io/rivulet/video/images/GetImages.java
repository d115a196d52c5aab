package io.rivulet.video.images;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.media.PlaybackStreams;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GetImages ({@code POST /getImages}, kinesis-video-archived-media): one image per sampling
 * instant from StartTimestamp on (every SamplingInterval ms, default 3000, at least 200, before
 * EndTimestamp; the start instant always), each the frame shown at that instant
 * ({@link ImageSampler}), scaled and encoded as JPEG or PNG ({@link ImageRenderer}), base64 in
 * ImageContent; {@code Error: NO_MEDIA} where no fragment covers the instant, {@code MEDIA_ERROR}
 * where its frames do not decode. At most 25 images per page and MaxResults in all, NextToken
 * while instants remain. Decoding runs on a pool of its own (a thread per core), never on the
 * server's request threads. Thread-safe.
 */
public final class GetImages implements VideoOperation<GetImages.Input, GetImages.Output>,
    AutoCloseable {
  static final int PAGE = 25;
  static final int MIN_SAMPLING_MILLIS = 200;
  static final int DEFAULT_SAMPLING_MILLIS = 3000;
  static final int DEFAULT_JPEG_QUALITY = 80;

  public record Input(String streamName, String streamARN, String imageSelectorType,
      Instant startTimestamp, Instant endTimestamp, Integer samplingInterval, String format,
      Map<String, String> formatConfig, Integer widthPixels, Integer heightPixels,
      Long maxResults, String nextToken) {}

  public record Image(Instant timeStamp, String error, String imageContent) {}

  public record Output(List<Image> images, String nextToken) {}

  private final PlaybackStreams streams;
  private final FragmentStore store;
  private final FrameDecoder decoder;
  private final ExecutorService pool;

  public GetImages(PlaybackStreams streams, FragmentStore store, FrameDecoder decoder) {
    this.streams = streams;
    this.store = store;
    this.decoder = decoder;
    this.pool = Executors.newFixedThreadPool(Math.max(1,
        Runtime.getRuntime().availableProcessors()), r -> {
          Thread t = new Thread(r, "video-images");
          t.setDaemon(true);
          return t;
        });
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public CompletableFuture<Output> handle(Input in, VideoCall call) {
    Query q = Query.of(in);
    VideoStreamCatalog.Stream stream = streams.resolve(call, in.streamName(), in.streamARN());
    if (stream.dataRetentionInHours() == 0) {
      throw VideoError.NO_DATA_RETENTION.with(
          "The stream has no data retention, so it has no images.");
    }
    return CompletableFuture.supplyAsync(() -> page(stream.streamArn(), q), pool);
  }

  private Output page(String streamArn, Query q) {
    ImageSampler sampler = new ImageSampler(store, streamArn, q.kind(), decoder);
    List<Image> images = new ArrayList<>();
    int size = (int) Math.min(PAGE, q.remaining());
    Instant t = q.next();
    for (; images.size() < size && q.includes(t); t = t.plusMillis(q.intervalMillis())) {
      ImageSampler.Sample s = sampler.at(t);
      if (s.image() == null) {
        images.add(new Image(t, s.error(), null));
        continue;
      }
      BufferedImage scaled = ImageRenderer.scale(s.image(), q.width(), q.height());
      byte[] bytes = "PNG".equals(q.format()) ? ImageRenderer.png(scaled)
          : ImageRenderer.jpeg(scaled, q.jpegQuality());
      images.add(new Image(t, null, Base64.getEncoder().encodeToString(bytes)));
    }
    long remaining = q.remaining() - images.size();
    String next = remaining > 0 && q.includes(t)
        ? Base64.getEncoder().encodeToString((t.toEpochMilli() + "|" + remaining)
            .getBytes(StandardCharsets.UTF_8)) : null;
    return new Output(images, next);
  }

  /**
   * A GetImages request, checked beyond the model.
   *
   * @param next the first instant of this page (StartTimestamp, or where NextToken left off)
   * @param remaining images still allowed by MaxResults (unbounded: Long.MAX_VALUE)
   */
  record Query(TimestampKind kind, Instant start, Instant end, Instant next, long intervalMillis,
      String format, int jpegQuality, Integer width, Integer height, long remaining) {

    /** The sampling instants are the start and those before the end. */
    boolean includes(Instant t) {
      return t.equals(start) || t.isBefore(end);
    }

    static Query of(Input in) {
      int interval = in.samplingInterval() == null ? DEFAULT_SAMPLING_MILLIS
          : in.samplingInterval();
      if (interval < MIN_SAMPLING_MILLIS) {
        throw VideoError.INVALID_ARGUMENT.with("The SamplingInterval must be at least "
            + MIN_SAMPLING_MILLIS + " milliseconds.");
      }
      if (in.endTimestamp().isBefore(in.startTimestamp())) {
        throw VideoError.INVALID_ARGUMENT.with(
            "The StartTimestamp must be before or equal to the EndTimestamp.");
      }
      long max = in.maxResults() == null ? Long.MAX_VALUE : in.maxResults();
      Instant next = in.startTimestamp();
      if (in.nextToken() != null) {
        try {
          String[] p = new String(Base64.getDecoder().decode(in.nextToken()),
              StandardCharsets.UTF_8).split("\\|");
          next = Instant.ofEpochMilli(Long.parseLong(p[0]));
          max = Long.parseLong(p[1]);
        } catch (RuntimeException e) {
          throw VideoError.INVALID_ARGUMENT.with("The NextToken is not valid.");
        }
      }
      return new Query(TimestampKind.valueOf(in.imageSelectorType()), in.startTimestamp(),
          in.endTimestamp(), next, interval, in.format(), jpegQuality(in.formatConfig()),
          in.widthPixels(), in.heightPixels(), max);
    }

    private static int jpegQuality(Map<String, String> config) {
      String v = config == null ? null : config.get("JPEGQuality");
      if (v == null) {
        return DEFAULT_JPEG_QUALITY;
      }
      try {
        int q = Integer.parseInt(v);
        if (q >= 1 && q <= 100) {
          return q;
        }
      } catch (NumberFormatException ignored) {
        // worded below
      }
      throw VideoError.INVALID_ARGUMENT.with("JPEGQuality must be an integer from 1 to 100.");
    }
  }

  /** Stops the decoding threads. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
