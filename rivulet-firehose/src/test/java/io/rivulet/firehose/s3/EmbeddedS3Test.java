package io.rivulet.firehose.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The embedded S3 server with the real SDK client: buckets and objects, files on disk, auth, and
 * the temporary files of writes in progress (hidden from listings, removed after a crash).
 */
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

  /** A key ending in a UUID, as Firehose names objects: an object, not a temporary file. */
  static final String UUID_KEY = "2024/03/05/06/orders-1-2024-03-05-06-07-08-"
      + "5c8e7e0a-2f0b-3c55-9d4e-4a1f0f6a9b21";

  @Test
  void listingsDuringAWriteShowWholeObjectsOnlyAndACrashLeavesNoTemporaryFile() throws Exception {
    Path live = dir.resolve("live");
    Path crashed = dir.resolve("crashed");
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, live, null);
        S3Client s3 = S3Clients.create(server.endpoint(), "us-east-1", "a", "b")) {
      s3.createBucket(b -> b.bucket("out"));
      s3.putObject(p -> p.bucket("out").key("2024/03/05/06/whole"), RequestBody.fromString("w"));
      s3.putObject(p -> p.bucket("out").key(UUID_KEY), RequestBody.fromString("u"));
      byte[] body = new byte[1 << 20];
      Arrays.fill(body, (byte) 'x');
      try (Socket put = new Socket("127.0.0.1", server.port())) {
        // half of the body sent: s3proxy is writing the object to <key>-<uuid>
        OutputStream out = put.getOutputStream();
        out.write(("PUT /out/2024/03/05/06/big HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: " + body.length + "\r\nContent-Type: application/octet-stream\r\n"
            + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
        Path temporary = awaitTemporaryFile(live.resolve("out/2024/03/05/06"), "big-");

        assertThat(keys(s3, "out")).containsExactly(UUID_KEY, "2024/03/05/06/whole");
        assertThat(s3.listObjectsV2(l -> l.bucket("out").prefix("2024/03/05/06/").delimiter("/"))
            .contents()).extracting(S3Object::key).containsExactly(UUID_KEY, "2024/03/05/06/whole");
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("out");
        assertThat(temporary).exists();
        copyTree(live, crashed); // the files a SIGKILL at this moment leaves

        out.write(body, body.length / 2, body.length - body.length / 2);
        out.flush();
        assertThat(statusLine(put.getInputStream())).contains(" 200 ");
      }
      assertThat(keys(s3, "out")).containsExactly("2024/03/05/06/big", UUID_KEY,
          "2024/03/05/06/whole");
    }

    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, crashed, null);
        S3Client s3 = S3Clients.create(server.endpoint(), "us-east-1", "a", "b")) {
      try (Stream<Path> files = Files.list(crashed.resolve("out/2024/03/05/06"))) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder("whole", UUID_KEY.substring(UUID_KEY.lastIndexOf('/') + 1));
      }
      try (Stream<Path> markers = Files.list(crashed.resolve(WritesInProgress.DIRECTORY))) {
        assertThat(markers).isEmpty();
      }
      assertThat(keys(s3, "out")).containsExactly(UUID_KEY, "2024/03/05/06/whole");
      assertThat(s3.getObjectAsBytes(g -> g.bucket("out").key(UUID_KEY)).asUtf8String())
          .isEqualTo("u");
    }
  }

  @Test
  void sdkListingsWhileTheSdkWritesShowWholeObjectsOnly() throws Exception {
    try (EmbeddedS3 server = EmbeddedS3.start("127.0.0.1", 0, dir.resolve("busy"), null);
        S3Client writer = S3Clients.create(server.endpoint(), "us-east-1", "a", "b");
        S3Client reader = S3Clients.create(server.endpoint(), "us-east-1", "a", "b")) {
      writer.createBucket(b -> b.bucket("busy"));
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger listings = new AtomicInteger();
      List<String> unexpected = new CopyOnWriteArrayList<>();
      Thread lister = new Thread(() -> {
        while (!done.get()) {
          for (String key : keys(reader, "busy")) {
            if (!key.matches("2026/03/05/06/part-\\d+\\.parquet")) {
              unexpected.add(key);
            }
          }
          listings.incrementAndGet();
        }
      });
      lister.start();
      byte[] body = new byte[8 << 20];
      try {
        for (int i = 0; i < 24; i++) {
          String key = "2026/03/05/06/part-" + i + ".parquet";
          writer.putObject(p -> p.bucket("busy").key(key), RequestBody.fromBytes(body));
        }
      } finally {
        done.set(true);
        lister.join();
      }
      // a listing that read the directory just before a rename must not show the old name either
      assertThat(unexpected).isEmpty();
      assertThat(listings.get()).isPositive();
      assertThat(keys(reader, "busy")).hasSize(24);
    }
  }

  static List<String> keys(S3Client s3, String bucket) {
    return s3.listObjectsV2(l -> l.bucket(bucket)).contents().stream().map(S3Object::key).toList();
  }

  /** Waits (up to 10 s) for the temporary file {@code <prefix><uuid>} to appear in {@code dir}. */
  static Path awaitTemporaryFile(Path dir, String prefix) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)
              && f.getFileName().toString().length() == prefix.length() + 36).toList();
          if (!found.isEmpty()) {
            return found.get(0);
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no " + prefix + "<uuid> file appeared in " + dir);
  }

  static String statusLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      line.append((char) c);
    }
    return line.toString();
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
