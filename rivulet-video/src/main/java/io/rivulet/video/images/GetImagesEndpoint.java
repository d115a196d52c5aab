package io.rivulet.video.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.media.MediaAccess;
import io.rivulet.video.media.MediaRequests;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * GetImages ({@code POST /getImages}, kinesis-video-archived-media): one image per sampling
 * instant from StartTimestamp on (every SamplingInterval ms, before EndTimestamp; the start
 * instant always), each the frame shown at that instant ({@link ImageSampler}), scaled and encoded
 * as JPEG or PNG, base64 in ImageContent; {@code Error: NO_MEDIA} where no fragment covers the
 * instant, {@code MEDIA_ERROR} where its frames do not decode. At most 25 images per page and
 * MaxResults in all, NextToken while instants remain. Decoding runs on a pool of its own (as many
 * threads as cores) so it never holds the server's handler threads. Thread-safe.
 */
public final class GetImagesEndpoint implements VideoEndpoint, AutoCloseable {
  static final int PAGE = 25;
  static final int MAX_RESULTS = 100;
  static final int MIN_SAMPLING_MILLIS = 200;
  /** Used when SamplingInterval is absent. */
  static final int DEFAULT_SAMPLING_MILLIS = 3000;
  static final int DEFAULT_JPEG_QUALITY = 80;
  private static final Pattern CONFIG_VALUE = Pattern.compile("^[a-zA-Z_0-9]+");

  private final VideoStreamCatalog catalog;
  private final MediaAccess access;
  private final FragmentStore store;
  private final FrameDecoder decoder;
  private final ExecutorService pool;

