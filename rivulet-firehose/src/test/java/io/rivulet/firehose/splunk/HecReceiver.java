package io.rivulet.firehose.splunk;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rivulet.firehose.http.FirehoseReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;

/**
 * A Splunk HTTP Event Collector for tests, written from Splunk's HEC documentation: token
 * authentication ({@code Authorization: Splunk <token>}, HEC's status codes 1–4), the event
 * endpoint (one or more concatenated JSON event objects, each with a non-blank {@code event};
 * codes 5, 6, 12, 13), the raw endpoint (needs a channel, code 10), and indexer acknowledgement:
 * with it on, a channel is required, each accepted request gets the channel's next
 * {@code ackId}, and {@code /services/collector/ack} answers {@code {"acks":{"<id>":bool}}}
 * (code 14 when acknowledgement is off, 11 for an unknown channel). An id is acknowledged once it
 * has been queried {@link #ackAfterQueries} times, if {@link #acknowledges} lets it be. Thread-safe.
 */
public final class HecReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTENT_TYPE = "application/json; charset=UTF-8";

  static {
    // the JDK server writes headers and body separately; without this, Nagle's algorithm and
    // delayed ACKs add 40 ms to every exchange
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One accepted request: endpoint ("event" or "raw"), channel, body, and its ackId (or -1). */
  public record Accepted(String endpoint, String channel, byte[] body, List<JsonNode> events,
      long ackId, String contentType) {}

  /** A scripted answer to the next data request, before HEC's own handling. */
  record Answer(int status, int code, String text) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final String token;
  volatile boolean tokenDisabled;
  volatile boolean ackEnabled = true;
  volatile int ackAfterQueries = 1;
  /** Which ackIds are ever acknowledged. */
  volatile LongPredicate acknowledges = id -> true;
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final Map<String, AtomicLong> nextAckId = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
  public final List<Accepted> accepted = new CopyOnWriteArrayList<>();
  public final List<String> ackQueries = new CopyOnWriteArrayList<>();
  final AtomicInteger dataRequests = new AtomicInteger();

  public HecReceiver(String token) throws IOException {
    this.token = token;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/services/collector", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void script(Answer... answers) {
    script.addAll(List.of(answers));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, Map.of("text", "Method not allowed", "code", 8));
        return;
      }
      if (!authorized(ex)) {
        return;
      }
      String channel = ex.getRequestHeaders().getFirst("X-Splunk-Request-Channel");
      byte[] body = ex.getRequestBody().readAllBytes();
      switch (path) {
        case "/services/collector/ack" -> ack(ex, channel, body);
        case "/services/collector/event", "/services/collector" -> data(ex, "event", channel, body);
        case "/services/collector/raw" -> data(ex, "raw", channel, body);
        default -> reply(ex, 404, Map.of("text", "The requested URL was not found", "code", 404));
      }
    }
  }

  private boolean authorized(HttpExchange ex) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      reply(ex, 401, Map.of("text", "Token is required", "code", 2));
    } else if (!auth.startsWith("Splunk ")) {
      reply(ex, 401, Map.of("text", "Invalid authorization", "code", 3));
    } else if (!auth.substring("Splunk ".length()).equals(token)) {
      reply(ex, 403, Map.of("text", "Invalid token", "code", 4));
    } else if (tokenDisabled) {
      reply(ex, 403, Map.of("text", "Token disabled", "code", 1));
    } else {
      return true;
    }
    return false;
  }

  private void data(HttpExchange ex, String endpoint, String channel, byte[] body)
      throws IOException {
    dataRequests.incrementAndGet();
    Answer scripted = script.poll();
    if (scripted != null) {
      reply(ex, scripted.status(), Map.of("text", scripted.text(), "code", scripted.code()));
      return;
    }
    if ((ackEnabled || endpoint.equals("raw")) && (channel == null || channel.isEmpty())) {
      reply(ex, 400, Map.of("text", "Data channel is missing", "code", 10));
      return;
    }
    if (body.length == 0) {
      reply(ex, 400, Map.of("text", "No data", "code", 5));
      return;
    }
    List<JsonNode> events = new ArrayList<>();
    if (endpoint.equals("event") && !events(ex, body, events)) {
      return;
    }
    long ackId = ackEnabled
        ? nextAckId.computeIfAbsent(channel, c -> new AtomicLong()).getAndIncrement() : -1;
    accepted.add(new Accepted(endpoint, channel, body, events, ackId,
        ex.getRequestHeaders().getFirst("Content-Type")));
    reply(ex, 200, ackEnabled ? Map.of("text", "Success", "code", 0, "ackId", ackId)
        : Map.of("text", "Success", "code", 0));
  }

  /** Parses concatenated event objects; answers HEC's error and returns false on a bad one. */
  private boolean events(HttpExchange ex, byte[] body, List<JsonNode> events)
      throws IOException {
    int number = 0;
    try (JsonParser parser = JSON.createParser(body);
        MappingIterator<JsonNode> it = JSON.readValues(parser, JsonNode.class)) {
      while (it.hasNextValue()) {
        JsonNode event = it.nextValue();
        if (!event.isObject() || !event.has("event")) {
          reply(ex, 400, Map.of("text", "Event field is required", "code", 12,
              "invalid-event-number", number));
          return false;
        }
        JsonNode value = event.get("event");
        if (value.isNull() || value.isTextual() && value.asText().isBlank()) {
          reply(ex, 400, Map.of("text", "Event field cannot be blank", "code", 13,
              "invalid-event-number", number));
          return false;
        }
        events.add(event);
        number++;
      }
    } catch (IOException | RuntimeException e) {
      reply(ex, 400, Map.of("text", "Invalid data format", "code", 6,
          "invalid-event-number", number));
      return false;
    }
    return true;
  }

  private void ack(HttpExchange ex, String channel, byte[] body) throws IOException {
    ackQueries.add(new String(body, StandardCharsets.UTF_8));
    if (!ackEnabled) {
      reply(ex, 400, Map.of("text", "ACK is disabled", "code", 14));
      return;
    }
    if (channel == null || !nextAckId.containsKey(channel)) {
      reply(ex, 400, Map.of("text", "Invalid data channel", "code", 11));
      return;
    }
    JsonNode ids = JSON.readTree(body).path("acks");
    ObjectNode acks = JSON.createObjectNode();
    for (JsonNode id : ids) {
      int asked = queries.computeIfAbsent(channel + "/" + id.asLong(), k -> new AtomicInteger())
          .incrementAndGet();
      acks.put(Long.toString(id.asLong()),
          acknowledges.test(id.asLong()) && asked >= ackAfterQueries);
    }
    ObjectNode reply = JSON.createObjectNode();
    reply.set("acks", acks);
    FirehoseReceiver.send(ex, 200, CONTENT_TYPE, reply.toString());
  }

  private static void reply(HttpExchange ex, int status, Map<String, Object> body)
      throws IOException {
    FirehoseReceiver.send(ex, status, CONTENT_TYPE, JSON.writeValueAsString(body));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
