package io.rivulet.video.hls;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Query strings and responses of the playback paths. Stateless. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Http() {}

  /** The decoded query parameters of a request (the first of repeated names wins). */
  static Map<String, String> query(AwsRequest request) {
    Map<String, String> out = new HashMap<>();
    String q = request.rawQuery();
    if (q == null || q.isEmpty()) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  /** 200 with a body players fetch cross-origin (hls.js in a page from elsewhere). */
  static AwsResponse media(String contentType, byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", contentType);
    headers.put("Access-Control-Allow-Origin", "*");
    headers.put("Cache-Control", "no-cache");
    return new AwsResponse(200, headers, body);
  }

  /** 200 with {@code {"<member>": "<value>"}}. */
  static AwsResponse json(String member, String value) {
    ObjectNode n = JSON.createObjectNode().put(member, value);
    return AwsResponse.of(200, "application/json", n.toString().getBytes(StandardCharsets.UTF_8));
  }
}
