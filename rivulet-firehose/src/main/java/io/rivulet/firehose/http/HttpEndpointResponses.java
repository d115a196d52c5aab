package io.rivulet.firehose.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Judges an HTTP endpoint's response by Firehose's specification: only status 200 delivers; 413
 * is a permanent failure (not retried); any other status, and redirects (never followed), are
 * retried as {@code HttpEndpoint.DestinationException}. A 200 must carry
 * {@code Content-Type: application/json}, no {@code Content-Encoding}, a body of at most 1 MiB
 * holding one JSON object with the request's {@code requestId}, a numeric {@code timestamp} and
 * optionally an {@code errorMessage} string, and no other member; otherwise it is
 * {@code HttpEndpoint.InvalidResponseFromDestination} (or {@code HttpEndpoint.ResponseTooLarge}).
 * Also maps failures to get a response to Firehose's codes. Stateless and thread-safe.
 */
final class HttpEndpointResponses {
  static final String DESTINATION_EXCEPTION = "HttpEndpoint.DestinationException";
  static final String INVALID_RESPONSE = "HttpEndpoint.InvalidResponseFromDestination";
  static final String RESPONSE_TOO_LARGE = "HttpEndpoint.ResponseTooLarge";
  static final String REQUEST_TIMEOUT = "HttpEndpoint.RequestTimeout";
  static final String CONNECTION_FAILED = "HttpEndpoint.ConnectionFailed";
  static final String CONNECTION_RESET = "HttpEndpoint.ConnectionReset";
  static final String SSL_HANDSHAKE_FAILURE = "HttpEndpoint.SSLHandshakeFailure";
  /** The largest response body Firehose accepts. */
  static final int MAX_RESPONSE_BYTES = 1 << 20;
  /** How much of a response an error message quotes (the spec's errorMessage limit). */
  static final int QUOTED_CHARS = 8192;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> MEMBERS = Set.of("requestId", "timestamp", "errorMessage");

  private HttpEndpointResponses() {}

  /** Returns when {@code reply} delivered request {@code requestId}; throws why not otherwise. */
  static void check(String requestId, HttpCaller.Reply reply) throws DeliveryException {
    if (reply.truncated()) {
      throw new DeliveryException(RESPONSE_TOO_LARGE, "The response to request " + requestId
          + " is larger than 1 MiB (status " + reply.status() + ").", reply.status() != 413);
    }
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    if (reply.status() != 200) {
      throw new DeliveryException(DESTINATION_EXCEPTION,
          "Received the following response from the endpoint destination. " + reply.status()
              + ": " + quote(body), reply.status() != 413);
    }
    Optional<String> problem = problem(requestId, reply, body);
    if (problem.isPresent()) {
      throw new DeliveryException(INVALID_RESPONSE, "The response received from the endpoint is "
          + "invalid: " + problem.get() + ". Response for request " + requestId
          + " does not follow the Firehose HTTP endpoint response specification. Raw response "
          + "received: 200 " + quote(body), true);
    }
  }

  private static Optional<String> problem(String requestId, HttpCaller.Reply reply, String body) {
    String type = reply.headers().firstValue("Content-Type").orElse("");
    if (!type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
      return Optional.of("Content-Type is '" + type + "', not application/json");
    }
    if (reply.headers().firstValue("Content-Encoding").isPresent()) {
      return Optional.of("the body is content-encoded");
    }
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (IOException e) {
      return Optional.of("the body is not valid JSON");
    }
    if (json == null || !json.isObject()) {
      return Optional.of("the body is not a JSON object");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!MEMBERS.contains(name)) {
        return Optional.of("unexpected field '" + name + "'");
      }
    }
    JsonNode id = json.get("requestId");
    if (id == null || !id.isTextual()) {
      return Optional.of("requestId is missing");
    }
    if (!id.asText().equals(requestId)) {
      return Optional.of("requestId '" + id.asText() + "' does not match");
    }
    JsonNode timestamp = json.get("timestamp");
    if (timestamp == null || !timestamp.isIntegralNumber()) {
      return Optional.of("timestamp is missing or not a number");
    }
    JsonNode message = json.get("errorMessage");
    if (message != null && !message.isTextual() && !message.isNull()) {
      return Optional.of("errorMessage is not a string");
    }
    return Optional.empty();
  }

  static String quote(String body) {
    return body.length() <= QUOTED_CHARS ? body : body.substring(0, QUOTED_CHARS) + "...";
  }

  /** Firehose's error code for a request that got no response. */
  static DeliveryException noResponse(HttpCaller.CallFailure failure) {
    String code = switch (failure.kind()) {
      case CONNECT, CONNECT_TIMEOUT -> CONNECTION_FAILED;
      case TIMEOUT -> REQUEST_TIMEOUT;
      case TLS -> SSL_HANDSHAKE_FAILURE;
      case RESET -> CONNECTION_RESET;
    };
    return new DeliveryException(code, failure.getMessage(), true, failure);
  }
}
