package io.rivulet.console;

import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.AwsHandler;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.streams.engine.StreamsEngine;
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
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console: {@code GET /} (and {@code /console/}) answers the page, {@code GET
 * /console/<file>} its static assets (classpath resources beside this class, shipped in the jar),
 * {@code GET /console/api/metrics} the read-only traffic counters ({@link ConsoleMetrics}),
 * {@code GET /console/api/firehose} Firehose's counters, freshness and recent delivery errors
 * ({@link ConsoleFirehose}; 404 without Firehose) and {@code GET /console/api/services} which
 * services this server has (as {@code {"services": [...]}}, each named by its {@code
 * X-Amz-Target} prefix, such as {@code Kinesis_20131202}), so the page shows "not available yet"
 * for the others instead of calling them. Everything else the page needs it asks of the AWS APIs
 * on the same endpoint. Assets are revalidated by ETag on every load ({@code Cache-Control:
 * no-cache}), so a new server jar is seen at once.
 * Thread-safe: assets are cached in a concurrent map once read.
 */
public final class ConsoleHandler implements AwsHandler {
  private static final Logger log = LoggerFactory.getLogger(ConsoleHandler.class);
  static final String PREFIX = "/console/";
  static final String METRICS_PATH = PREFIX + "api/metrics";
  static final String SERVICES_PATH = PREFIX + "api/services";
  static final String FIREHOSE_PATH = PREFIX + "api/firehose";
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

  private final ConsoleMetrics metrics;
  private final ConsoleFirehose firehose; // null: no Firehose
  private final byte[] services;
  private final Map<String, Optional<Asset>> assets = new ConcurrentHashMap<>();

  /**
   * @param engine the Data Streams engine whose counters {@code api/metrics} reports
   * @param services the services the server routes, by {@code X-Amz-Target} prefix
   */
  public ConsoleHandler(StreamsEngine engine, List<String> services) {
    this(engine, null, services);
  }

  /**
   * @param engine the Data Streams engine whose counters {@code api/metrics} reports
   * @param firehose the Firehose engine {@code api/firehose} reports (null: none)
   * @param services the services the server routes, by {@code X-Amz-Target} prefix
   */
  public ConsoleHandler(StreamsEngine engine, FirehoseEngine firehose, List<String> services) {
    this.metrics = new ConsoleMetrics(engine);
    this.firehose = firehose == null ? null : new ConsoleFirehose(firehose);
    this.services = servicesJson(services);
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
      return json(metrics.json());
    }
    if (FIREHOSE_PATH.equals(path) && firehose != null) {
      return json(firehose.json());
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

  private static byte[] servicesJson(List<String> names) {
    StringBuilder json = new StringBuilder("{\"services\":[");
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!name.matches("[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("not a service name: " + name);
      }
      json.append(i == 0 ? "\"" : ",\"").append(name).append('"');
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
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
