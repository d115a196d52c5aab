package io.rivulet.server.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener of a {@link RivuletHttpServer}: a port and the server's certificate and key,
 * turned into a JDK-provider {@link SslContext} when this is built (so a bad certificate fails the
 * start, not the first handshake), and rebuilt from the same files without a restart ({@link
 * #reload()}, {@link #reloadIfChanged()}).
 *
 * <p>TLSv1.3 and TLSv1.2 only; for 1.2 only {@link #CIPHERS}' ECDHE key exchange with AEAD
 * ciphers (no RSA key exchange, no CBC, no SHA-1 MACs, no DHE); ALPN offers {@code h2} then {@code
 * http/1.1}. A client that sends no ALPN extension is still served: see {@link TlsInitializer}.
 *
 * <p>Reloading: the files are read again, the key is checked against the certificate (a signature
 * made with the key must verify with the certificate's public key), and a certificate that has
 * expired or is not valid yet is refused. A good pair replaces the context that new connections
 * get; connections already open keep the one they started with. A bad pair is refused with an
 * error in the log and the previous one stays. Thread-safe: the context is swapped atomically and
 * reloads are serialised.
 */
public final class TlsListener {
  private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);
  static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /**
   * TLS 1.3's three suites, and for TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305 (Mozilla's
   * "intermediate" list without DHE); the server's order of preference.
   */
  static final List<String> CIPHERS =
      List.of(
          "TLS_AES_128_GCM_SHA256",
          "TLS_AES_256_GCM_SHA384",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  /** How often the files are checked for changes unless told otherwise. */
  public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(10);

  private final int port;
  private final TlsKeyMaterial.Source source;
  private final Path certificateFile;
  private final Clock clock;
  private final LongAdder reloads = new LongAdder();
  private final LongAdder reloadFailures = new LongAdder();
  private volatile Duration reloadInterval = DEFAULT_RELOAD_INTERVAL;
  private volatile Loaded current;
  private byte[] lastAttempt; // guarded by this: digest of the files last tried

  /** The context in use and the certificate it presents. */
  private record Loaded(SslContext context, X509Certificate certificate) {}

  private TlsListener(int port, TlsKeyMaterial.Source source, Path certificateFile, Clock clock)
      throws IOException {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("TLS port out of range: " + port);
    }
    this.port = port;
    this.source = source;
    this.certificateFile = certificateFile;
    this.clock = Objects.requireNonNull(clock, "clock");
    synchronized (this) {
      byte[][] files = source.read();
      lastAttempt = digest(files);
      TlsKeyMaterial material = source.parse(files);
      warnIfNotValid(material.leaf(), clock.instant());
      current = new Loaded(build(material), material.leaf());
    }
  }

  /**
   * From PEM files: the certificate chain (leaf first) and its PKCS#8 private key ({@code -----BEGIN
   * PRIVATE KEY-----}, unencrypted).
   *
   * @throws IOException if a file cannot be read, does not hold what it should, or the key is not
   *     the certificate's
   */
  public static TlsListener fromPem(int port, Path certificateChain, Path privateKey)
      throws IOException {
    return fromPem(port, certificateChain, privateKey, Clock.systemUTC());
  }

  /** Like {@link #fromPem(int, Path, Path)}, judging certificate validity on {@code clock}. */
  public static TlsListener fromPem(int port, Path certificateChain, Path privateKey, Clock clock)
      throws IOException {
    return new TlsListener(
        port, TlsKeyMaterial.pem(certificateChain, privateKey), certificateChain, clock);
  }

  /**
   * From a PKCS12 key store holding one private key entry (as {@link GeneratedCertificate} writes).
   *
   * @param certificateFile the certificate as PEM, for clients to trust (reported, not read)
   * @throws IOException if the key store cannot be read or opened with {@code password}
   */
  public static TlsListener fromPkcs12(
      int port, Path keyStore, char[] password, Path certificateFile) throws IOException {
    return fromPkcs12(port, keyStore, password, certificateFile, Clock.systemUTC());
  }

  /** Like {@link #fromPkcs12(int, Path, char[], Path)}, judging validity on {@code clock}. */
  public static TlsListener fromPkcs12(
      int port, Path keyStore, char[] password, Path certificateFile, Clock clock)
      throws IOException {
    return new TlsListener(port, TlsKeyMaterial.pkcs12(keyStore, password), certificateFile, clock);
  }

  /**
   * Sets how often {@link RivuletHttpServer} calls {@link #reloadIfChanged()} (zero: never; {@link
   * #reload()} still works); takes effect when the server starts. Returns this.
   */
  public TlsListener reloadEvery(Duration interval) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("negative reload interval");
    }
    this.reloadInterval = interval;
    return this;
  }

  /**
   * Reads the files again and, if they differ from the last ones tried, {@linkplain #reload()
   * reloads} them. A pair that was refused is not tried again until a file changes.
   *
   * @return whether a new certificate took effect
   */
  public synchronized boolean reloadIfChanged() {
    byte[][] files;
    try {
      files = source.read();
    } catch (IOException e) {
      byte[] failure = digest(new byte[][] {String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8)});
      if (!Arrays.equals(failure, lastAttempt)) {
        lastAttempt = failure;
        refuse(e);
      }
      return false;
    }
    if (Arrays.equals(digest(files), lastAttempt)) {
      return false;
    }
    return load(files);
  }

  /**
   * Reads the files and, if they hold a good pair, serves it to new connections from now on
   * (connections already open keep theirs). A bad pair is refused, logged as an error, and the
   * previous certificate stays.
   *
   * @return whether the new certificate took effect
   */
  public synchronized boolean reload() {
    try {
      return load(source.read());
    } catch (IOException e) {
      refuse(e);
      return false;
    }
  }

  /** Called with the lock held. */
  private boolean load(byte[][] files) {
    lastAttempt = digest(files);
    try {
      TlsKeyMaterial material = source.parse(files);
      X509Certificate leaf = material.leaf();
      Instant now = clock.instant();
      if (now.isAfter(leaf.getNotAfter().toInstant())) {
        throw new IOException("the certificate expired at " + leaf.getNotAfter().toInstant());
      }
      if (now.isBefore(leaf.getNotBefore().toInstant())) {
        throw new IOException("the certificate is not valid before " + leaf.getNotBefore().toInstant());
      }
      current = new Loaded(build(material), leaf);
    } catch (IOException | RuntimeException e) {
      refuse(e);
      return false;
    }
    reloads.increment();
    LOG.info(
        "TLS certificate reloaded from {} ({}); new connections get it, open ones keep theirs",
        source.description(),
        describe(current.certificate()));
    return true;
  }

  private void refuse(Exception e) {
    reloadFailures.increment();
    LOG.error(
        "TLS certificate reload refused, still serving the previous one ({}): {}: {}",
        describe(current.certificate()),
        source.description(),
        e instanceof java.nio.file.NoSuchFileException ? "no such file " + e.getMessage()
            : e.getMessage() == null ? e.toString() : e.getMessage());
  }

  static String describe(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName()
        + ", serial "
        + certificate.getSerialNumber().toString(16)
        + ", valid until "
        + certificate.getNotAfter().toInstant();
  }

  private static void warnIfNotValid(X509Certificate leaf, Instant now) {
    if (now.isAfter(leaf.getNotAfter().toInstant())
        || now.isBefore(leaf.getNotBefore().toInstant())) {
      LOG.warn("the TLS certificate is not valid now: {}", describe(leaf));
    }
  }

  private static SslContext build(TlsKeyMaterial material) throws IOException {
    try {
      return SslContextBuilder.forServer(material.key(), material.chain())
          .sslProvider(SslProvider.JDK)
          .protocols(PROTOCOLS)
          .ciphers(CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  ApplicationProtocolNames.HTTP_2,
                  ApplicationProtocolNames.HTTP_1_1))
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IOException("Cannot build the TLS context: " + e.getMessage(), e);
    }
  }

  private static byte[] digest(byte[][] files) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (byte[] file : files) {
        sha.update(file);
        sha.update((byte) 0);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An {@link SslHandler} for a new connection, from the current certificate. */
  SslHandler newHandler(ByteBufAllocator alloc) {
    return current.context().newHandler(alloc);
  }

  /** The port to bind; 0 picks a free one. */
  public int port() {
    return port;
  }

  /** The certificate file clients can trust (PEM). */
  public Path certificateFile() {
    return certificateFile;
  }

  /** The certificate new connections get. */
  public X509Certificate certificate() {
    return current.certificate();
  }

  /** How often the server checks the files for changes (zero: never). */
  public Duration reloadInterval() {
    return reloadInterval;
  }

  /** Reloads that took effect. */
  public long reloads() {
    return reloads.sum();
  }

  /** Reloads refused (the previous certificate stayed). */
  public long reloadFailures() {
    return reloadFailures.sum();
  }

  SslContext sslContext() {
    return current.context();
  }
}
