package io.rivulet.server.http;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Counters of one {@link RivuletHttpServer}, read by the server's {@code /metrics}: connections,
 * long-lived streams, every time a resource limit acted ({@link Limit}), TLS handshakes and
 * certificate reloads. Each limit also logs, at its own level and at most once per {@link
 * #LOG_EVERY_NANOS} per limit (with the count of what happened in between), so a flood of hostile
 * connections cannot flood the log. Thread-safe.
 */
public final class HttpStats {
  private static final Logger LOG = LoggerFactory.getLogger(HttpStats.class);
  static final long LOG_EVERY_NANOS = 10_000_000_000L;

  /** A resource limit; {@link #label()} is its {@code limit} label at {@code /metrics}. */
  public enum Limit {
    CONNECTIONS("connections", Level.WARN),
    BODY_SIZE("body_size", Level.INFO),
    HEADER_SIZE("header_size", Level.INFO),
    HEADER_COUNT("header_count", Level.INFO),
    REQUEST_LINE("request_line", Level.INFO),
    HEADER_TIMEOUT("header_timeout", Level.INFO),
    BODY_TIMEOUT("body_timeout", Level.INFO),
    IDLE_TIMEOUT("idle_timeout", Level.DEBUG),
    STREAMS_PER_CLIENT("streams_per_client", Level.WARN),
    HTTP2_STREAMS("http2_streams", Level.INFO);

    private final String label;
    private final Level level;

    Limit(String label, Level level) {
      this.label = label;
      this.level = level;
    }

    public String label() {
      return label;
    }
  }

  private final Map<Limit, LongAdder> hits = new EnumMap<>(Limit.class);
  private final Map<Limit, AtomicLong> lastLogged = new EnumMap<>(Limit.class);
  private final Map<Limit, AtomicLong> unlogged = new EnumMap<>(Limit.class);
  final AtomicInteger openConnections = new AtomicInteger();
  final LongAdder acceptedConnections = new LongAdder();
  final AtomicInteger longLivedStreams = new AtomicInteger();
  final LongAdder tlsHandshakeFailures = new LongAdder();
  private final TlsListener tls; // null without HTTPS

  HttpStats(TlsListener tls) {
    this.tls = tls;
    for (Limit limit : Limit.values()) {
      hits.put(limit, new LongAdder());
      lastLogged.put(limit, new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS));
      unlogged.put(limit, new AtomicLong());
    }
  }

  /**
   * Counts that {@code limit} acted and logs {@code message} (an SLF4J pattern), unless this limit
   * was logged less than {@link #LOG_EVERY_NANOS} ago.
   */
  void hit(Limit limit, String message, Object... args) {
    hits.get(limit).increment();
    if (!LOG.isEnabledForLevel(limit.level)) {
      return;
    }
    long now = System.nanoTime();
    AtomicLong last = lastLogged.get(limit);
    long previous = last.get();
    if (limit.level != Level.DEBUG
        && (now - previous < LOG_EVERY_NANOS || !last.compareAndSet(previous, now))) {
      unlogged.get(limit).incrementAndGet();
      return;
    }
    long skipped = unlogged.get(limit).getAndSet(0);
    String suffix = skipped == 0 ? "" : " (and " + skipped + " more since the last report)";
    LOG.atLevel(limit.level).log(message + suffix, args);
  }

  /** How often {@code limit} acted since the server started. */
  public long hits(Limit limit) {
    return hits.get(limit).sum();
  }

  /** Connections open now, on both listeners. */
  public int openConnections() {
    return openConnections.get();
  }

  /** Connections accepted since start (refused ones not included). */
  public long acceptedConnections() {
    return acceptedConnections.sum();
  }

  /** Long-lived responses (event streams) being written now. */
  public int longLivedStreams() {
    return longLivedStreams.get();
  }

  /** TLS handshakes that failed (untrusted certificate, old protocol, no common cipher, …). */
  public long tlsHandshakeFailures() {
    return tlsHandshakeFailures.sum();
  }

  /** Whether the server has an HTTPS listener. */
  public boolean tls() {
    return tls != null;
  }

  /** Certificate reloads that took effect. */
  public long tlsReloads() {
    return tls == null ? 0 : tls.reloads();
  }

  /** Certificate reloads refused (the previous certificate stayed). */
  public long tlsReloadFailures() {
    return tls == null ? 0 : tls.reloadFailures();
  }

  /** When the certificate served to new connections expires (epoch seconds), or -1 without TLS. */
  public long certificateNotAfterSeconds() {
    return tls == null ? -1 : tls.certificate().getNotAfter().getTime() / 1000;
  }
}
