package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate reload without a restart: after the PEM files are replaced, new connections get the
 * new certificate while a connection opened before keeps its own and goes on serving; a pair that
 * does not belong together, an unreadable file or an expired certificate is refused and the
 * previous certificate stays; the periodic check picks a change up by itself and does not retry a
 * refused pair until the files change again.
 */
@Timeout(60)
class TlsReloadTest {
  @TempDir static Path keys;
  @TempDir Path dir;
  static Pair first;
  static Pair second;
  static SSLContext trustingBoth;

  private RivuletHttpServer server;
  private Path cert;
  private Path key;

  /** A certificate and its key, as PEM files. */
  record Pair(Path certificate, Path key, X509Certificate x509) {}

  static Pair pair(Path dir) throws Exception {
    GeneratedCertificate generated = GeneratedCertificate.loadOrCreate(dir);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(generated.keyStore())) {
      store.load(in, generated.password());
    }
    PrivateKey privateKey = (PrivateKey) store.getKey("rivulet", generated.password());
    Path keyPem = dir.resolveSibling(dir.getFileName() + "-key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(privateKey.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    try (InputStream in = Files.newInputStream(generated.certificateFile())) {
      return new Pair(generated.certificateFile(), keyPem,
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
  }

  @BeforeAll
  static void certificates() throws Exception {
    first = pair(keys.resolve("first"));
    second = pair(keys.resolve("second"));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("first", first.x509());
    trust.setCertificateEntry("second", second.x509());
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    trustingBoth = SSLContext.getInstance("TLS");
    trustingBoth.init(null, tmf.getTrustManagers(), null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private void start(Duration reloadEvery, Clock clock) throws IOException {
    cert = dir.resolve("cert.pem");
    key = dir.resolve("key.pem");
    install(first);
    server = RivuletHttpServer.start("127.0.0.1", 0, Echo.HANDLER, () -> "",
        HttpServerOptions.defaults(), TlsListener.fromPem(0, cert, key, clock).reloadEvery(reloadEvery));
  }

  /** Replaces the served files as an operator (or cert-manager) would: new file, then rename. */
  private void install(Pair pair) throws IOException {
    replace(cert, Files.readAllBytes(pair.certificate()));
    replace(key, Files.readAllBytes(pair.key()));
  }

  private static void replace(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".new");
    Files.write(tmp, content);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private SSLSocket connect() throws IOException {
    SSLSocket socket =
        (SSLSocket) trustingBoth.getSocketFactory().createSocket("127.0.0.1", server.tlsPort());
    socket.setSoTimeout(10_000);
    socket.startHandshake();
    return socket;
  }

  private X509Certificate peerOfANewConnection() throws IOException {
    try (SSLSocket socket = connect()) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** One keep-alive request on an open connection: the status line of its answer. */
  private static String health(SSLSocket socket) throws IOException {
    socket.getOutputStream().write(
        "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    StringBuilder head = new StringBuilder();
    InputStream in = socket.getInputStream();
    while (!head.toString().endsWith("{\"status\":\"ok\"}")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString().lines().findFirst().orElse("");
  }

  @Test
  void newConnectionsGetTheNewCertificateAndOpenOnesKeepWorking() throws Exception {
    start(Duration.ZERO, Clock.systemUTC());
    try (SSLSocket old = connect()) {
      assertThat(old.getSession().getPeerCertificates()[0]).isEqualTo(first.x509());
      assertThat(health(old)).isEqualTo("HTTP/1.1 200 OK");

      install(second);
      assertThat(server.tls().reload()).isTrue();

      assertThat(peerOfANewConnection()).isEqualTo(second.x509());
      assertThat(server.tls().certificate()).isEqualTo(second.x509());
      assertThat(health(old)).as("the connection opened before the reload").isEqualTo("HTTP/1.1 200 OK");
      assertThat(old.getSession().getPeerCertificates()[0]).isEqualTo(first.x509());
    }
    assertThat(server.stats().tlsReloads()).isEqualTo(1);
    assertThat(server.stats().certificateNotAfterSeconds())
        .isEqualTo(second.x509().getNotAfter().getTime() / 1000);
  }

  @Test
  void aBadPairIsRefusedAndThePreviousCertificateStays() throws Exception {
    start(Duration.ZERO, Clock.systemUTC());
    // the first certificate with the second's key: a rotation caught halfway
    replace(key, Files.readAllBytes(second.key()));
    assertThat(server.tls().reload()).isFalse();
    assertThat(peerOfANewConnection()).isEqualTo(first.x509());

    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n");
    assertThat(server.tls().reload()).isFalse();
    Files.writeString(cert, "garbage\n");
    assertThat(server.tls().reload()).isFalse();
    Files.delete(cert);
    assertThat(server.tls().reload()).isFalse();
    assertThat(peerOfANewConnection()).isEqualTo(first.x509());
    assertThat(server.stats().tlsReloadFailures()).isEqualTo(4);
    assertThat(server.stats().tlsReloads()).isZero();

    install(second); // the rotation completed
    assertThat(server.tls().reload()).isTrue();
    assertThat(peerOfANewConnection()).isEqualTo(second.x509());
  }

  @Test
  void anExpiredCertificateIsRefused() throws Exception {
    // a clock past both certificates' ten years: the start serves (with a warning), a reload refuses
    Instant later = first.x509().getNotAfter().toInstant().plus(Duration.ofDays(1));
    start(Duration.ZERO, Clock.fixed(later, ZoneOffset.UTC));
    install(second);
    assertThat(server.tls().reload()).isFalse();
    assertThat(peerOfANewConnection()).isEqualTo(first.x509());
  }

  @Test
  void thePeriodicCheckReloadsChangedFilesAndDoesNotRetryARefusedPair() throws Exception {
    start(Duration.ofMillis(50), Clock.systemUTC());
    replace(key, Files.readAllBytes(second.key()));
    awaitTrue(() -> server.stats().tlsReloadFailures() == 1);
    Thread.sleep(300); // six more checks of the same bad pair: none counts again
    assertThat(server.stats().tlsReloadFailures()).isEqualTo(1);

    replace(cert, Files.readAllBytes(second.certificate()));
    awaitTrue(() -> server.stats().tlsReloads() == 1);
    assertThat(peerOfANewConnection()).isEqualTo(second.x509());
    assertThat(server.tls().reloadIfChanged()).as("nothing changed since").isFalse();
  }

  interface Check {
    boolean ok() throws Exception;
  }

  static void awaitTrue(Check check) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 10 s");
      }
      Thread.sleep(20);
    }
  }
}
