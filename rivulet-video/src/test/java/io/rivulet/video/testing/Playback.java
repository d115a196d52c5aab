package io.rivulet.video.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/** Calls playback endpoints as the video router does, for unit tests. */
public final class Playback {
  public static final ObjectMapper JSON = new ObjectMapper();

  private Playback() {}

  /** POSTs the JSON body to the endpoint that accepts it; VideoException when it fails. */
  public static AwsResponse call(List<VideoEndpoint> endpoints, String path, String json) {
    AwsRequest r = new AwsRequest("POST", path, "", Map.of("content-type", "application/json"),
        json.getBytes(StandardCharsets.UTF_8), "req-1");
    VideoEndpoint e = endpoints.stream().filter(x -> x.accepts(r)).findFirst()
        .orElseThrow(() -> new AssertionError("no endpoint accepts " + path));
    try {
      return e.handle(r).join();
    } catch (CompletionException x) {
      Throwable t = x.getCause();
      while (t instanceof CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      if (t instanceof VideoException v) {
        throw v;
      }
      throw x;
    }
  }

  /** A 200 response's JSON body. */
  public static JsonNode json(AwsResponse r) {
    if (r.status() != 200) {
      throw new AssertionError("status " + r.status());
    }
    try {
      return JSON.readTree(r.body());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Epoch seconds with milliseconds, as request bodies carry timestamps. */
  public static BigDecimal seconds(Instant t) {
    return BigDecimal.valueOf(t.toEpochMilli()).movePointLeft(3).setScale(3);
  }
}
