package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.AwsCli.Result;
import io.rivulet.testkit.RivuletExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS CLI v2 ({@code aws kinesisvideo ...}, Debian's awscli) against a live server: the
 * control plane as a user scripts it, errors included.
 */
class VideoAwsCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  Result aws(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--output", "json", "kinesisvideo"));
    all.addAll(List.of(args));
    return AwsCli.run(rivulet.endpoint(), "AKIDCLITEST", all.toArray(String[]::new));
  }

  JsonNode ok(String... args) throws Exception {
    Result r = aws(args);
    assertThat(r.exit()).as("aws kinesisvideo %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out().isBlank() ? JSON.nullNode() : JSON.readTree(r.out());
  }

  @Test
  void controlPlaneWithTheAwsCli() throws Exception {
    assumeTrue(AwsCli.installed(), "the AWS CLI v2 is not installed at " + AwsCli.AWS);
    String arn = ok("create-stream", "--stream-name", "cli-cam", "--data-retention-in-hours", "2",
        "--media-type", "video/h264", "--tags", "site=lab").get("StreamARN").asText();
    assertThat(arn).startsWith("arn:aws:kinesisvideo:us-east-1:000000000000:stream/cli-cam/");
    JsonNode info = ok("describe-stream", "--stream-name", "cli-cam").get("StreamInfo");
    assertThat(info.get("Status").asText()).isEqualTo("ACTIVE");
    assertThat(info.get("DataRetentionInHours").asInt()).isEqualTo(2);
    assertThat(ok("get-data-endpoint", "--stream-name", "cli-cam", "--api-name", "PUT_MEDIA")
        .get("DataEndpoint").asText()).isEqualTo(rivulet.endpoint().toString());
    ok("update-data-retention", "--stream-name", "cli-cam", "--current-version",
        info.get("Version").asText(), "--operation", "INCREASE_DATA_RETENTION",
        "--data-retention-change-in-hours", "22");
    assertThat(rivulet.server().videoControl().streams().all()).singleElement()
        .satisfies(m -> assertThat(m.dataRetentionInHours()).isEqualTo(24));
    assertThat(ok("list-tags-for-resource", "--resource-arn", arn).get("Tags").toString())
        .isEqualTo("{\"site\":\"lab\"}");

    Result missing = aws("describe-stream", "--stream-name", "absent");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFoundException").contains("absent");

    ok("delete-stream", "--stream-arn", arn);
    assertThat(rivulet.server().videoControl().streams().all()).isEmpty();
  }
}
