package io.rivulet.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS listener: HTTP/2 by ALPN {@code h2}, HTTP/1.1 by ALPN or without it, HTTP/2 prior
 * knowledge without ALPN (the AWS SDK's default), TLSv1.2 and 1.3, generated and configured
 * certificates, and the cleartext port beside it.
 */
@Timeout(60)
class TlsTest {
  @TempDir static Path dir;
  static GeneratedCertificate generated;
  static TrustManagerFactory trust;
  static SSLContext trusting;

  private RivuletHttpServer server;

  @BeforeAll
  static void generate() throws Exception {
    generated = GeneratedCertificate.loadOrCreate(dir.resolve("tls"));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("rivulet", readCertificate(generated.certificateFile()));
    trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, trust.getTrustManagers(), null);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static X509Certificate readCertificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private void start(TlsListener tls) throws IOException {
    server =
        RivuletHttpServer.start(
            "127.0.0.1", 0, Echo.HANDLER, () -> "m 1\n", HttpServerOptions.defaults(), tls);
  }

  private void startGenerated() throws IOException {
    start(
        TlsListener.fromPkcs12(
            0, generated.keyStore(), generated.password(), generated.certificateFile()));
  }

  private HttpResponse<String> get(HttpClient.Version version, String host, String path)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(version).sslContext(trusting).build();
    URI uri = URI.create("https://" + host + ":" + server.tlsPort() + path);
    return client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private SSLSocket connect(String protocol, String... alpn) throws IOException {
    SSLSocket socket =
        (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.tlsPort());
    SSLParameters params = socket.getSSLParameters();
    if (protocol != null) {
      params.setProtocols(new String[] {protocol});
    }
    if (alpn.length > 0) {
      params.setApplicationProtocols(alpn);
    }
    socket.setSSLParameters(params);
    socket.startHandshake();
    return socket;
  }

  private static String http11(SSLSocket socket, String extraHeader) throws IOException {
    socket
        .getOutputStream()
        .write(
            ("GET /health HTTP/1.1\r\nHost: localhost\r\n" + extraHeader + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
  }

  @Test
  void http2ByAlpnBesideTheCleartextPort() throws Exception {
    startGenerated();
    assertThat(server.tlsPort()).isPositive().isNotEqualTo(server.port());
    HttpResponse<String> health = get(HttpClient.Version.HTTP_2, "127.0.0.1", "/health");
    assertThat(health.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
    HttpResponse<String> echo = get(HttpClient.Version.HTTP_2, "localhost", "/p?q=1");
    assertThat(echo.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(echo.body()).startsWith("method=GET path=/p query=q=1");
    HttpResponse<String> cleartext =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(cleartext.statusCode()).isEqualTo(200);
  }

  @Test
  void http11ByAlpnAndWithoutAlpn() throws Exception {
    startGenerated();
    HttpResponse<String> viaClient = get(HttpClient.Version.HTTP_1_1, "localhost", "/x");
    assertThat(viaClient.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(viaClient.body()).startsWith("method=GET path=/x");
    try (SSLSocket socket = connect(null, "http/1.1")) {
      assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
      assertThat(http11(socket, "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"))
          .as("no h2c upgrade over TLS")
          .startsWith("HTTP/1.1 200 OK")
          .endsWith("{\"status\":\"ok\"}");
    }
    try (SSLSocket socket = connect(null)) {
      assertThat(socket.getApplicationProtocol()).isEmpty();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(http11(socket, "")).startsWith("HTTP/1.1 200 OK");
    }
  }

  @Test
  void http2PriorKnowledgeWithoutAlpn() throws Exception {
    startGenerated();
    SslContext client =
        SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust).build();
    try (H2PriorKnowledgeClient h2 = new H2PriorKnowledgeClient(server.tlsPort(), client)) {
      for (int i = 0; i < 3; i++) {
        H2PriorKnowledgeClient.Response response =
            h2.send(HttpMethod.POST, "/s", ("b" + i).getBytes(StandardCharsets.UTF_8)).get();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("method=POST path=/s query= x-test=h2 body=b" + i);
      }
    }
  }

  @Test
  void tls12WithAlpnH2() throws Exception {
    startGenerated();
    try (SSLSocket socket = connect("TLSv1.2", "h2", "http/1.1")) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
      assertThat(socket.getSession().getCipherSuite()).contains("GCM");
    }
  }

  @Test
  void anUntrustingClientFailsAndTheServerGoesOn() throws Exception {
    startGenerated();
    HttpClient untrusting = HttpClient.newHttpClient();
    URI uri = URI.create("https://127.0.0.1:" + server.tlsPort() + "/health");
    assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(uri).build(),
            HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
    assertThat(get(HttpClient.Version.HTTP_2, "127.0.0.1", "/health").statusCode()).isEqualTo(200);
  }

  @Test
  void theGeneratedCertificateIsForLocalhostAndReused() throws Exception {
    X509Certificate cert = readCertificate(generated.certificateFile());
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(GeneratedCertificate.exists(dir.resolve("tls"))).isTrue();
    GeneratedCertificate again = GeneratedCertificate.loadOrCreate(dir.resolve("tls"));
    assertThat(Files.readString(again.certificateFile()))
        .isEqualTo(Files.readString(generated.certificateFile()));
    assertThat(again.password()).isEqualTo(generated.password());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("tls."));
    }
  }

  @Test
  void aConfiguredPemCertificateAndKey() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(generated.keyStore())) {
      store.load(in, generated.password());
    }
    PrivateKey key = (PrivateKey) store.getKey("rivulet", generated.password());
    assertThat(key.getFormat()).isEqualTo("PKCS#8");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    start(TlsListener.fromPem(0, generated.certificateFile(), keyPem));
    assertThat(server.tlsAddress().getPort()).isEqualTo(server.tlsPort());
    try (SSLSocket socket = connect(null, "h2")) {
      Certificate[] peer = socket.getSession().getPeerCertificates();
      assertThat(peer[0]).isEqualTo(readCertificate(generated.certificateFile()));
    }
    assertThat(get(HttpClient.Version.HTTP_2, "localhost", "/health").version())
        .isEqualTo(HttpClient.Version.HTTP_2);
  }

  @Test
  void aKeyThatIsNotPemFailsTheStart() throws Exception {
    Path junk = dir.resolve("junk.pem");
    Files.writeString(junk, "not a key\n");
    assertThatThrownBy(() -> TlsListener.fromPem(0, generated.certificateFile(), junk))
        .isInstanceOf(IOException.class);
  }

  @Test
  void withoutTlsThereIsNoTlsPort() throws Exception {
    server = RivuletHttpServer.start("127.0.0.1", 0, Echo.HANDLER, () -> "");
    assertThat(server.tlsPort()).isEqualTo(-1);
    assertThat(server.tlsAddress()).isNull();
  }
}
