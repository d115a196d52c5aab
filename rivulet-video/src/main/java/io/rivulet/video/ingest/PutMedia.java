package io.rivulet.video.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.CredentialScope;
import io.rivulet.protocol.StreamingHandler;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.WritableFragmentStore;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
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
 * as the KVS producer SDK signs it), the {@code x-amzn-*} headers and the stream, answers 200 at
 * once with a chunked {@code application/json} stream of acks, and runs an {@link IngestSession}
 * on its own thread over the body as it arrives. Header and stream errors are answered as AWS
 * errors before any body is read. Per stream, fragments and bytes are rate-limited (shared by the
 * stream's sessions). Thread-safe.
 */
public final class PutMedia implements StreamingHandler, AutoCloseable {
  static final String SIGNING_NAME = "kinesisvideo";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VideoStreamCatalog catalog;
  private final WritableFragmentStore store;
  private final AccessControl access;
  private final Clock clock;
  private final IngestConfig config;
  private final Map<String, RateLimiter[]> limits = new ConcurrentHashMap<>();
  private final ExecutorService sessions;
  private final AtomicInteger active = new AtomicInteger();

  public PutMedia(VideoStreamCatalog catalog, WritableFragmentStore store, AccessControl access,
      Clock clock, IngestConfig config) {
    this.catalog = catalog;
    this.store = store;
    this.access = access;
    this.clock = clock;
    this.config = config;
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
      String[] scope = authenticate(head);
      stream = findStream(head, scope[0], scope[1]);
      spec = spec(head, stream.streamArn());
    } catch (VideoException e) {
      return CompletableFuture.completedFuture(error(e.errorType(), e.status(), e.getMessage()));
    } catch (AuthException e) {
      AuthErrors.Code code = AuthErrors.code(e.failure(), AuthErrors.Style.JSON);
      return CompletableFuture.completedFuture(
          error(code.type(), 403, AuthErrors.message(e, AuthErrors.Style.JSON)));
    }
    AckPublisher acks = new AckPublisher();
    BodyStream in = new BodyStream(config.idleAck().toMillis(), config.idleTimeout().toMillis(),
        () -> acks.send(Ack.idle()));
    String arn = stream.streamArn();
    RateLimiter[] rates = limits.computeIfAbsent(arn, k -> new RateLimiter[] {
        new RateLimiter(config.fragmentsPerSecond(), config.fragmentsPerSecond(), clock,
            Thread::sleep),
        new RateLimiter(config.bytesPerSecond(), config.bytesPerSecond(), clock, Thread::sleep)});
    IngestSession session = new IngestSession(spec, store,
        () -> catalog.find(stream.account(), stream.region(), null, arn), acks, config, clock,
        rates[0], rates[1]);
    body.subscribe(in);
    active.incrementAndGet();
    sessions.execute(() -> {
      try {
        session.run(in);
      } finally {
        in.close();
        active.decrementAndGet();
      }
    });
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    return CompletableFuture.completedFuture(new AwsResponse(200, headers, null, acks));
  }

  /** The account and region: the verified signer's, or (auth off) the credential scope's. */
  private String[] authenticate(AwsRequest head) {
    if (access.enabled()) {
      Authentication auth = access.authenticate(head.withBody(new byte[0]), SIGNING_NAME);
      return new String[] {auth.principal().accountId(), auth.region()};
    }
    CredentialScope scope = CredentialScope.of(head);
    return new String[] {scope.accountId(), scope.region()};
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

  /** An AWS rest-json error: {@code x-amzn-ErrorType: <type>:} and {@code {"Message": ...}}. */
  static AwsResponse error(String type, int status, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("x-amzn-ErrorType", type + ":");
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(Map.of("Message", message == null ? "" : message));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return new AwsResponse(status, headers, body);
  }

  /** Stops taking new sessions; running ones end with their connections. */
  @Override
  public void close() {
    sessions.shutdown(); // no interrupt: a session may be inside a store fsync
  }
}
