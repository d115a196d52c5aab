package io.rivulet.video.ingest;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.CredentialScope;
import io.rivulet.protocol.StreamingHandler;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import io.rivulet.video.RestJsonEndpoint;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoService;
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.WritableFragmentStore;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /putMedia}: checks the signature (over the headers; the payload is signed as empty,
 * as the KVS producer SDK signs it) and {@code kinesisvideo:PutMedia} on the stream (with access
 * control on), the {@code x-amzn-*} headers and the stream, answers 200 at
 * once with a chunked {@code application/json} stream of acks, and runs an {@link IngestSession}
 * on its own thread over the body as it arrives. Header and stream errors are answered as AWS
 * errors before any body is read. Per stream, fragments and bytes are rate-limited (shared by the
 * stream's sessions). Thread-safe.
 */
public final class PutMedia implements StreamingHandler, AutoCloseable {
  static final String SIGNING_NAME = "kinesisvideo";
  /** IAM: {@code kinesisvideo:PutMedia} on the stream's ARN. */
  private static final AccessRules RULES = AccessRules.builder(SIGNING_NAME, SIGNING_NAME,
      AuthErrors.Style.JSON).on("PutMedia", (input, scope) -> List.of((String) input.get("StreamARN")))
      .build();

  private final VideoStreamCatalog catalog;
  private final WritableFragmentStore store;
  private final AccessControl access;
  private final Clock clock;
  private final IngestConfig config;
  private final VideoStats stats;
  private final Map<String, RateLimiter[]> limits = new ConcurrentHashMap<>();
  private final ExecutorService sessions;
  private final AtomicInteger active = new AtomicInteger();

  /** @param stats the per-stream counters /metrics shows (PutMedia.Incoming*, acks, sessions) */
  public PutMedia(VideoStreamCatalog catalog, WritableFragmentStore store, AccessControl access,
      Clock clock, IngestConfig config, VideoStats stats) {
    this.catalog = catalog;
    this.store = store;
    this.access = access;
    this.clock = clock;
    this.config = config;
    this.stats = stats;
    AtomicInteger n = new AtomicInteger();
    this.sessions = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "video-putmedia-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public boolean accepts(AwsRequest head) {
    return "POST".equals(head.method()) && "/putMedia".equals(head.path());
  }

  /** Sessions running now. */
  public int activeSessions() {
    return active.get();
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest head, Flow.Publisher<ByteBuffer> body) {
    IngestSession.Spec spec;
    VideoStreamCatalog.Stream stream;
    try {
      Authentication auth = access.enabled()
          ? access.authenticate(head.withBody(new byte[0]), SIGNING_NAME) : null;
      CredentialScope scope = CredentialScope.of(head);
      stream = auth != null ? findStream(head, auth.principal().accountId(), auth.region())
          : findStream(head, scope.accountId(), scope.region());
      if (auth != null) {
        access.authorize(auth, RULES, "PutMedia", Map.of("StreamARN", stream.streamArn()), head);
      }
      spec = spec(head, stream.streamArn());
    } catch (VideoException e) {
      return CompletableFuture.completedFuture(VideoService.error(e));
    } catch (AuthException e) {
      return CompletableFuture.completedFuture(
          VideoService.error(RestJsonEndpoint.translate(e)));
    }
    AckPublisher acks = new AckPublisher();
    BodyStream in = new BodyStream(config.idleAck().toMillis(), config.idleTimeout().toMillis(),
        () -> acks.send(Ack.idle()));
    String arn = stream.streamArn();
    RateLimiter[] rates = limits.computeIfAbsent(arn, k -> new RateLimiter[] {
        new RateLimiter(config.fragmentsPerSecond(), config.fragmentsPerSecond(), clock,
            Thread::sleep),
        new RateLimiter(config.bytesPerSecond(), config.bytesPerSecond(), clock, Thread::sleep)});
    VideoStats.StreamCounters counters = stats.stream(arn);
    IngestSession session = new IngestSession(spec, store,
        () -> catalog.find(stream.account(), stream.region(), null, arn), acks, config, clock,
        rates[0], rates[1], counters);
    body.subscribe(in);
    active.incrementAndGet();
    counters.activePutMediaConnections.incrementAndGet();
    sessions.execute(() -> {
      try {
        session.run(in);
      } finally {
        in.close();
        active.decrementAndGet();
        counters.activePutMediaConnections.decrementAndGet();
      }
    });
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return CompletableFuture.completedFuture(new AwsResponse(200, headers, null, acks));
  }

  private VideoStreamCatalog.Stream findStream(AwsRequest head, String account, String region) {
    String name = blankToNull(head.header("x-amzn-stream-name"));
    String arn = blankToNull(head.header("x-amzn-stream-arn"));
    if ((name == null) == (arn == null)) {
      throw VideoException.invalidArgument(
          "Exactly one of x-amzn-stream-name and x-amzn-stream-arn must be given");
    }
    Optional<VideoStreamCatalog.Stream> found = catalog.find(account, region, name, arn);
    return found.orElseThrow(() -> VideoException.notFound(
        "The requested stream " + (name != null ? name : arn) + " was not found."));
  }

  private static IngestSession.Spec spec(AwsRequest head, String arn) {
    String type = blankToNull(head.header("x-amzn-fragment-timecode-type"));
    if (type == null || !(type.equals("ABSOLUTE") || type.equals("RELATIVE"))) {
      throw VideoException.invalidArgument(
          "x-amzn-fragment-timecode-type must be ABSOLUTE or RELATIVE");
    }
    String start = blankToNull(head.header("x-amzn-producer-start-timestamp"));
    long startMillis = 0;
    if (start != null) {
      try {
        startMillis = new BigDecimal(start).movePointRight(3).longValue();
      } catch (NumberFormatException e) {
        throw VideoException.invalidArgument(
            "x-amzn-producer-start-timestamp must be epoch seconds, not " + start);
      }
    } else if (type.equals("RELATIVE")) {
      throw VideoException.invalidArgument(
          "x-amzn-producer-start-timestamp is required with RELATIVE fragment timecodes");
    }
    String required = blankToNull(head.header("x-amzn-fragment-acknowledgment-required"));
    boolean acks = required == null || !(required.equals("0") || required.equalsIgnoreCase("false"));
    return new IngestSession.Spec(arn, type.equals("ABSOLUTE"), startMillis, acks);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Stops taking new sessions; running ones end with their connections. */
  @Override
  public void close() {
    sessions.shutdown(); // no interrupt: a session may be inside a store fsync
  }
}
