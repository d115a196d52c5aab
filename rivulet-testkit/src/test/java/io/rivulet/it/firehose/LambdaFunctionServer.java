package io.rivulet.it.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A Firehose transformation function served over the Lambda Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}) on 127.0.0.1: for each record it calls the test's
 * function on the data and answers {@code Ok} with the result, {@code Dropped} for null, or
 * {@code ProcessingFailed} when the function throws. Thread-safe.
 */
final class LambdaFunctionServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final UnaryOperator<String> function;
  final List<JsonNode> invocations = new CopyOnWriteArrayList<>();

  LambdaFunctionServer(UnaryOperator<String> function) {
    this.function = function;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/2015-03-31/functions/", this::invoke);
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void invoke(HttpExchange ex) throws IOException {
    JsonNode request = JSON.readTree(ex.getRequestBody());
    invocations.add(request);
    ArrayNode out = JSON.createArrayNode();
    for (JsonNode r : request.path("records")) {
      ObjectNode answer = out.addObject().put("recordId", r.path("recordId").asText());
      String data = new String(Base64.getDecoder().decode(r.path("data").asText()),
          StandardCharsets.UTF_8);
      try {
        String result = function.apply(data);
        if (result == null) {
          answer.put("result", "Dropped");
        } else {
          answer.put("result", "Ok").put("data",
              Base64.getEncoder().encodeToString(result.getBytes(StandardCharsets.UTF_8)));
        }
      } catch (RuntimeException e) {
        answer.put("result", "ProcessingFailed");
      }
    }
    byte[] body = JSON.createObjectNode().set("records", out).toString()
        .getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
