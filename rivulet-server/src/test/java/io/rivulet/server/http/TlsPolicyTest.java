package io.rivulet.server.http;

import static io.rivulet.server.http.ClientHello.ALERT_HANDSHAKE_FAILURE;
import static io.rivulet.server.http.ClientHello.ALERT_PROTOCOL_VERSION;
import static io.rivulet.server.http.ClientHello.CONTENT_ALERT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTPS listener refuses: TLS 1.0 and 1.1 (an alert {@code protocol_version}), and for
 * TLS 1.2 every suite outside ECDHE + AEAD — RSA key exchange, CBC, 3DES, DHE (an alert {@code
 * handshake_failure}). The offers are hand-written ClientHellos, since the JDK's client will not
 * send most of them; the same hello with an accepted suite gets a ServerHello, which shows the
 * hellos themselves are well formed. Each refusal is counted.
 */
@Timeout(60)
class TlsPolicyTest {
  @TempDir static Path dir;
  static RivuletHttpServer server;
  static SSLContext trusting;

  @BeforeAll
  static void start() throws Exception {
    GeneratedCertificate generated = GeneratedCertificate.loadOrCreate(dir.resolve("tls"));
    server = RivuletHttpServer.start("127.0.0.1", 0, Echo.HANDLER, () -> "", HttpServerOptions.defaults(),
        TlsListener.fromPkcs12(0, generated.keyStore(), generated.password(), generated.certificateFile()));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    try (InputStream in = Files.newInputStream(generated.certificateFile())) {
      store.setCertificateEntry("rivulet", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void tls12WithEcdheAndAeadIsAccepted() throws Exception {
    assertThat(ClientHello.offer(server.tlsPort(), ClientHello.TLS_1_2,
        ClientHello.ECDHE_RSA_AES_128_GCM_SHA256).isServerHello()).isTrue();
  }

  @Test
  void tls10AndTls11AreRefused() throws Exception {
    long failures = server.stats().tlsHandshakeFailures();
    for (int version : new int[] {ClientHello.TLS_1_0, ClientHello.TLS_1_1}) {
      ClientHello.Answer answer = ClientHello.offer(server.tlsPort(), version,
          ClientHello.ECDHE_RSA_AES_128_CBC_SHA, ClientHello.RSA_AES_128_CBC_SHA,
          ClientHello.ECDHE_RSA_AES_128_GCM_SHA256);
      assertThat(answer.contentType()).as("version %x", version).isEqualTo(CONTENT_ALERT);
      assertThat(answer.alert()).isEqualTo(ALERT_PROTOCOL_VERSION);
    }
    awaitFailures(failures + 2);
  }

  @Test
  void weakTls12SuitesAreRefused() throws Exception {
    long failures = server.stats().tlsHandshakeFailures();
    List<Integer> weak = List.of(ClientHello.RSA_AES_128_GCM_SHA256, ClientHello.RSA_AES_128_CBC_SHA,
        ClientHello.ECDHE_RSA_AES_128_CBC_SHA, ClientHello.ECDHE_RSA_AES_128_CBC_SHA256,
        ClientHello.DHE_RSA_AES_128_GCM_SHA256, ClientHello.RSA_3DES_EDE_CBC_SHA);
    for (int suite : weak) {
      ClientHello.Answer answer = ClientHello.offer(server.tlsPort(), ClientHello.TLS_1_2, suite);
      assertThat(answer.contentType()).as("suite %04x", suite).isEqualTo(CONTENT_ALERT);
      assertThat(answer.alert()).as("suite %04x", suite).isEqualTo(ALERT_HANDSHAKE_FAILURE);
    }
    awaitFailures(failures + weak.size());
  }

  @Test
  void theJdkClientCannotForceACbcSuite() throws Exception {
    try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
      SSLParameters params = socket.getSSLParameters();
      params.setProtocols(new String[] {"TLSv1.2"});
      params.setCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"});
      socket.setSSLParameters(params);
      assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void tls13AndTls12NegotiateOnlyListedSuites() throws Exception {
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      try (SSLSocket socket = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.tlsPort())) {
        SSLParameters params = socket.getSSLParameters();
        params.setProtocols(new String[] {protocol});
        socket.setSSLParameters(params);
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
        assertThat(TlsListener.CIPHERS).contains(socket.getSession().getCipherSuite());
      }
    }
  }

  /** The server counts a failure when its side of the handshake ends, a moment after the alert. */
  private static void awaitFailures(long expected) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.stats().tlsHandshakeFailures() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(server.stats().tlsHandshakeFailures()).isGreaterThanOrEqualTo(expected);
  }
}
