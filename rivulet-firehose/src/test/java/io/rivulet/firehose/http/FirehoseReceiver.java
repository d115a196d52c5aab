package io.rivulet.firehose.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A receiver of Firehose HTTP endpoint deliveries, written from the receiving side of Firehose's
 * "HTTP endpoint delivery request and response specifications": it checks each request against
 * the request format (method, every header, gzip, body schema, request id in header and body,
 * base64 records), checks the access key, records what arrived, and answers as the test scripts
 * (a spec-conforming 200 by default). Anything a request gets wrong is kept in
 * {@link #violations} and answered 400. Serves HTTP or HTTPS on 127.0.0.1, port 0. Thread-safe.
 */
public final class FirehoseReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    // the JDK server writes headers and body separately; without this, Nagle's algorithm and
    // delayed ACKs add 40 ms to every exchange
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One request as received. */
  public record Received(String requestId, long timestamp, List<byte[]> records,
      Map<String, String> commonAttributes, String accessKey, String sourceArn, boolean gzip,
      String pathAndQuery) {}

  /** How the receiver answers a (valid) request. */
  @FunctionalInterface
  public interface Responder {
    void respond(HttpExchange exchange, Received request) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final String expectedAccessKey;
  private final Queue<Responder> script = new ConcurrentLinkedQueue<>();
  public final List<Received> received = new CopyOnWriteArrayList<>();
  public final List<String> violations = new CopyOnWriteArrayList<>();

  private FirehoseReceiver(HttpServer server, String expectedAccessKey) {
    this.server = server;
    this.expectedAccessKey = expectedAccessKey;
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** An HTTP receiver that accepts only {@code accessKey} (null: any). */
  public static FirehoseReceiver http(String accessKey) throws IOException {
    return new FirehoseReceiver(HttpServer.create(loopback(), 0), accessKey);
  }

  /** An HTTPS receiver presenting the certificate of {@code tls}. */
  public static FirehoseReceiver https(SSLContext tls, String accessKey) throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    return new FirehoseReceiver(server, accessKey);
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  /** The URL of the receiver's ingest path. */
  public URI url() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort()
        + "/firehose/ingest?source=rivulet");
  }

  /** The next requests are answered by these responders, in turn; after them, {@link #ok}. */
  public void script(Responder... responders) {
    script.addAll(List.of(responders));
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      List<String> problems = new ArrayList<>();
      Received request = read(exchange, problems);
      if (!problems.isEmpty()) {
        violations.addAll(problems);
        answer(exchange, 400, request == null ? null : request.requestId(),
            String.join("; ", problems));
        return;
      }
      received.add(request);
      if (expectedAccessKey != null && !expectedAccessKey.equals(request.accessKey())) {
        answer(exchange, 401, request.requestId(), "Unauthorized");
        return;
      }
      Responder next = script.poll();
      (next == null ? ok() : next).respond(exchange, request);
    }
  }

  private Received read(HttpExchange ex, List<String> problems) throws IOException {
    var h = ex.getRequestHeaders();
    expect(problems, "POST".equals(ex.getRequestMethod()), "method " + ex.getRequestMethod());
    expect(problems, "application/json".equals(h.getFirst("Content-Type")),
        "Content-Type " + h.getFirst("Content-Type"));
    expect(problems, "1.0".equals(h.getFirst("X-Amz-Firehose-Protocol-Version")),
        "protocol version " + h.getFirst("X-Amz-Firehose-Protocol-Version"));
    expect(problems, h.getFirst("Content-Length") != null, "no Content-Length");
    String arn = h.getFirst("X-Amz-Firehose-Source-Arn");
    expect(problems, arn != null && arn.matches("arn:aws:firehose:[a-z0-9-]+:\\d{12}:"
        + "deliverystream/[a-zA-Z0-9_.-]+"), "source ARN " + arn);
    String encoding = h.getFirst("Content-Encoding");
    expect(problems, encoding == null || encoding.equals("gzip"), "Content-Encoding " + encoding);
    Map<String, String> attributes = commonAttributes(h.getFirst(
        "X-Amz-Firehose-Common-Attributes"), problems);
    byte[] raw = ex.getRequestBody().readAllBytes();
    byte[] body = encoding == null ? raw : gunzip(raw, problems);
    String headerId = h.getFirst("X-Amz-Firehose-Request-Id");
    JsonNode json = body == null ? null : parse(body, problems);
    if (json == null) {
      return null;
    }
    String bodyId = json.path("requestId").asText(null);
    expect(problems, headerId != null && headerId.equals(bodyId),
        "request id header " + headerId + " body " + bodyId);
    expect(problems, json.path("timestamp").isIntegralNumber(), "timestamp");
    List<byte[]> records = records(json.path("records"), problems);
    return new Received(bodyId, json.path("timestamp").asLong(), records, attributes,
        h.getFirst("X-Amz-Firehose-Access-Key"), arn, encoding != null,
        ex.getRequestURI().toString());
  }

  private static Map<String, String> commonAttributes(String header, List<String> problems) {
    Map<String, String> attributes = new LinkedHashMap<>();
    try {
      JsonNode json = header == null ? null : JSON.readTree(header);
      JsonNode inner = json == null ? null : json.get("commonAttributes");
      if (inner == null || !inner.isObject() || json.size() != 1) {
        problems.add("common attributes header " + header);
        return attributes;
      }
      for (Map.Entry<String, JsonNode> e : inner.properties()) {
        expect(problems, e.getValue().isTextual(), "attribute " + e.getKey() + " not a string");
        attributes.put(e.getKey(), e.getValue().asText());
      }
    } catch (IOException e) {
      problems.add("common attributes header is not JSON: " + header);
    }
    return attributes;
  }

  private static List<byte[]> records(JsonNode records, List<String> problems) {
    List<byte[]> out = new ArrayList<>();
    expect(problems, records.isArray() && records.size() >= 1 && records.size() <= 10_000,
        "records array of " + records.size());
    for (JsonNode record : records) {
      JsonNode data = record.get("data");
      if (data == null || !data.isTextual() || record.size() != 1) {
        problems.add("record " + record);
        continue;
      }
      try {
        out.add(Base64.getDecoder().decode(data.asText()));
      } catch (IllegalArgumentException e) {
        problems.add("record data is not base64: " + data.asText());
      }
    }
    return out;
  }

  private static byte[] gunzip(byte[] raw, List<String> problems) {
    try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
      return in.readAllBytes();
    } catch (IOException e) {
      problems.add("Content-Encoding gzip but the body is not gzip");
      return null;
    }
  }

  private static JsonNode parse(byte[] body, List<String> problems) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        return json;
      }
    } catch (IOException e) {
      // reported below
    }
    problems.add("body is not a JSON object");
    return null;
  }

  private static void expect(List<String> problems, boolean ok, String problem) {
    if (!ok) {
      problems.add(problem);
    }
  }

  /** A spec-conforming success. */
  public static Responder ok() {
    return (ex, r) -> answer(ex, 200, r.requestId(), null);
  }

  /** A spec-conforming failure with {@code status} and {@code errorMessage}. */
  public static Responder fail(int status, String errorMessage) {
    return (ex, r) -> answer(ex, status, r.requestId(), errorMessage);
  }

  /** Any status, content type and body, for answers that break the spec. */
  public static Responder raw(int status, String contentType, String body) {
    return (ex, r) -> send(ex, status, contentType, body);
  }

  /** Answers after {@code release} opens (or the receiver closes). */
  public static Responder after(java.util.concurrent.CountDownLatch release, Responder then) {
    return (ex, r) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      then.respond(ex, r);
    };
  }

  static void answer(HttpExchange ex, int status, String requestId, String errorMessage)
      throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("requestId", requestId);
    body.put("timestamp", System.currentTimeMillis());
    if (errorMessage != null) {
      body.put("errorMessage", errorMessage);
    }
    send(ex, status, "application/json", body.toString());
  }

  /** Answers {@code status} with {@code body} (no body when empty) of {@code contentType}. */
  public static void send(HttpExchange ex, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
