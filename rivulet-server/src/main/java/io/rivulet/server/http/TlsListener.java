package io.rivulet.server.http;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;

/**
 * The second, HTTPS listener of a {@link RivuletHttpServer}: a port and the server's certificate
 * and key, turned into a JDK-provider {@link SslContext} when this is built (so a bad certificate
 * fails the start, not the first handshake).
 *
 * <p>TLSv1.3 and TLSv1.2 only, with the cipher suites HTTP/2 allows (RFC 7540 appendix A excludes
 * the rest); ALPN offers {@code h2} then {@code http/1.1}. A client that sends no ALPN extension is
 * still served: see {@link TlsInitializer}. Immutable and thread-safe.
 */
public final class TlsListener {
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final int port;
  private final SslContext sslContext;
  private final Path certificateFile;

  private TlsListener(int port, SslContext sslContext, Path certificateFile) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port out of range: " + port);
    }
    this.port = port;
    this.sslContext = sslContext;
    this.certificateFile = certificateFile;
  }

  /**
   * From PEM files: the certificate chain (leaf first) and its PKCS#8 private key ({@code -----BEGIN
   * PRIVATE KEY-----}, unencrypted).
   *
   * @throws IOException if a file cannot be read or does not hold what it should
   */
  public static TlsListener fromPem(int port, Path certificateChain, Path privateKey)
      throws IOException {
    Objects.requireNonNull(certificateChain, "certificateChain");
    Objects.requireNonNull(privateKey, "privateKey");
    try {
      return new TlsListener(
          port,
          configure(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile())),
          certificateChain);
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "Cannot use certificate " + certificateChain + " with key " + privateKey, e);
    }
  }

  /**
   * From a PKCS12 key store holding one private key entry (as {@link GeneratedCertificate} writes).
   *
   * @param certificateFile the certificate as PEM, for clients to trust (reported, not read)
   * @throws IOException if the key store cannot be read or opened with {@code password}
   */
  public static TlsListener fromPkcs12(
      int port, Path keyStore, char[] password, Path certificateFile) throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password);
      return new TlsListener(
          port, configure(SslContextBuilder.forServer(keys)), certificateFile);
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot open key store " + keyStore, e);
    }
  }

  private static SslContext configure(SslContextBuilder builder) throws IOException {
    try {
      return builder
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOLS)
          .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_2,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (javax.net.ssl.SSLException e) {
      throw new IOException("Cannot build the TLS context", e);
    }
  }

  /** The port to bind; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The certificate file clients can trust (PEM). */
  public Path certificateFile() {
    return certificateFile;
  }

  SslContext sslContext() {
    return sslContext;
  }
}
