package io.rivulet.firehose.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.http.HttpCaller;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads HTTP Event Collector replies and turns HEC's status codes ({@code {"text":…,"code":n}})
 * and transport failures into Firehose's Splunk error codes. A send is taken only with status
 * 200, {@code code} 0 and an {@code ackId} (Firehose needs indexer acknowledgement on the token;
 * without it the reply is {@code Splunk.DisabledAck}). Every Splunk failure is retryable, as
 * Firehose retries any Splunk delivery error within the retry duration. Stateless and
 * thread-safe.
 */
final class HecReplies {
  static final String INVALID_TOKEN = "Splunk.InvalidToken";
  static final String DISABLED_TOKEN = "Splunk.DisabledToken";
  static final String INVALID_DATA_FORMAT = "Splunk.InvalidDataFormat";
  static final String INVALID_INDEX = "Splunk.InvalidIndex";
  static final String SERVER_ERROR = "Splunk.ServerError";
  static final String DISABLED_ACK = "Splunk.DisabledAck";
  static final String ACK_TIMEOUT = "Splunk.AckTimeout";
  static final String PROXY_WITHOUT_STICKY_SESSIONS = "Splunk.ProxyWithoutStickySessions";
  static final String CONNECTION_TIMEOUT = "Splunk.ConnectionTimeout";
  static final String INVALID_ENDPOINT = "Splunk.InvalidEndpoint";
  static final String CONNECTION_CLOSED = "Splunk.ConnectionClosed";
  static final String SSL_UNVERIFIED = "Splunk.SSLUnverified";
  static final String SSL_HANDSHAKE = "Splunk.SSLHandshake";
  /** HEC replies are small; more than this is not a HEC. */
  static final int MAX_REPLY_BYTES = 1 << 20;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HecReplies() {}

  /** The ackId of a send HEC took; throws why HEC did not take it otherwise. */
  static long ackId(HttpCaller.Reply reply) throws DeliveryException {
    JsonNode json = parse(reply);
    int code = json == null ? -1 : json.path("code").asInt(-1);
    if (reply.status() != 200 || code != 0) {
      throw failure(reply, json, code);
    }
    JsonNode ackId = json.get("ackId");
    if (ackId == null || !ackId.canConvertToLong()) {
      throw new DeliveryException(DISABLED_ACK, "HEC took the data but sent no ackId: indexer "
          + "acknowledgement is disabled for the HEC token. Enable it; Firehose needs it.", true);
    }
    return ackId.asLong();
  }

  /** Whether an ack query's reply says {@code ackId} is indexed; throws if HEC refused it. */
  static boolean acknowledged(HttpCaller.Reply reply, long ackId) throws DeliveryException {
    JsonNode json = parse(reply);
    if (reply.status() != 200 || json == null || !json.path("acks").isObject()) {
      throw failure(reply, json, json == null ? -1 : json.path("code").asInt(-1));
    }
    return json.path("acks").path(Long.toString(ackId)).asBoolean(false);
  }

  private static JsonNode parse(HttpCaller.Reply reply) {
    try {
      JsonNode json = JSON.readTree(reply.body());
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static DeliveryException failure(HttpCaller.Reply reply, JsonNode json, int code) {
    String said = json == null
        ? new String(reply.body(), 0, Math.min(reply.body().length, 1024), StandardCharsets.UTF_8)
        : json.toString();
    String errorCode = switch (code) {
      case 1 -> DISABLED_TOKEN;
      case 2, 3, 4 -> INVALID_TOKEN;
      case 5, 6, 12, 13, 15 -> INVALID_DATA_FORMAT;
      case 7 -> INVALID_INDEX;
      case 10, 11 -> PROXY_WITHOUT_STICKY_SESSIONS;
      case 14 -> DISABLED_ACK;
      default -> SERVER_ERROR;
    };
    return new DeliveryException(errorCode, "HEC answered " + reply.status() + ": " + said
        + " (" + explain(errorCode) + ")", true);
  }

  private static String explain(String errorCode) {
    return switch (errorCode) {
      case DISABLED_TOKEN -> "the HEC token is disabled";
      case INVALID_TOKEN -> "the HEC token is invalid";
      case INVALID_DATA_FORMAT -> "the data is not in the format the HEC endpoint type expects";
      case INVALID_INDEX -> "the HEC token or input names an invalid index";
      case PROXY_WITHOUT_STICKY_SESSIONS -> "the channel is unknown to the HEC node: a proxy in "
          + "front of HEC needs sticky sessions for acknowledgements";
      case DISABLED_ACK -> "indexer acknowledgement is disabled for the HEC token";
      default -> "a server error at the HEC node";
    };
  }

  /** Firehose's code for a Splunk request that got no response. */
  static DeliveryException noResponse(HttpCaller.CallFailure failure) {
    String code = switch (failure.kind()) {
      case CONNECT -> INVALID_ENDPOINT;
      case CONNECT_TIMEOUT, TIMEOUT -> CONNECTION_TIMEOUT;
      case TLS -> failure.getMessage().contains("subject alternative")
          || failure.getMessage().contains("hostname") ? SSL_UNVERIFIED : SSL_HANDSHAKE;
      case RESET -> CONNECTION_CLOSED;
    };
    return new DeliveryException(code, failure.getMessage(), true, failure);
  }

  static DeliveryException ackTimeout(long ackId, long seconds) {
    return new DeliveryException(ACK_TIMEOUT, "No indexer acknowledgement for ackId " + ackId
        + " within the HEC acknowledgement timeout (" + seconds + " s). The data may still have "
        + "been indexed by Splunk.", true);
  }
}
