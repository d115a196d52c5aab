package io.rivulet.it.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The AWS CLI v2 ({@code /usr/bin/aws}, Debian's awscli) against a server with {@code --auth}. */
class AwsCliAuthTest {
  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension()
      .withCredentials(AuthFixtures.credentialsJson(Instant.now()));

  static AwsCli.Result aws(String key, String secret, String... args) throws IOException, InterruptedException {
    return AwsCli.runSigned(rivulet.endpoint(), key, secret, args);
  }

  @Test
  void listStreamsWithTheRightKeysOnly() throws Exception {
    assumeTrue(AwsCli.installed(), "the AWS CLI v2 is not installed at " + AwsCli.AWS);
    String key = AuthFixtures.ADMIN.accessKeyId();
    String secret = AuthFixtures.ADMIN.secretAccessKey();
    AwsCli.Result created = aws(key, secret, "kinesis", "create-stream", "--stream-name", "cli-auth", "--shard-count", "1");
    assertThat(created.exit()).as(created.err()).isZero();
    AwsCli.Result ok = aws(key, secret, "kinesis", "list-streams");
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("\"cli-auth\"");

    AwsCli.Result wrongSecret = aws(key, "not-the-secret", "kinesis", "list-streams");
    assertThat(wrongSecret.exit()).isNotZero();
    assertThat(wrongSecret.err()).contains("InvalidSignatureException")
        .contains("The request signature we calculated does not match the signature you provided");
    AwsCli.Result unknownKey = aws("AKIANOBODYAAAAAAAAAA", secret, "kinesis", "list-streams");
    assertThat(unknownKey.exit()).isNotZero();
    assertThat(unknownKey.err()).contains("UnrecognizedClientException");
    AwsCli.Result reader = aws(AuthFixtures.READER.accessKeyId(), AuthFixtures.READER.secretAccessKey(), "kinesis",
        "list-streams");
    assertThat(reader.exit()).isNotZero();
    assertThat(reader.err()).contains("AccessDeniedException")
        .contains("User: arn:aws:iam::111122223333:user/reader is not authorized to perform: kinesis:ListStreams");
  }
}
