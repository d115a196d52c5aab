package io.rivulet.firehose.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * Talks to one OpenSearch / Elasticsearch cluster over its REST API with the JDK's HTTP client:
 * {@code POST /_bulk} with {@code index} actions (bodies of at most {@link #MAX_BODY_BYTES}, more
 * requests when larger), each item's outcome read from the response in order; {@code GET /} for the
 * version. A URL with user info ({@code https://user:password@host}) authenticates with HTTP
 * Basic. Thread-safe.
 */
final class BulkClient implements AutoCloseable {
  static final int MAX_BODY_BYTES = 8 * 1024 * 1024;
  /** Room kept for a document's action line (index name and id are at most a few hundred bytes). */
  private static final int ACTION_LINE_BYTES = 1024;
  private static final int MAX_MESSAGE_CHARS = 1024;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One document to index: where, under which id (null: the cluster picks one), its JSON. */
  record Doc(FirehoseRecord record, int subsequence, String index, String id, byte[] source) {}

  /**
   * What became of one document in one attempt: {@code status} 2xx when indexed; otherwise the
   * error code and message Firehose reports, and whether another attempt may succeed.
   */
  record Outcome(int status, String errorCode, String errorMessage, boolean retryable) {
    boolean indexed() {
      return status >= 200 && status < 300;
    }
  }

  private final URI base;
  private final String authorization;
  private final OpenSearchFlavor flavor;
  private final HttpClient http;
  private final Duration timeout;

  BulkClient(URI endpoint, OpenSearchFlavor flavor, Duration connectTimeout, Duration timeout) {
    this.flavor = flavor;
    this.timeout = timeout;
    String userInfo = endpoint.getRawUserInfo();
    this.authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        java.net.URLDecoder.decode(userInfo, StandardCharsets.UTF_8)
            .getBytes(StandardCharsets.UTF_8));
    try {
      String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath();
      this.base = new URI(endpoint.getScheme(), null, endpoint.getHost(), endpoint.getPort(),
          path.endsWith("/") ? path : path + "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("bad endpoint " + endpoint, e);
    }
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout).build();
  }

  /**
   * Indexes {@code docs} (with {@code type} as the mapping type when not null) and says what
   * became of each, in order. A request that fails as a whole (no connection, a non-2xx answer)
   * gives each of its documents that failure; once the cluster cannot be reached, the rest are not
   * tried.
   */
  List<Outcome> index(List<Doc> docs, String type) throws InterruptedException {
    List<Outcome> outcomes = new ArrayList<>(docs.size());
    int from = 0;
    while (from < docs.size()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int to = from;
      do {
        appendAction(body, docs.get(to), type);
        to++;
      } while (to < docs.size()
          && body.size() + docs.get(to).source().length + ACTION_LINE_BYTES
          <= MAX_BODY_BYTES);
      try {
        outcomes.addAll(sendBulk(body.toByteArray(), to - from));
      } catch (RequestFailure f) {
        int remaining = f.connection ? docs.size() - from : to - from;
        outcomes.addAll(Collections.nCopies(remaining, f.outcome));
        to = from + remaining;
      }
      from = to;
    }
    return outcomes;
  }

  /**
   * Whether the cluster still takes mapping types in bulk actions (Elasticsearch before 7; never
   * OpenSearch), from {@code GET /}.
   */
  boolean takesTypes() throws RequestFailure, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base).GET());
    if (r.statusCode() / 100 != 2) {
      throw failure(r);
    }
    try {
      JsonNode version = JSON.readTree(r.body()).path("version");
      String number = version.path("number").asText("0");
      int major = Integer.parseInt(number.split("\\.")[0]);
      return !"opensearch".equals(version.path("distribution").asText()) && major < 7;
    } catch (IOException | NumberFormatException e) {
      throw new RequestFailure(new Outcome(r.statusCode(), flavor.errorCode("ServiceException"),
          "Unexpected answer to GET /: " + truncate(new String(r.body(), StandardCharsets.UTF_8)),
          true), false);
    }
  }

  private static void appendAction(ByteArrayOutputStream body, Doc doc, String type) {
    ObjectNode meta = JSON.createObjectNode();
    meta.put("_index", doc.index());
    if (type != null) {
      meta.put("_type", type);
    }
    if (doc.id() != null) {
      meta.put("_id", doc.id());
    }
    ObjectNode action = JSON.createObjectNode();
    action.set("index", meta);
    try {
      body.write(JSON.writeValueAsBytes(action));
      body.write('\n');
      body.write(doc.source());
      body.write('\n');
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Outcome> sendBulk(byte[] body, int count)
      throws RequestFailure, InterruptedException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(base.resolve("_bulk"))
        .header("Content-Type", "application/x-ndjson")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    if (r.statusCode() / 100 != 2) {
      throw failure(r);
    }
    JsonNode items;
    try {
      items = JSON.readTree(r.body()).path("items");
    } catch (IOException e) {
      items = JSON.createArrayNode();
    }
    if (items.size() != count) {
      throw new RequestFailure(new Outcome(r.statusCode(), flavor.errorCode("ServiceException"),
          "The bulk response has " + items.size() + " items for " + count + " documents: "
              + truncate(new String(r.body(), StandardCharsets.UTF_8)), true), false);
    }
    List<Outcome> outcomes = new ArrayList<>(count);
    for (JsonNode item : items) {
      outcomes.add(outcome(item.elements().hasNext() ? item.elements().next() : item));
    }
    return outcomes;
  }

  private static Outcome outcome(JsonNode result) {
    int status = result.path("status").asInt(500);
    if (status / 100 == 2) {
      return new Outcome(status, null, null, false);
    }
    JsonNode error = result.path("error");
    String message = error.isMissingNode() ? "" : error.toString();
    return new Outcome(status, Integer.toString(status), message,
        status == 429 || status >= 500);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request)
      throws RequestFailure, InterruptedException {
    request.timeout(timeout);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RequestFailure(new Outcome(0, flavor.errorCode("ConnectionFailed"),
          "Could not connect to " + base + ": " + e, true), true);
    }
  }

  private RequestFailure failure(HttpResponse<byte[]> r) {
    return new RequestFailure(new Outcome(r.statusCode(), flavor.errorCode("ServiceException"),
        "Error received from the cluster. " + r.statusCode() + ": "
            + truncate(new String(r.body(), StandardCharsets.UTF_8)), true), false);
  }

  private static String truncate(String s) {
    return s.length() <= MAX_MESSAGE_CHARS ? s : s.substring(0, MAX_MESSAGE_CHARS) + "...";
  }

  @Override
  public void close() {
    // the JDK client of Java 17 has no close(); its threads end when it is unreachable
  }

  /** A request that failed as a whole; {@code connection}: the cluster could not be reached. */
  static final class RequestFailure extends Exception {
    final transient Outcome outcome;
    final boolean connection;

    RequestFailure(Outcome outcome, boolean connection) {
      super(outcome.errorMessage(), null, false, false);
      this.outcome = outcome;
      this.connection = connection;
    }
  }
}
