package io.rivulet.firehose.processing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server of the Lambda Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) on
 * 127.0.0.1 and a free port, standing in for Lambda or the runtime interface emulator: it records
 * every invocation and answers with what the test's handler returns. Thread-safe.
 */
final class FakeLambdaServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PATH =
      Pattern.compile("/2015-03-31/functions/([^/]+)/invocations");

  /** One request as the server saw it. */
  record Invocation(String functionName, Map<String, List<String>> headers, JsonNode body) {
    List<String> recordIds() {
      List<String> ids = new ArrayList<>();
      body.path("records").forEach(r -> ids.add(r.path("recordId").asText()));
      return ids;
    }

    List<String> datas() {
      List<String> out = new ArrayList<>();
      body.path("records").forEach(r -> out.add(
          new String(Base64.getDecoder().decode(r.path("data").asText()), StandardCharsets.UTF_8)));
      return out;
    }

    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  /** An HTTP answer. */
  record Answer(int status, Map<String, String> headers, String body) {
    static Answer ok(String body) {
      return new Answer(200, Map.of(), body);
    }

    static Answer ok(JsonNode body) {
      return ok(body.toString());
    }

    static Answer error(int status, String type, String message) {
      return new Answer(status, Map.of("x-amzn-ErrorType", type),
          "{\"Type\":\"User\",\"message\":\"" + message + "\"}");
    }

    static Answer functionError(String message) {
      return new Answer(200, Map.of("X-Amz-Function-Error", "Unhandled"),
          "{\"errorMessage\":\"" + message + "\",\"errorType\":\"Error\"}");
    }
  }

  private final HttpServer server;
  private final List<Invocation> invocations = new CopyOnWriteArrayList<>();
  private volatile Function<Invocation, Answer> handler = FakeLambdaServer::upperCase;

  FakeLambdaServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void answer(Function<Invocation, Answer> h) {
    this.handler = h;
  }

  List<Invocation> invocations() {
    return List.copyOf(invocations);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Matcher m = PATH.matcher(exchange.getRequestURI().getRawPath());
      if (!exchange.getRequestMethod().equals("POST") || !m.matches()) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String name = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
      Invocation inv = new Invocation(name, Map.copyOf(exchange.getRequestHeaders()), body);
      invocations.add(inv);
      Answer a = handler.apply(inv);
      a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The default function: every record Ok, its data upper-cased. */
  static Answer upperCase(Invocation inv) {
    return Answer.ok(reply(inv, (id, data) -> ok(id, data.toUpperCase(Locale.ROOT))));
  }

  /** A response built record by record from (recordId, data). */
  static ObjectNode reply(Invocation inv, java.util.function.BiFunction<String, String, JsonNode> f) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode records = root.putArray("records");
    List<String> ids = inv.recordIds();
    List<String> datas = inv.datas();
    for (int i = 0; i < ids.size(); i++) {
      JsonNode r = f.apply(ids.get(i), datas.get(i));
      if (r != null) {
        records.add(r);
      }
    }
    return root;
  }

  static ObjectNode ok(String id, String data) {
    return result(id, "Ok", data);
  }

  static ObjectNode result(String id, String result, String data) {
    ObjectNode r = JSON.createObjectNode();
    r.put("recordId", id);
    r.put("result", result);
    if (data != null) {
      r.put("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
    }
    return r;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
