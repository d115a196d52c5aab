package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.AwsCli.Result;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AWS CLI v2 (Debian's {@code awscli}, {@code /usr/bin/aws}; CI installs it) against a live
 * server: create a stream, wait for it, put, read back, delete.
 */
class AwsCliTest {
  static final Path AWS = AwsCli.AWS;
  static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  Result aws(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--output", "json"));
    all.addAll(List.of(args));
    return AwsCli.run(rivulet.endpoint(), "AKIDCLITEST", all.toArray(String[]::new));
  }

  JsonNode ok(String... args) throws IOException, InterruptedException {
    Result r = aws(args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r.out().isBlank() ? JSON.nullNode() : JSON.readTree(r.out());
  }

  @Test
  void createPutGetDeleteWithTheAwsCli() throws Exception {
    assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 is not installed at " + AWS);
    assertThat(aws("--version").out() + aws("--version").err()).contains("aws-cli/2");

    ok("kinesis", "create-stream", "--stream-name", "cli", "--shard-count", "1");
    ok("kinesis", "wait", "stream-exists", "--stream-name", "cli");
    assertThat(ok("kinesis", "list-streams").get("StreamNames").toString()).contains("\"cli\"");
    String data = Base64.getEncoder().encodeToString("hello from the cli".getBytes(StandardCharsets.UTF_8));
    JsonNode put = ok("kinesis", "put-record", "--stream-name", "cli", "--partition-key", "k1", "--data", data);
    assertThat(put.get("ShardId").asText()).isEqualTo("shardId-000000000000");
    String iterator = ok("kinesis", "get-shard-iterator", "--stream-name", "cli", "--shard-id",
        "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON").get("ShardIterator").asText();
    JsonNode records = ok("kinesis", "get-records", "--shard-iterator", iterator).get("Records");
    assertThat(records).hasSize(1);
    assertThat(records.get(0).get("SequenceNumber").asText()).isEqualTo(put.get("SequenceNumber").asText());
    assertThat(new String(Base64.getDecoder().decode(records.get(0).get("Data").asText()), StandardCharsets.UTF_8))
        .isEqualTo("hello from the cli");
    assertThat(records.get(0).get("ApproximateArrivalTimestamp").asText()).isNotBlank();

    Result missing = aws("kinesis", "describe-stream", "--stream-name", "absent");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFoundException")
        .contains("Stream absent under account 000000000000 not found.");

    ok("kinesis", "delete-stream", "--stream-name", "cli");
    ok("kinesis", "wait", "stream-not-exists", "--stream-name", "cli");
  }
}
