package io.rivulet.firehose.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * How the HTTP endpoint and Splunk writers reach their destinations: the TLS context (null: the
 * JVM's default trust, which honours {@code javax.net.ssl.trustStore}), the connect timeout, the
 * response timeout (Firehose gives an endpoint 3 minutes), how often Splunk indexer
 * acknowledgements are polled, and the back-off's jitter fraction (Firehose: 15%). Immutable.
 */
public record HttpSettings(SSLContext sslContext, Duration connectTimeout,
    Duration responseTimeout, Duration ackPollInterval, double jitter) {

  public HttpSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(ackPollInterval, "ackPollInterval");
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1): " + jitter);
    }
  }

  /** Firehose's timings with the JVM's default trust. */
  public static HttpSettings defaults() {
    return new HttpSettings(null, Duration.ofSeconds(10), Duration.ofMinutes(3),
        Duration.ofSeconds(1), Backoff.FIREHOSE_JITTER);
  }

  public HttpSettings withSslContext(SSLContext context) {
    return new HttpSettings(context, connectTimeout, responseTimeout, ackPollInterval, jitter);
  }

  public HttpSettings withResponseTimeout(Duration timeout) {
    return new HttpSettings(sslContext, connectTimeout, timeout, ackPollInterval, jitter);
  }

  public HttpSettings withAckPollInterval(Duration interval) {
    return new HttpSettings(sslContext, connectTimeout, responseTimeout, interval, jitter);
  }

  public HttpSettings withJitter(double fraction) {
    return new HttpSettings(sslContext, connectTimeout, responseTimeout, ackPollInterval, fraction);
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
