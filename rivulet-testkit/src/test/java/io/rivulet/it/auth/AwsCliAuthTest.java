package io.rivulet.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS CLI v2 ({@code /usr/bin/aws}, Debian's awscli) against a server with {@code --auth}. */
class AwsCliAuthTest {
  static final Path AWS = Path.of(System.getenv().getOrDefault("RIVULET_AWS_CLI", "/usr/bin/aws"));

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension()
      .withCredentials(AuthFixtures.credentialsJson(Instant.now()));

  record Result(int exit, String out, String err) {}

  Result aws(String key, String secret, String... args) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(AWS.toString(), "--endpoint-url",
        rivulet.endpoint().toString(), "--output", "json")));
    pb.command().addAll(List.of(args));
    pb.environment().put("AWS_ACCESS_KEY_ID", key);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", secret);
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_PAGER", "");
    pb.environment().put("AWS_MAX_ATTEMPTS", "1");
    pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void listStreamsWithTheRightKeysOnly() throws Exception {
    assumeTrue(Files.isExecutable(AWS), "the AWS CLI v2 is not installed at " + AWS);
    String key = AuthFixtures.ADMIN.accessKeyId();
    String secret = AuthFixtures.ADMIN.secretAccessKey();
    Result created = aws(key, secret, "kinesis", "create-stream", "--stream-name", "cli-auth", "--shard-count", "1");
    assertThat(created.exit()).as(created.err()).isZero();
    Result ok = aws(key, secret, "kinesis", "list-streams");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("\"cli-auth\"");

    Result wrongSecret = aws(key, "not-the-secret", "kinesis", "list-streams");
    assertThat(wrongSecret.exit()).isNotZero();
    assertThat(wrongSecret.err()).contains("InvalidSignatureException")
        .contains("The request signature we calculated does not match the signature you provided");
    Result unknownKey = aws("AKIANOBODYAAAAAAAAAA", secret, "kinesis", "list-streams");
    assertThat(unknownKey.exit()).isNotZero();
    assertThat(unknownKey.err()).contains("UnrecognizedClientException");
    Result reader = aws(AuthFixtures.READER.accessKeyId(), AuthFixtures.READER.secretAccessKey(), "kinesis",
        "list-streams");
    assertThat(reader.exit()).isNotZero();
    assertThat(reader.err()).contains("AccessDeniedException")
        .contains("User: arn:aws:iam::111122223333:user/reader is not authorized to perform: kinesis:ListStreams");
  }
}
