package io.rivulet.firehose.http;

import io.rivulet.firehose.util.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How the HTTP endpoint and Splunk writers reach their destinations: the TLS context (null: the
 * JVM's default trust, which honours {@code javax.net.ssl.trustStore}), the connect timeout, the
 * response timeout (Firehose gives an endpoint 3 minutes), how often Splunk indexer
 * acknowledgements are polled, and the retry back-off (Firehose's: {@link Backoff#HTTP_ENDPOINT}).
 * Immutable.
 */
public record HttpSettings(SSLContext sslContext, Duration connectTimeout,
    Duration responseTimeout, Duration ackPollInterval, Backoff backoff) {

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(ackPollInterval, "ackPollInterval");
    Objects.requireNonNull(backoff, "backoff");
  }

  /** Firehose's timings with the JVM's default trust. */
  public static HttpSettings defaults() {
    return new HttpSettings(null, Duration.ofSeconds(10), Duration.ofMinutes(3),
        Duration.ofSeconds(1), Backoff.HTTP_ENDPOINT);
  }

  public HttpSettings withSslContext(SSLContext context) {
    return new HttpSettings(context, connectTimeout, responseTimeout, ackPollInterval, backoff);
  }

  public HttpSettings withResponseTimeout(Duration timeout) {
    return new HttpSettings(sslContext, connectTimeout, timeout, ackPollInterval, backoff);
  }

  public HttpSettings withAckPollInterval(Duration interval) {
    return new HttpSettings(sslContext, connectTimeout, responseTimeout, interval, backoff);
  }

  /** The same back-off with another jitter fraction (0: exact delays, for tests). */
  public HttpSettings withJitter(double fraction) {
    return new HttpSettings(sslContext, connectTimeout, responseTimeout, ackPollInterval,
        backoff.withJitter(fraction));
  }

  /**
   * These settings, trusting the JVM's default certificate authorities and also the X.509
   * certificates in {@code pemFile} (one or more {@code -----BEGIN CERTIFICATE-----} blocks): for
   * endpoints with a self-signed or private-CA certificate.
   */
  public HttpSettings trustingAlso(Path pemFile) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    TrustManagerFactory defaults =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    defaults.init((KeyStore) null);
    int n = 0;
    for (TrustManager tm : defaults.getTrustManagers()) {
      if (tm instanceof X509TrustManager x509) {
        for (X509Certificate ca : x509.getAcceptedIssuers()) {
          trust.setCertificateEntry("default-" + n++, ca);
        }
      }
    }
    try (InputStream in = Files.newInputStream(pemFile)) {
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("extra-" + n++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return withSslContext(context);
  }

  /**
   * A client as Firehose behaves: HTTP/1.1, redirects never followed, these timeouts, running on
   * {@code executor} (shut it down to release the client's threads).
   */
  public HttpClient newClient(ExecutorService executor) {
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(connectTimeout)
        .executor(executor);
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    return builder.build();
  }

  /** Daemon threads for one writer's client, named after the writer. */
  public static ExecutorService clientExecutor(String name) {
    return Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }
}
