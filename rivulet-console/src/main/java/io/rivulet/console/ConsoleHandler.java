package io.rivulet.console;

import io.rivulet.analytics.engine.AnalyticsEngine;
import io.rivulet.firehose.access.FirehoseAccess;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.protocol.ErrorRenderer;
import io.rivulet.protocol.WireFormat;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.protocol.auth.AuthException;
import io.rivulet.protocol.auth.SignatureVerifier.Authentication;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.video.control.VideoStreams;
import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: {@code GET /} (and {@code /console/}) answers the page, {@code GET
 * /console/<file>} its static assets (classpath resources beside this class, shipped in the jar),
 * {@code GET /console/api/metrics} the read-only traffic counters ({@link ConsoleMetrics}),
 * {@code GET /console/api/firehose} Firehose's counters, freshness and recent delivery errors
 * ({@link ConsoleFirehose}; 404 without Firehose), {@code GET /console/api/analytics} the
 * Analytics jobs' state and counters ({@link ConsoleAnalytics}; 404 without Analytics) and
 * {@code GET /console/api/services} which
 * services this server has (as {@code {"services": [...]}}, each named by its {@code
 * X-Amz-Target} prefix, such as {@code Kinesis_20131202}; Kinesis Video Streams, which is rest-json,
 * as {@code KinesisVideo_20170930}), {@code GET /console/api/video} the video streams with their
 * fragment counts ({@link ConsoleVideo}; 404 without video), so the page shows "not available yet"
 * for the others instead of calling them, and whether the server checks signatures ({@code
 * "auth": true}: the page then asks for an access key and signs its calls). Everything else the
 * page needs it asks of the AWS APIs on the same endpoint. Assets are revalidated by ETag on every
 * load ({@code Cache-Control: no-cache}), so a new server jar is seen at once. With access control
 * on, {@code api/metrics} needs a SigV4-signed request (service {@code kinesis}) allowed {@code
 * kinesis:ListStreams} and {@code api/firehose} one (service {@code firehose}) allowed {@code
 * firehose:ListDeliveryStreams}, {@code api/analytics} one (service {@code kinesisanalytics})
 * allowed {@code kinesisanalytics:ListApplications} and {@code api/video} one (service {@code
 * kinesisvideo}) allowed {@code kinesisvideo:ListStreams}; each answers the signer's account
 * only. The page and its assets,
 * which hold no data, stay public. Thread-safe: assets are cached in a concurrent map once read.
 */
public final class ConsoleHandler implements AwsHandler {
  private static final Logger log = LoggerFactory.getLogger(ConsoleHandler.class);
  static final String PREFIX = "/console/";
  static final String METRICS_PATH = PREFIX + "api/metrics";
  static final String SERVICES_PATH = PREFIX + "api/services";
  static final String FIREHOSE_PATH = PREFIX + "api/firehose";
  static final String ANALYTICS_PATH = PREFIX + "api/analytics";
  static final String VIDEO_PATH = PREFIX + "api/video";
  /** Asset names: no directories, so no traversal; the extension picks the content type. */
  private static final Pattern ASSET = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "css", "text/css; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "svg", "image/svg+xml");
  /** Same-origin only: nothing is loaded from elsewhere, and the page calls only this server. */
  private static final String CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
      + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

  private record Asset(String contentType, byte[] body, String etag) {}

  /** What reading the console's counters needs: the same as listing the streams. */
  static final AccessRules ACCESS = AccessRules.builder("kinesis", "kinesis", AuthErrors.Style.JSON)
      .on("ListStreams", AccessRules.none())
      .build();
  /** What reading Firehose's counters needs: the same as listing the delivery streams. */
  static final AccessRules FIREHOSE_ACCESS = FirehoseAccess.rules();
  /** What reading Analytics' job counters needs: the same as listing the applications. */
  static final AccessRules ANALYTICS_ACCESS =
      AccessRules.builder("kinesisanalytics", "kinesisanalytics", AuthErrors.Style.JSON)
          .on("ListApplications", AccessRules.none())
          .build();
  /** What reading the video streams needs: the same as listing them. */
  static final AccessRules VIDEO_ACCESS =
      AccessRules.builder("kinesisvideo", "kinesisvideo", AuthErrors.Style.JSON)
          .on("ListStreams", AccessRules.none())
          .build();

  private final ConsoleMetrics metrics;
  private final ConsoleFirehose firehose; // null: no Firehose
  private final ConsoleAnalytics analytics; // null: no Analytics
  private final ConsoleVideo video; // null: no video
  private final byte[] services;
  private final AccessControl access;
  private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

  /**
   * @param engine the Data Streams engine whose counters {@code api/metrics} reports
   * @param services the services the server routes, by {@code X-Amz-Target} prefix
   */
  public ConsoleHandler(StreamsEngine engine, List<String> services) {
    this(engine, services, AccessControl.off());
  }

  /** A console whose counters need a signed, authorised request when access control is on. */
  public ConsoleHandler(StreamsEngine engine, List<String> services, AccessControl access) {
    this(engine, null, services, access);
  }

  /**
   * A console whose counters need a signed, authorised request when access control is on.
   *
   * @param engine the Data Streams engine whose counters {@code api/metrics} reports
   * @param firehose the Firehose engine {@code api/firehose} reports (null: none)
   * @param services the services the server routes, by {@code X-Amz-Target} prefix
   */
  public ConsoleHandler(StreamsEngine engine, FirehoseEngine firehose, List<String> services,
      AccessControl access) {
    this(engine, firehose, null, null, null, services, access);
  }

