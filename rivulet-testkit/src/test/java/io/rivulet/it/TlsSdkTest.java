package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.server.RivuletServer;
import io.rivulet.server.http.GeneratedCertificate;
import io.rivulet.testkit.ChildServer;
import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * The SDK over {@code https://} trusting the server's certificate: the async (Netty) client doing
 * PutRecord and SubscribeToShard over HTTP/2 (with ALPN {@code h2}, and without ALPN as the SDK
 * does by default), the sync (Apache) client over HTTP/1.1, the generated certificate kept across a
 * restart, a configured PEM certificate, a certificate reloaded without a restart (the certificate
 * each client's trust manager saw is checked), and HTTPS only ({@code rivulet serve --no-http}, a
 * child process reloading on SIGHUP).
 */
@Timeout(120)
class TlsSdkTest {
  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withTls(new RivuletServer.Options.Tls(0, null, null)));

  @TempDir Path tmp;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  static int counter;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  /** What a Java client does to trust the server: a trust store holding the PEM certificate. */
  static TrustManagerFactory trusting(Path... certificatePems) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    for (Path certificatePem : certificatePems) {
      try (InputStream in = Files.newInputStream(certificatePem)) {
        trust.setCertificateEntry("rivulet-" + certificatePem,
            CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf;
  }

  KinesisAsyncClient async(URI endpoint, TrustManagerFactory tmf, ProtocolNegotiation negotiation) {
    KinesisAsyncClient client = KinesisAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .protocolNegotiation(negotiation)
            .tlsTrustManagersProvider(tmf::getTrustManagers))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
        .build();
    closeables.add(client);
    return client;
  }

  KinesisClient sync(URI endpoint, TrustManagerFactory tmf) {
    KinesisClient client = KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers))
        .build();
    closeables.add(client);
    return client;
  }

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(
        AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY));
  }

  URI https(String host) {
    return URI.create("https://" + host + ":" + rivulet.server().tlsPort());
  }

  @Test
  void putAndSubscribeOverHttp2ByAlpn() throws Exception {
    putAndSubscribe(ProtocolNegotiation.ALPN, "localhost");
  }

  @Test
  void putAndSubscribeOverHttp2WithoutAlpn() throws Exception {
    putAndSubscribe(ProtocolNegotiation.ASSUME_PROTOCOL, "127.0.0.1");
  }

  void putAndSubscribe(ProtocolNegotiation negotiation, String host) throws Exception {
    TrustManagerFactory tmf = trusting(rivulet.server().certificateFile());
    KinesisClient kinesis = sync(https(host), tmf);
    KinesisAsyncClient async = async(https(host), tmf, negotiation);
    String stream = "tls-" + (++counter);
    Sdk.createActive(kinesis, stream, 1);
    String arn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
    String consumer = async.registerStreamConsumer(b -> b.streamARN(arn).consumerName("tls")).get()
        .consumer().consumerARN();
    BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
    CompletableFuture<Void> done = async.subscribeToShard(
        b -> b.consumerARN(consumer).shardId("shardId-000000000000")
            .startingPosition(p -> p.type(ShardIteratorType.LATEST)),
        SubscribeToShardResponseHandler.builder()
            .subscriber(SubscribeToShardResponseHandler.Visitor.builder()
                .onSubscribeToShardEvent(events::add).build())
            .build());
    assertThat(events.poll(10, TimeUnit.SECONDS)).as("the first event (a heartbeat)").isNotNull();
    List<String> received = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String data = "live-" + i;
      async.putRecord(b -> b.streamName(stream).partitionKey("k").data(Sdk.bytes(data))).get();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (received.size() <= i && System.nanoTime() < deadline) {
        SubscribeToShardEvent e = events.poll(1, TimeUnit.SECONDS);
        if (e != null) {
          e.records().forEach(r -> received.add(r.data().asUtf8String()));
        }
      }
    }
    assertThat(received).containsExactly("live-0", "live-1", "live-2");
    assertThat(done).isNotDone();
    done.cancel(true);
  }

  @Test
  void theSyncClientOverHttp11() throws Exception {
    KinesisClient kinesis = sync(https("localhost"), trusting(rivulet.server().certificateFile()));
    String stream = "tls-sync-" + (++counter);
    Sdk.createActive(kinesis, stream, 2);
    for (int i = 0; i < 4; i++) {
      String data = "r" + i;
      kinesis.putRecord(b -> b.streamName(stream).partitionKey("p" + data).data(Sdk.bytes(data)));
    }
    int read = 0;
    for (String shard : List.of("shardId-000000000000", "shardId-000000000001")) {
      read += Sdk.drain(kinesis, Sdk.iterator(kinesis, stream, shard, ShardIteratorType.TRIM_HORIZON)).size();
    }
    assertThat(read).isEqualTo(4);
  }

  @Test
  void aRestartKeepsTheGeneratedCertificate() throws Exception {
    Path cert = rivulet.server().certificateFile();
    assertThat(cert).isEqualTo(rivulet.dataDir().resolve("tls").resolve("certificate.pem"));
    String before = Files.readString(cert);
    TrustManagerFactory tmf = trusting(cert);
    rivulet.restart();
    assertThat(rivulet.server().certificateFile()).isEqualTo(cert);
    assertThat(Files.readString(cert)).isEqualTo(before);
    assertThat(rivulet.server().tlsEndpoint().getScheme()).isEqualTo("https");
    assertThat(sync(https("localhost"), tmf).listStreams().hasMoreStreams()).isFalse();
  }

  /** Certificates the server presented to a client, leaf first, as its trust manager saw them. */
  static final class Recording extends X509ExtendedTrustManager {
    final List<X509Certificate> seen = new CopyOnWriteArrayList<>();
    private final X509ExtendedTrustManager delegate;

    Recording(TrustManagerFactory tmf) {
      this.delegate = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
    }

    TrustManager[] managers() {
      return new TrustManager[] {this};
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws CertificateException {
      seen.add(chain[0]);
      delegate.checkServerTrusted(chain, auth, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws CertificateException {
      seen.add(chain[0]);
      delegate.checkServerTrusted(chain, auth, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String auth) throws CertificateException {
      seen.add(chain[0]);
      delegate.checkServerTrusted(chain, auth);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, auth, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, auth, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String auth) throws CertificateException {
      delegate.checkClientTrusted(chain, auth);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  KinesisAsyncClient async(URI endpoint, Recording trust) {
    KinesisAsyncClient client = KinesisAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .protocolNegotiation(ProtocolNegotiation.ALPN)
            .tlsTrustManagersProvider(trust::managers))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(30)))
        .build();
    closeables.add(client);
    return client;
  }

  static X509Certificate x509(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  static void replace(Path target, Path source) throws Exception {
    Path tmp = target.resolveSibling(target.getFileName() + ".new");
    Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Two certificates with PEM keys; the first installed as {@code cert.pem} and {@code key.pem}. */
  record Rotation(GeneratedCertificate first, GeneratedCertificate second, Path cert, Path key,
      Path secondKey) {
    /** Installs the second pair as an operator would: each file written aside, then renamed. */
    void rotate() throws Exception {
      replace(cert, second.certificateFile());
      replace(key, secondKey);
    }
  }

  Rotation rotation() throws Exception {
    GeneratedCertificate first = withPemKey(tmp.resolve("first"), tmp.resolve("first-key.pem"));
    GeneratedCertificate second = withPemKey(tmp.resolve("second"), tmp.resolve("second-key.pem"));
    Rotation rotation = new Rotation(first, second, tmp.resolve("cert.pem"), tmp.resolve("key.pem"),
        tmp.resolve("second-key.pem"));
    replace(rotation.cert(), first.certificateFile());
    replace(rotation.key(), tmp.resolve("first-key.pem"));
    return rotation;
  }

  @Test
  void aReloadedCertificateReachesNewConnectionsAndOpenOnesKeepWorking() throws Exception {
    Rotation rotation = rotation();
    GeneratedCertificate first = rotation.first();
    GeneratedCertificate second = rotation.second();
    Path cert = rotation.cert();
    Path key = rotation.key();
    try (RivuletServer server = RivuletServer.start(RivuletServer.Options.forTests(tmp.resolve("data"))
        .withTls(new RivuletServer.Options.Tls(0, cert, key, Duration.ZERO)))) {
      URI https = URI.create("https://localhost:" + server.tlsPort());
      Recording trustsFirst = new Recording(trusting(first.certificateFile()));
      KinesisAsyncClient before = async(https, trustsFirst);
      assertThat(before.listStreams().get().streamNames()).isEmpty();
      assertThat(trustsFirst.seen).containsOnly(x509(first.certificateFile()));

      rotation.rotate();
      assertThat(server.reloadTls()).isTrue();

      Recording trustsSecond = new Recording(trusting(second.certificateFile()));
      assertThat(async(https, trustsSecond).listStreams().get().streamNames()).isEmpty();
      assertThat(trustsSecond.seen).as("a new connection").containsOnly(x509(second.certificateFile()));
      assertThat(before.listStreams().get().streamNames())
          .as("the client that trusts only the old certificate, on its open connection").isEmpty();
      assertThat(trustsFirst.seen).containsOnly(x509(first.certificateFile()));
      SSLContext onlyFirst = SSLContext.getInstance("TLS");
      onlyFirst.init(null, trusting(first.certificateFile()).getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket) onlyFirst.getSocketFactory().createSocket("localhost", server.tlsPort())) {
        assertThatThrownBy(socket::startHandshake)
            .as("a new connection trusting only the old certificate")
            .isInstanceOf(SSLHandshakeException.class);
      }

      Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
      assertThat(server.reloadTls()).as("a bad key is refused").isFalse();
      assertThat(async(https, new Recording(trusting(second.certificateFile()))).listStreams().get()
          .streamNames()).as("and the second certificate stays").isEmpty();
      assertThat(server.httpStats().tlsReloads()).isEqualTo(1);
      assertThat(server.httpStats().tlsReloadFailures()).isEqualTo(1);
    }
  }

  @Test
  void httpsOnlyOpensNoCleartextPortAndReloadsOnSighup() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux /proc");
    Rotation rotation = rotation();
    GeneratedCertificate first = rotation.first();
    GeneratedCertificate second = rotation.second();
    Path cert = rotation.cert();
    Path key = rotation.key();
    try (ChildServer child = ChildServer.start(tmp.resolve("data"), "--no-http", "--tls-port", "0",
        "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-reload-interval", "0")) {
      int port = child.endpoint().getPort();
      assertThat(child.endpoint().getScheme()).isEqualTo("https");
      assertThat(child.output()).noneMatch(l -> l.contains("h2c listening"))
          .anyMatch(l -> l.contains("(HTTPS only: no cleartext port)"));
      Set<Integer> listening = listeningPorts(child.pid());
      assertThat(listening).contains(port);
      for (int other : listening) {
        if (other != port) {
          assertThat(answersPlainHealth(other)).as("port %d serves plain HTTP", other).isFalse();
        }
      }
      KinesisClient kinesis = sync(URI.create("https://localhost:" + port), trusting(first.certificateFile()));
      assertThat(kinesis.listStreams().streamNames()).isEmpty();

      rotation.rotate();
      assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(child.pid())).start().waitFor())
          .isZero();
      X509Certificate expected = x509(second.certificateFile());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      X509Certificate seen = null;
      while (System.nanoTime() < deadline && !expected.equals(seen)) {
        Recording trust = new Recording(trusting(first.certificateFile(), second.certificateFile()));
        assertThat(async(URI.create("https://localhost:" + port), trust).listStreams().get()
            .streamNames()).isEmpty();
        seen = trust.seen.get(0);
        Thread.sleep(seen.equals(expected) ? 0 : 100);
      }
      assertThat(seen).as("the certificate after SIGHUP").isEqualTo(expected);
      assertThat(child.isAlive()).as("SIGHUP reloads, it does not stop the server").isTrue();
      assertThat(child.output()).anyMatch(l -> l.contains("TLS certificate reloaded"));
    }
  }

  /** The TCP ports process {@code pid} listens on (its socket inodes looked up in /proc/net). */
  static Set<Integer> listeningPorts(long pid) throws Exception {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            inodes.add(link.substring("socket:[".length(), link.length() - 1));
          }
        } catch (java.io.IOException e) {
          // closed meanwhile
        }
      }
    }
    Set<Integer> ports = new TreeSet<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", Long.toString(pid), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
          ports.add(Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16));
        }
      }
    }
    return ports;
  }

  /** Whether {@code port} answers a plain-HTTP GET /health as Rivulet does. */
  static boolean answersPlainHealth(int port) {
    try {
      HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
          .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return r.body().contains("\"status\":\"ok\"");
    } catch (Exception e) {
      return false;
    }
  }

  /** A certificate generated into {@code dir} and its key written as PEM to {@code keyPem}. */
  static GeneratedCertificate withPemKey(Path dir, Path keyPem) throws Exception {
    GeneratedCertificate own = GeneratedCertificate.loadOrCreate(dir);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(own.keyStore())) {
      store.load(in, own.password());
    }
    PrivateKey key = (PrivateKey) store.getKey("rivulet", own.password());
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return own;
  }

  @Test
  void aConfiguredCertificate() throws Exception {
    Path keyPem = tmp.resolve("key.pem");
    GeneratedCertificate own = withPemKey(tmp.resolve("own"), keyPem);
    try (RivuletServer server = RivuletServer.start(RivuletServer.Options.forTests(tmp.resolve("data"))
        .withTls(new RivuletServer.Options.Tls(0, own.certificateFile(), keyPem)))) {
      assertThat(server.certificateFile()).isEqualTo(own.certificateFile());
      assertThat(tmp.resolve("data").resolve("tls")).doesNotExist();
      KinesisAsyncClient async = async(server.tlsEndpoint(), trusting(own.certificateFile()),
          ProtocolNegotiation.ALPN);
      assertThat(async.listStreams().get().streamNames()).isEmpty();
      async.close();
      closeables.remove(async);
    }
  }
}
