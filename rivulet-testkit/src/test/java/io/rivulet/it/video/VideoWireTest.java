package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.RivuletExtension;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The video control plane's wire format over raw HTTP, where an SDK hides it: rest-json paths,
 * errors as {@code x-amzn-ErrorType: <Name>:} + {@code {"Message"}} with a request id, validation
 * wording, epoch-second timestamps, the data endpoint for a Host without a port, and the JSON-RPC
 * services untouched by the video paths.
 */
class VideoWireTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  static final ObjectMapper JSON = new ObjectMapper();

  static HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertError(HttpResponse<String> r, int status, String type, String message)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue(type + ":");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("Message").asText()).contains(message);
  }

  @Test
  void errorsAreRenderedAsAwsRendersThem() throws Exception {
    assertError(post("/describeStream", "{\"StreamName\":\"absent\"}"), 404,
        "ResourceNotFoundException", "absent");
    assertError(post("/createStream", "{\"StreamName\":\"bad name\"}"), 400,
        "InvalidArgumentException", "1 validation error detected: Value 'bad name' at 'streamName'"
            + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
            + " [a-zA-Z0-9_.-]+");
    assertError(post("/createStream", "{}"), 400, "InvalidArgumentException",
        "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    assertError(post("/createStream", "{\"StreamName\":\"" + "x".repeat(257) + "\"}"), 400,
        "InvalidArgumentException", "Member must have length less than or equal to 256");
    assertError(post("/describeStream", "{}"), 400, "InvalidArgumentException",
        "Either StreamName or StreamARN");
    assertError(post("/getDataEndpoint", "{\"StreamName\":\"absent\",\"APIName\":\"NOPE\"}"), 400,
        "InvalidArgumentException", "Member must satisfy enum value set");
    HttpResponse<String> notJson = post("/createStream", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException:");
    HttpResponse<String> wrongType = post("/createStream", "{\"StreamName\":\"x\",\"DataRetentionInHours\":\"long\"}");
    assertThat(wrongType.headers().firstValue("x-amzn-ErrorType")).hasValue("SerializationException:");
  }

  @Test
  void timestampsAreEpochSecondsAndOutputsAreJson() throws Exception {
    HttpResponse<String> created = post("/createStream", "{\"StreamName\":\"wire\"}");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("x-amzn-RequestId")).isPresent();
    String arn = JSON.readTree(created.body()).get("StreamARN").asText();
    JsonNode info = JSON.readTree(post("/describeStream", "{\"StreamARN\":\"" + arn + "\"}").body())
        .get("StreamInfo");
    assertThat(info.get("CreationTime").isNumber()).isTrue();
    double seconds = info.get("CreationTime").asDouble();
    assertThat(Math.round(seconds * 1000)).isEqualTo(Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1)));
    assertThat(info.get("Status").asText()).isEqualTo("ACTIVE");
    assertThat(info.get("DataRetentionInHours").asInt()).isZero();
    assertThat(info.has("DeviceName")).as("absent members are omitted").isFalse();
    assertThat(post("/ListTagsForResource", "{\"ResourceARN\":\"" + arn + "\"}").statusCode())
        .isEqualTo(200);
    assertThat(post("/listTagsForResource", "{\"ResourceARN\":\"" + arn + "\"}").statusCode())
        .as("the tagging paths are capitalised").isNotEqualTo(200);
  }

  @Test
  void aHostWithoutAPortGetsTheServersPort() throws Exception {
    post("/createStream", "{\"StreamName\":\"producer\"}");
    byte[] body = "{\"StreamName\":\"producer\",\"APIName\":\"PUT_MEDIA\"}".getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", rivulet.endpoint().getPort())) {
      OutputStream out = s.getOutputStream();
      out.write(("POST /getDataEndpoint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      in.transferTo(all);
      String response = all.toString(StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 200");
      assertThat(response).contains("\"DataEndpoint\":\"http://127.0.0.1:" + rivulet.endpoint().getPort() + "\"");
    }
  }

  @Test
  void jsonRpcRequestsAreNotVideos() throws Exception {
    HttpResponse<String> kinesis = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(kinesis.statusCode()).isEqualTo(200);
    assertThat(kinesis.body()).contains("StreamNames");
    HttpResponse<String> targeted = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/createStream"))
        .header("Content-Type", "application/x-amz-json-1.1")
        .header("X-Amz-Target", "Kinesis_20131202.ListStreams")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(targeted.headers().firstValue("x-amzn-ErrorType")).as("not video's").isEmpty();
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/createStream"))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.headers().firstValue("x-amzn-ErrorType")).as("video is POST only").isEmpty();
  }
}
