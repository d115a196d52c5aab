package io.rivulet.video;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VideoServiceTest {
  static AwsRequest request(String method, String path, Map<String, String> headers) {
    return new AwsRequest(method, path, "", headers, new byte[0], "rid-1");
  }

  static VideoEndpoint endpoint(String path, RuntimeException failure) {
    return new VideoEndpoint() {
      @Override
      public boolean accepts(AwsRequest r) {
        return r.path().equals(path);
      }

      @Override
      public CompletableFuture<AwsResponse> handle(AwsRequest r) {
        if (failure != null) {
          throw failure;
        }
        return CompletableFuture.completedFuture(AwsResponse.of(200, "text/plain", path.getBytes(StandardCharsets.UTF_8)));
      }
    };
  }

  final VideoService service = new VideoService(List.of(
      endpoint("/ok", null),
      endpoint("/gone", VideoError.RESOURCE_NOT_FOUND.with("no such stream")),
      endpoint("/boom", new IllegalStateException("bug"))), Runnable::run);

  @Test
  void routesToTheFirstEndpointThatAccepts() {
    AwsResponse r = service.handle(request("POST", "/ok", Map.of())).join();
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("x-amzn-RequestId", "rid-1");
    assertThat(service.accepts(request("POST", "/ok", Map.of()))).isTrue();
    assertThat(service.accepts(request("POST", "/other", Map.of()))).isFalse();
    assertThat(service.accepts(request("POST", "/ok", Map.of("x-amz-target", "Kinesis_20131202.ListStreams"))))
        .isFalse();
  }

  @Test
  void rendersVideoErrorsAndHidesBugs() {
    AwsResponse gone = service.handle(request("POST", "/gone", Map.of())).join();
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.headers()).containsEntry("x-amzn-ErrorType", "ResourceNotFoundException:")
        .containsEntry("x-amzn-RequestId", "rid-1");
    assertThat(new String(gone.body(), StandardCharsets.UTF_8)).isEqualTo("{\"Message\":\"no such stream\"}");
    AwsResponse boom = service.handle(request("POST", "/boom", Map.of())).join();
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.headers()).containsEntry("x-amzn-ErrorType", "InternalFailure:");
    assertThat(new String(boom.body(), StandardCharsets.UTF_8)).doesNotContain("bug").contains("rid-1");
  }

  @Test
  void pathsAreLowerCamelExceptTheTaggingOnes() {
    assertThat(RestJsonEndpoint.path("CreateStream")).isEqualTo("/createStream");
    assertThat(RestJsonEndpoint.path("GetHLSStreamingSessionURL")).isEqualTo("/getHLSStreamingSessionURL");
    assertThat(RestJsonEndpoint.path("TagResource")).isEqualTo("/TagResource");
    assertThat(RestJsonEndpoint.path("ListTagsForResource")).isEqualTo("/ListTagsForResource");
  }
}
