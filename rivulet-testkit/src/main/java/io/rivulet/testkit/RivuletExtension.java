package io.rivulet.testkit;

import io.rivulet.analytics.runtime.ApplicationRuntime;
import io.rivulet.server.AuthOptions;
import io.rivulet.server.KmsOptions;
import io.rivulet.server.RivuletServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2AsyncClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Starts a real Rivulet server in-process on 127.0.0.1 and a random port, with a fresh data
 * directory, before a test class, and stops it after; hands out SDK clients that are closed with
 * it. Use as {@code @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();}.
 * Not thread-safe for configuration; clients may be used from any thread.
 */
public final class RivuletExtension implements BeforeAllCallback, AfterAllCallback {
  private final UnaryOperator<RivuletServer.Options> customize;
  private AuthOptions auth = AuthOptions.off();
  private KmsOptions kms = KmsOptions.none();
  private Supplier<List<ApplicationRuntime>> runtimes = List::of;
  private String credentialsJson; // written to <data-dir>/credentials.json before the start
  private final List<AutoCloseable> clients = new ArrayList<>();
  private Path dataDir;
  private RivuletServer server;

  public RivuletExtension() {
    this(o -> o);
  }

  /** With options changed from the test defaults (no CREATING/DELETING delay, data in a temp dir). */
  public RivuletExtension(UnaryOperator<RivuletServer.Options> customize) {
    this.customize = customize;
  }

  /**
   * With {@code --auth}: the server accepts the credentials of this {@code credentials.json}
   * (docs/SECURITY.md), written into the data directory before it starts, and nothing else.
   */
  public RivuletExtension withCredentials(String json) {
    this.credentialsJson = json;
    this.auth = AuthOptions.on(null, Map.of());
    return this;
  }

  /** With these key store settings (master key, keys created on first use). */
  public RivuletExtension withKms(KmsOptions options) {
    this.kms = options;
    return this;
  }

  /**
   * With these Analytics runtimes, made afresh for every start (the server closes them when it
   * stops).
   */
  public RivuletExtension withRuntimes(Supplier<List<ApplicationRuntime>> factory) {
    this.runtimes = factory;
    return this;
  }

  /** With these authentication settings. */
  public RivuletExtension withAuth(AuthOptions options) {
    this.auth = options;
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("rivulet-test-");
    if (credentialsJson != null) {
      Path file = Files.writeString(dataDir.resolve("credentials.json"), credentialsJson);
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system
      }
    }
    server = RivuletServer.start(customize.apply(RivuletServer.Options.forTests(dataDir)), auth, kms,
        runtimes.get());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
    clients.clear();
    if (server != null) {
      server.close();
    }
    deleteRecursively(dataDir);
  }

  public RivuletServer server() {
    return server;
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the server and starts a new one on the same data directory (and options). */
  public void restart() {
    restart(server.kmsOptions());
  }

  /** Stops the server and starts a new one on the same data directory, with these key settings. */
  public void restart(KmsOptions kmsOptions) {
    RivuletServer.Options options = server.options();
    AuthOptions authOptions = server.auth();
    server.close();
    server = RivuletServer.start(options.port() < 0 ? options : options.withPort(0), authOptions,
        kmsOptions, runtimes.get());
  }

  public synchronized KmsClient kms() {
    KmsClient c = Clients.kms(endpoint());
    clients.add(c);
    return c;
  }

  public synchronized KinesisClient sync(WireMode mode) {
    KinesisClient c = Clients.sync(endpoint(), mode);
    clients.add(c);
    return c;
  }

  public synchronized KinesisAsyncClient async(WireMode mode) {
    KinesisAsyncClient c = Clients.async(endpoint(), mode);
    clients.add(c);
    return c;
  }

  public synchronized KinesisAnalyticsV2Client analytics() {
    KinesisAnalyticsV2Client c = Clients.analytics(endpoint());
    clients.add(c);
    return c;
  }

  public synchronized KinesisAnalyticsV2AsyncClient analyticsAsync() {
    KinesisAnalyticsV2AsyncClient c = Clients.analyticsAsync(endpoint());
    clients.add(c);
    return c;
  }

  public synchronized FirehoseClient firehose() {
    FirehoseClient c = Clients.firehose(endpoint());
    clients.add(c);
    return c;
  }

  public synchronized FirehoseAsyncClient firehoseAsync() {
    FirehoseAsyncClient c = Clients.firehoseAsync(endpoint());
    clients.add(c);
    return c;
  }

  static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
