package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an SDK cannot send, over real HTTP: malformed bodies, unknown targets, wrong methods and
 * content types, oversized bodies. Each gets AWS's answer, and the server keeps serving.
 */
class RawHttpTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final ObjectMapper JSON = new ObjectMapper();

  HttpResponse<String> post(String target, String contentType, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(rivulet.endpoint().resolve("/"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (target != null) {
      b.header("X-Amz-Target", target);
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> json(String target, String body) throws Exception {
    return post(target, "application/x-amz-json-1.1", body.getBytes(StandardCharsets.UTF_8));
  }

  static String type(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("__type").asText();
  }

  @Test
  void malformedBodiesAreSerializationErrors() throws Exception {
    HttpResponse<String> r = json("Kinesis_20131202.ListStreams", "{not json");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(type(r)).isEqualTo("SerializationException");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();

    HttpResponse<String> wrongType = json("Kinesis_20131202.CreateStream", "{\"StreamName\":\"x\",\"ShardCount\":\"many\"}");
    assertThat(wrongType.statusCode()).isEqualTo(400);
    assertThat(type(wrongType)).isEqualTo("SerializationException");

    HttpResponse<String> badBase64 = json("Kinesis_20131202.PutRecord",
        "{\"StreamName\":\"x\",\"PartitionKey\":\"p\",\"Data\":\"***\"}");
    assertThat(badBase64.statusCode()).isEqualTo(400);
    assertThat(type(badBase64)).isEqualTo("SerializationException");
  }

  @Test
  void unknownOperationsAndMethods() throws Exception {
    HttpResponse<String> unknown = json("Kinesis_20131202.MakeCoffee", "{}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(type(unknown)).isEqualTo("UnknownOperationException");

    HttpResponse<String> get = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/"))
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.body()).contains("UnknownOperationException");

    HttpResponse<String> noTarget = json(null, "{}");
    assertThat(noTarget.statusCode()).isIn(400, 403);

    HttpResponse<String> xml = post("Kinesis_20131202.ListStreams", "text/plain", "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(xml.statusCode()).isEqualTo(404);
    assertThat(xml.body()).contains("UnknownOperationException");
  }

  @Test
  void oversizedBodiesAreRejectedAndTheServerKeepsServing() throws Exception {
    byte[] huge = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    HttpResponse<String> r = post("Kinesis_20131202.PutRecord", "application/x-amz-json-1.1", huge);
    assertThat(r.statusCode()).isEqualTo(413);
    HttpResponse<String> ok = json("Kinesis_20131202.ListStreams", "{}");
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(ok.body());
    assertThat(body.has("StreamNames")).isTrue();
    assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
  }

  @Test
  void healthAnswersOnceServing() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(rivulet.endpoint() + "/health")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
  }
}
