package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The embedded S3 server with the real SDK client: buckets and objects, files on disk, auth. */
class EmbeddedS3Test {
  @TempDir Path dir;

  @Test
  void putListGetThroughTheSdkWithObjectsStoredAsFiles() {
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, dir.resolve("s3"), null);
        S3Client s3 = S3Clients.create(server.endpoint(), "us-east-1", "any", "thing")) {
      assertThat(server.port()).isPositive();
      s3.createBucket(b -> b.bucket("firehose"));
      s3.putObject(p -> p.bucket("firehose").key("2024/01/02/03/stream-1-obj.gz")
          .contentEncoding("gzip").contentType("application/octet-stream"),
          RequestBody.fromString("hello"));
      s3.putObject(p -> p.bucket("firehose").key("2024/01/02/04/other"), RequestBody.fromString("x"));

      assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).contains("firehose");
      assertThat(s3.listObjectsV2(l -> l.bucket("firehose").prefix("2024/01/02/03/")).contents())
          .extracting(o -> o.key()).containsExactly("2024/01/02/03/stream-1-obj.gz");
      // a recursive listing shows objects only, not the directories that hold them
      assertThat(s3.listObjectsV2(l -> l.bucket("firehose")).contents()).extracting(o -> o.key())
          .containsExactly("2024/01/02/03/stream-1-obj.gz", "2024/01/02/04/other");
      assertThat(s3.listObjectsV2(l -> l.bucket("firehose").delimiter("/")).commonPrefixes())
          .extracting(p -> p.prefix()).containsExactly("2024/");
      ResponseBytes<GetObjectResponse> got =
          s3.getObjectAsBytes(g -> g.bucket("firehose").key("2024/01/02/03/stream-1-obj.gz"));
      assertThat(got.asString(StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(got.response().contentEncoding()).isEqualTo("gzip");
      assertThat(Files.isDirectory(dir.resolve("s3").resolve("firehose"))).isTrue();
    }
  }

  @Test
  void withCredentialsOnlyThoseAreAccepted() {
    EmbeddedS3.Credentials creds = new EmbeddedS3.Credentials("rivulet", "rivulet-secret");
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, dir.resolve("auth"), creds);
        S3Client good = S3Clients.create(server.endpoint(), "us-east-1", "rivulet", "rivulet-secret");
        S3Client bad = S3Clients.create(server.endpoint(), "us-east-1", "rivulet", "wrong")) {
      good.createBucket(b -> b.bucket("signed"));
      assertThat(good.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("signed");
      assertThatThrownBy(() -> bad.listBuckets()).isInstanceOf(S3Exception.class);
    }
  }

  @Test
  void restartingOnTheSameDirectoryKeepsTheObjects() {
    Path store = dir.resolve("kept");
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, store, null);
        S3Client s3 = S3Clients.create(server.endpoint(), "us-east-1", "a", "b")) {
      s3.createBucket(b -> b.bucket("kept"));
      s3.putObject(p -> p.bucket("kept").key("k"), RequestBody.fromString("v"));
    }
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, store, null);
        S3Client s3 = S3Clients.create(server.endpoint(), "us-east-1", "a", "b")) {
      assertThat(s3.getObjectAsBytes(g -> g.bucket("kept").key("k")).asUtf8String()).isEqualTo("v");
    }
  }
}
