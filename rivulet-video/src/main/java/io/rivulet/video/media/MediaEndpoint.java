package io.rivulet.video.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;

/**
 * GetMedia ({@code POST /getMedia}, kinesis-video-media), GetMediaForFragmentList and
 * ListFragments ({@code POST /getMediaForFragmentList}, {@code POST /listFragments},
 * kinesis-video-archived-media). The media operations answer {@code 200 video/webm} with a
 * streamed body of {@link MediaChunks} ({@link ChunkPublisher}); GetMedia stays open for
 * fragments persisted later and ends after {@code idle} without one. Thread-safe.
 */
public final class MediaEndpoint implements VideoEndpoint, AutoCloseable {
  /** How long a GetMedia response waits for a new fragment before it ends. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(3);
  public static final String CONTENT_TYPE = "video/webm";

  static final int LIST_DEFAULT = 100;
  static final int LIST_MAX = 1000;
  private static final Pattern DIGITS = Pattern.compile("^[0-9]+$");

  private final VideoStreamCatalog catalog;
  private final MediaAccess access;
  private final FragmentStore store;
  private final Clock clock;
  private final Duration idle;
  private final ExecutorService readers;
  private final ScheduledExecutorService timer;

  public MediaEndpoint(VideoStreamCatalog catalog, MediaAccess access, FragmentStore store,
      Clock clock, Duration idle) {
    this.catalog = catalog;
    this.access = access;
    this.store = store;
    this.clock = clock;
    this.idle = idle;
    this.readers = Executors.newCachedThreadPool(daemon("video-media-reader"));
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("video-media-timer"));
  }

  @Override
  public boolean accepts(AwsRequest request) {
    return MediaRequests.isPost(request, "/getMedia")
        || MediaRequests.isPost(request, "/getMediaForFragmentList")
        || MediaRequests.isPost(request, "/listFragments");
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    try {
      JsonNode body = MediaRequests.body(request);
      AwsResponse response = switch (request.path()) {
        case "/getMedia" -> getMedia(request, body);
        case "/getMediaForFragmentList" -> getMediaForFragmentList(request, body);
        default -> listFragments(request, body);
      };
      return CompletableFuture.completedFuture(response);
    } catch (VideoException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private AwsResponse getMedia(AwsRequest request, JsonNode body) {
    JsonNode sel = body.get("StartSelector");
    if (sel == null || sel.isNull()) {
      throw MediaRequests.constraint(null, "startSelector", "Member must not be null");
    }
    if (!sel.isObject()) {
      throw VideoException.invalidArgument("StartSelector must be a structure.");
    }
    StartSelector selector = new StartSelector(
        MediaRequests.text(sel, "StartSelectorType", "startSelector.startSelectorType", 0,
            Integer.MAX_VALUE),
        MediaRequests.text(sel, "AfterFragmentNumber", "startSelector.afterFragmentNumber", 1,
            128),
        MediaRequests.timestamp(sel, "StartTimestamp"),
        MediaRequests.text(sel, "ContinuationToken", "startSelector.continuationToken", 1, 128));
    VideoStreamCatalog.Stream stream = MediaRequests.stream(catalog, access, "GetMedia", request,
        body);
    StartSelector.Position start = selector.resolve(store, stream.streamArn());
    return streamed(new LiveSource(store, stream.streamArn(), start, clock));
  }

  private AwsResponse getMediaForFragmentList(AwsRequest request, JsonNode body) {
    JsonNode list = body.get("Fragments");
    if (list == null || list.isNull()) {
      throw MediaRequests.constraint(null, "fragments", "Member must not be null");
    }
    if (!list.isArray()) {
      throw VideoException.invalidArgument("Fragments must be a list.");
    }
    if (list.size() < 1 || list.size() > LIST_MAX) {
      throw MediaRequests.constraint(list.toString(), "fragments", list.size() < 1
          ? "Member must have length greater than or equal to 1"
          : "Member must have length less than or equal to " + LIST_MAX);
    }
    List<String> numbers = new ArrayList<>();
    for (JsonNode n : list) {
      if (!n.isTextual() || !DIGITS.matcher(n.textValue()).matches()
          || n.textValue().length() > 128) {
        throw MediaRequests.constraint(n.asText(), "fragments",
            "Member must satisfy constraint: [Member must satisfy regular expression pattern: "
                + "^[0-9]+$]");
      }
      numbers.add(n.textValue());
    }
    VideoStreamCatalog.Stream stream = MediaRequests.stream(catalog, access,
        "GetMediaForFragmentList", request, body);
    for (String n : numbers) {
      if (store.find(stream.streamArn(), n).isEmpty()) {
        throw VideoException.invalidArgument("Fragment numbers are invalid : " + n);
      }
    }
    return streamed(new ListSource(store, stream.streamArn(), numbers));
  }

  private AwsResponse streamed(ChunkPublisher.Source source) {
    Flow.Publisher<ByteBuffer> body = new ChunkPublisher(source, readers, timer, idle);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    return new AwsResponse(200, headers, null, body);
  }

  private AwsResponse listFragments(AwsRequest request, JsonNode body) {
    int max = (int) MediaRequests.number(body, "MaxResults", "maxResults", 1, LIST_MAX,
        LIST_DEFAULT);
    String next = MediaRequests.text(body, "NextToken", "nextToken", 1, 4096);
    ListPage page = next != null ? ListPage.fromToken(next) : ListPage.fromSelector(body);
    VideoStreamCatalog.Stream stream = MediaRequests.stream(catalog, access, "ListFragments",
        request, body);
    List<FragmentInfo> found = store.list(stream.streamArn(), page.kind(), page.from(),
        page.to(), page.after(), max + 1);
    ObjectNode out = MediaRequests.JSON.createObjectNode();
    ArrayNode fragments = out.putArray("Fragments");
    for (FragmentInfo f : found.subList(0, Math.min(max, found.size()))) {
      ObjectNode o = fragments.addObject();
      o.put("FragmentNumber", f.fragmentNumber());
      o.put("FragmentSizeInBytes", f.sizeBytes());
      o.put("ProducerTimestamp", MediaRequests.epochSeconds(f.producerTimestamp()));
      o.put("ServerTimestamp", MediaRequests.epochSeconds(f.serverTimestamp()));
      o.put("FragmentLengthInMilliseconds", f.durationMillis());
    }
    if (found.size() > max) {
      out.put("NextToken", page.after(found.get(max - 1).fragmentNumber()).token());
    }
    return MediaRequests.json(out);
  }

  /** Where a ListFragments page starts: the selector's range, after a fragment number. */
  record ListPage(TimestampKind kind, Instant from, Instant to, String after) {
    static ListPage fromSelector(JsonNode body) {
      JsonNode sel = body.get("FragmentSelector");
      if (sel == null || sel.isNull()) {
        return new ListPage(TimestampKind.SERVER_TIMESTAMP, null, null, null);
      }
      String type = MediaRequests.enumValue(sel, "FragmentSelectorType",
          "fragmentSelector.fragmentSelectorType", "PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP");
      if (type == null) {
        throw MediaRequests.constraint(null, "fragmentSelector.fragmentSelectorType",
            "Member must not be null");
      }
      JsonNode range = sel.get("TimestampRange");
      if (range == null || range.isNull()) {
        throw MediaRequests.constraint(null, "fragmentSelector.timestampRange",
            "Member must not be null");
      }
      Instant from = MediaRequests.timestamp(range, "StartTimestamp");
      Instant to = MediaRequests.timestamp(range, "EndTimestamp");
      if (from == null || to == null) {
        throw MediaRequests.constraint(null, from == null
            ? "fragmentSelector.timestampRange.startTimestamp"
            : "fragmentSelector.timestampRange.endTimestamp", "Member must not be null");
      }
      if (from.isAfter(to)) {
        throw VideoException.invalidArgument(
            "The StartTimestamp must be before or equal to the EndTimestamp.");
      }
      return new ListPage(TimestampKind.valueOf(type), from, to, null);
    }

    static ListPage fromToken(String token) {
      String[] p = MediaRequests.untoken(token).split("\\|", -1);
      try {
        return new ListPage(TimestampKind.valueOf(p[0]), millis(p[1]), millis(p[2]),
            p[3].isEmpty() ? null : p[3]);
      } catch (RuntimeException e) {
        throw VideoException.invalidArgument("The NextToken is not valid.");
      }
    }

    ListPage after(String fragmentNumber) {
      return new ListPage(kind, from, to, fragmentNumber);
    }

    String token() {
      return MediaRequests.token(kind + "|" + (from == null ? "" : from.toEpochMilli()) + "|"
          + (to == null ? "" : to.toEpochMilli()) + "|" + (after == null ? "" : after));
    }

    private static Instant millis(String s) {
      return s.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }
  }

  /** Stops the reader threads (open responses end with an error). */
  @Override
  public void close() {
    readers.shutdownNow();
    timer.shutdownNow();
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