  /**
   * A console with Kinesis Video Streams too.
   *
   * @param videoStreams the video stream catalog {@code api/video} reports (null: no video)
   * @param fragments the fragments it counts (null: none wired)
   */
  public ConsoleHandler(StreamsEngine engine, FirehoseEngine firehose, VideoStreams videoStreams,
      FragmentStore fragments, List<String> services, AccessControl access) {
    this(engine, firehose, null, videoStreams, fragments, services, access);
  }

  /**
   * A console with Analytics and Kinesis Video Streams.
   *
   * @param analytics the Analytics control plane whose jobs {@code api/analytics} reports (null:
   *     none)
   * @param videoStreams the video stream catalog {@code api/video} reports (null: no video)
   * @param fragments the fragments it counts (null: none wired)
   */
  public ConsoleHandler(StreamsEngine engine, FirehoseEngine firehose, AnalyticsEngine analytics,
      VideoStreams videoStreams, FragmentStore fragments, List<String> services,
      AccessControl access) {
    this.metrics = new ConsoleMetrics(engine);
    this.firehose = firehose == null ? null : new ConsoleFirehose(firehose);
    this.analytics = analytics == null ? null : new ConsoleAnalytics(analytics);
    this.video = videoStreams == null ? null : new ConsoleVideo(videoStreams, fragments);
    this.services = servicesJson(services, access.enabled());
    this.access = access;
  }

  /**
   * Whether a request is the console's: a GET of {@code /} (without a query, which would be a
   * presigned AWS request) or under {@code /console}, and never one that names an AWS operation.
   */
  public boolean accepts(AwsRequest request) {
    if (!"GET".equals(request.method()) || request.header("x-amz-target") != null) {
      return false;
    }
    String path = request.path();
    return ("/".equals(path) && request.rawQuery().isEmpty())
        || "/console".equals(path)
        || path.startsWith(PREFIX);
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest request) {
    try {
      return CompletableFuture.completedFuture(respond(request));
    } catch (RuntimeException e) {
      log.error("Request {}: console failed", request.requestId(), e);
      return CompletableFuture.completedFuture(text(500, "Internal error"));
    }
  }

  private AwsResponse respond(AwsRequest request) {
    String path = request.path();
    if (METRICS_PATH.equals(path)) {
      return signersCounters(request, ACCESS, "ListStreams", metrics::json);
    }
    if (FIREHOSE_PATH.equals(path) && firehose != null) {
      return signersCounters(request, FIREHOSE_ACCESS, "ListDeliveryStreams", firehose::json);
    }
    if (ANALYTICS_PATH.equals(path) && analytics != null) {
      return signersCounters(request, ANALYTICS_ACCESS, "ListApplications", analytics::json);
    }
    if (VIDEO_PATH.equals(path) && video != null) {
      return signersCounters(request, VIDEO_ACCESS, "ListStreams", video::json);
    }
    if (SERVICES_PATH.equals(path)) {
      return json(services);
    }
    if ("/console".equals(path)) {
      AwsResponse r = AwsResponse.of(308, null, new byte[0]);
      r.headers().put("Location", PREFIX);
      return r;
    }
    String name = "/".equals(path) || PREFIX.equals(path) ? "index.html" : path.substring(PREFIX.length());
    Optional<Asset> asset = ASSET.matcher(name).matches()
        ? assets.computeIfAbsent(name, ConsoleHandler::load) : Optional.empty();
    if (asset.isEmpty()) {
      return text(404, "Not found: " + path);
    }
    Asset a = asset.get();
    boolean fresh = a.etag().equals(request.header("if-none-match"));
    AwsResponse r = fresh ? AwsResponse.of(304, null, new byte[0])
        : AwsResponse.of(200, a.contentType(), a.body());
    r.headers().put("ETag", a.etag());
    r.headers().put("Cache-Control", "no-cache");
    r.headers().put("X-Content-Type-Options", "nosniff");
    if (name.endsWith(".html")) {
      r.headers().put("Content-Security-Policy", CSP);
      r.headers().put("Referrer-Policy", "no-referrer");
    }
    return r;
  }

  /**
   * Counters as JSON: with access control on, of the signer's account only, once the request's
   * signature is verified and {@code operation} allowed by {@code rules}; else of every account.
   */
  private AwsResponse signersCounters(AwsRequest request, AccessRules rules, String operation,
      Function<String, byte[]> counters) {
    String account = null;
    if (access.enabled()) {
      try {
        Authentication auth = access.authenticate(request, rules.signingName());
        access.authorize(auth, rules, operation, Map.of(), request);
        account = auth.principal().accountId();
      } catch (AuthException e) {
        AwsResponse denied = ErrorRenderer.render(AuthErrors.toAwsException(e, rules.style()), WireFormat.JSON_1_1);
        denied.headers().put("Cache-Control", "no-store");
        return denied;
      }
    }
    return json(counters.apply(account));
  }

  private static Optional<Asset> load(String name) {
    try (InputStream in = ConsoleHandler.class.getResourceAsStream(name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] body = in.readAllBytes();
      String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
      return Optional.of(new Asset(type, body, etag(body)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] servicesJson(List<String> names, boolean auth) {
    StringBuilder json = new StringBuilder("{\"services\":[");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("not a service name: " + name);
      }
      json.append(i == 0 ? "\"" : ",\"").append(name).append('"');
    }
    return json.append("],\"auth\":").append(auth).append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String etag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static AwsResponse json(byte[] body) {
    AwsResponse r = AwsResponse.of(200, "application/json", body);
    r.headers().put("Cache-Control", "no-store");
    return r;
  }

  private static AwsResponse text(int status, String message) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "text/plain; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    return new AwsResponse(status, headers, message.getBytes(StandardCharsets.UTF_8));
  }
}