  public GetImagesEndpoint(VideoStreamCatalog catalog, MediaAccess access, FragmentStore store,
      FrameDecoder decoder) {
    this.catalog = catalog;
    this.access = access;
    this.store = store;
    this.decoder = decoder;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "video-images");
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return MediaRequests.isPost(request, "/getImages");
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    Query q;
    VideoStreamCatalog.Stream stream;
    try {
      JsonNode body = MediaRequests.body(request);
      q = Query.of(body);
      stream = MediaRequests.stream(catalog, access, "GetImages", request, body);
      if (stream.dataRetentionInHours() == 0) {
        throw new VideoException("NoDataRetentionException", 400,
            "The stream has no data retention, so it has no images.");
      }
    } catch (VideoException e) {
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.supplyAsync(() -> page(stream.streamArn(), q), pool)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(
            e instanceof CompletionException && e.getCause() != null ? e.getCause() : e));
  }

  private AwsResponse page(String streamArn, Query q) {
    ImageSampler sampler = new ImageSampler(store, streamArn, q.kind(), decoder);
    ObjectNode out = MediaRequests.JSON.createObjectNode();
    ArrayNode images = out.putArray("Images");
    int size = (int) Math.min(PAGE, q.remaining());
    Instant t = q.next();
    int n = 0;
    for (; n < size && q.includes(t); n++, t = t.plusMillis(q.intervalMillis())) {
      ObjectNode image = images.addObject();
      image.put("TimeStamp", MediaRequests.epochSeconds(t));
      ImageSampler.Sample s = sampler.at(t);
      if (s.image() == null) {
        image.put("Error", s.error());
        continue;
      }
      java.awt.image.BufferedImage scaled = ImageRenderer.scale(s.image(), q.width(), q.height());
      byte[] bytes = "PNG".equals(q.format()) ? ImageRenderer.png(scaled)
          : ImageRenderer.jpeg(scaled, q.jpegQuality());
      image.put("ImageContent", Base64.getEncoder().encodeToString(bytes));
    }
    long remaining = q.remaining() - n;
    if (remaining > 0 && q.includes(t)) {
      out.put("NextToken", MediaRequests.token(t.toEpochMilli() + "|" + remaining));
    }
    return MediaRequests.json(out);
  }

  /**
   * A GetImages request, read and checked.
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

    static Query of(JsonNode body) {
      String type = MediaRequests.enumValue(body, "ImageSelectorType", "imageSelectorType",
          "PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP");
      require(type, "imageSelectorType");
      Instant start = require(MediaRequests.timestamp(body, "StartTimestamp"), "startTimestamp");
      Instant end = require(MediaRequests.timestamp(body, "EndTimestamp"), "endTimestamp");
      String format = require(MediaRequests.enumValue(body, "Format", "format", "JPEG", "PNG"),
          "format");
      long interval = MediaRequests.number(body, "SamplingInterval", "samplingInterval",
          Integer.MIN_VALUE, Integer.MAX_VALUE, DEFAULT_SAMPLING_MILLIS);
      if (interval < MIN_SAMPLING_MILLIS) {
        throw VideoException.invalidArgument("The SamplingInterval must be at least "
            + MIN_SAMPLING_MILLIS + " milliseconds.");
      }
      if (end.isBefore(start)) {
        throw VideoException.invalidArgument(
            "The StartTimestamp must be before or equal to the EndTimestamp.");
      }
      Integer width = optionalInt(body, "WidthPixels", "widthPixels", 3840);
      Integer height = optionalInt(body, "HeightPixels", "heightPixels", 2160);
      long max = MediaRequests.number(body, "MaxResults", "maxResults", 1, MAX_RESULTS,
          Long.MAX_VALUE);
      Instant next = start;
      String token = MediaRequests.text(body, "NextToken", "nextToken", 1, 4096);
      if (token != null) {
        String[] p = MediaRequests.untoken(token).split("\\|");
        try {
          next = Instant.ofEpochMilli(Long.parseLong(p[0]));
          max = Long.parseLong(p[1]);
        } catch (RuntimeException e) {
          throw VideoException.invalidArgument("The NextToken is not valid.");
        }
      }
      return new Query(TimestampKind.valueOf(type), start, end, next, interval, format,
          jpegQuality(body), width, height, max);
    }

    private static Integer optionalInt(JsonNode body, String member, String path, int max) {
      return body.hasNonNull(member)
          ? (int) MediaRequests.number(body, member, path, 1, max, 0) : null;
    }

    private static int jpegQuality(JsonNode body) {
      JsonNode config = body.get("FormatConfig");
      if (config == null || config.isNull()) {
        return DEFAULT_JPEG_QUALITY;
      }
      if (!config.isObject() || config.size() != 1) {
        throw MediaRequests.constraint(String.valueOf(config), "formatConfig",
            "Member must have length less than or equal to 1");
      }
      Iterator<Map.Entry<String, JsonNode>> it = config.properties().iterator();
      Map.Entry<String, JsonNode> e = it.next();
      if (!"JPEGQuality".equals(e.getKey())) {
        throw MediaRequests.constraint(e.getKey(), "formatConfig",
            "Map keys must satisfy constraint: [Member must satisfy enum value set: "
                + "[JPEGQuality]]");
      }
      String v = e.getValue().asText();
      if (!CONFIG_VALUE.matcher(v).matches()) {
        throw MediaRequests.constraint(v, "formatConfig",
            "Map value must satisfy constraint: [Member must satisfy regular expression "
                + "pattern: ^[a-zA-Z_0-9]+]");
      }
      try {
        int q = Integer.parseInt(v);
        if (q >= 1 && q <= 100) {
          return q;
        }
      } catch (NumberFormatException ignored) {
        // worded below
      }
      throw VideoException.invalidArgument("JPEGQuality must be an integer from 1 to 100.");
    }

    private static <T> T require(T value, String path) {
      if (value == null) {
        throw MediaRequests.constraint(null, path, "Member must not be null");
      }
      return value;
    }
  }

  /** Stops the decoding threads. */
  @Override
  public void close() {
    pool.shutdownNow();
  }
}
