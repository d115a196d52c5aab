package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.AwsCli;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The server's embedded S3 API ({@code --s3-port 0}) seen by the AWS CLI v2 (Debian's
 * {@code awscli} at {@code /usr/bin/aws}), as a user checks what Firehose delivered:
 * {@code aws --endpoint-url http://127.0.0.1:<port> s3 ls}.
 */
class EmbeddedS3CliTest {
  static final String KEY = "2024/03/05/06/orders-1-2024-03-05-06-07-08-5c8e7e0a-2f0b-3c55-9d4e-4a1f0f6a9b21";

  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withS3(new RivuletServer.Options.S3(0, null)));

  static AwsCli.Result aws(URI endpoint, String... args) throws IOException, InterruptedException {
    AwsCli.Result r = AwsCli.run(endpoint, "local", args);
    assertThat(r.exit()).as("aws %s: %s", String.join(" ", args), r.err()).isZero();
    return r;
  }

  @Test
  void awsS3LsListsWhatWasWrittenThroughTheSdk() throws Exception {
    URI s3Endpoint = rivulet.server().s3Endpoint();
    assertThat(s3Endpoint).isNotNull();
    assertThat(s3Endpoint.getHost()).isEqualTo("127.0.0.1");
    assertThat(s3Endpoint.getPort()).isPositive().isNotEqualTo(rivulet.server().port());
    try (S3Client s3 = S3Clients.create(s3Endpoint, "us-east-1", "local", "local")) {
      s3.createBucket(b -> b.bucket("firehose-out"));
      s3.putObject(p -> p.bucket("firehose-out").key(KEY), RequestBody.fromString("{\"a\":1}\n"));
    }
    assumeTrue(AwsCli.installed(), "the AWS CLI v2 is not installed at " + AwsCli.AWS);

    assertThat(aws(s3Endpoint, "s3", "ls").out()).contains("firehose-out");
    String recursive = aws(s3Endpoint, "s3", "ls", "s3://firehose-out/", "--recursive").out();
    assertThat(recursive.strip().lines()).singleElement().asString().endsWith(" 8 " + KEY);
    assertThat(aws(s3Endpoint, "s3", "ls", "s3://firehose-out/2024/03/").out()).contains("PRE 05/");
    assertThat(aws(s3Endpoint, "s3", "cp", "s3://firehose-out/" + KEY, "-").out()).isEqualTo("{\"a\":1}\n");

    // objects are plain files under <data-dir>/s3
    assertThat(Files.readString(rivulet.dataDir().resolve("s3").resolve("firehose-out").resolve(KEY)))
        .isEqualTo("{\"a\":1}\n");
  }

  @Test
  void theS3ServerIsOffUnlessAsked() {
    assertThat(RivuletServer.Options.defaults().s3()).isNull();
  }
}
