package io.rivulet.benchmarks.firehose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches delivery from outside while the benchmark runs: every {@code sampleMillis}, on its own
 * thread, a scrape of the server's {@code /metrics} into a {@link DeliveryTimeline}. It does
 * nothing else, so its cost in the server is one small HTTP request per sample (listing the
 * bucket after every delivery instead cost the server, whose embedded S3 walks the whole bucket
 * for a listing, a third of its delivery rate with thousands of objects). Thread-safe.
 */
final class Observer implements AutoCloseable {
  private final URI metrics;
  private final String deliveryStream;
  private final long sampleMillis;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final DeliveryTimeline timeline = new DeliveryTimeline();
  private final AtomicLong scrapeErrors = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String firstError;

  Observer(URI endpoint, String deliveryStream, long sampleMillis) {
    this.metrics = endpoint.resolve("/metrics");
    this.deliveryStream = deliveryStream;
    this.sampleMillis = sampleMillis;
    this.thread = new Thread(this::loop, "firehose-bench-observer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  DeliveryTimeline timeline() {
    return timeline;
  }

  long scrapeErrors() {
    return scrapeErrors.get();
  }

  String firstError() {
    return firstError;
  }

  private void loop() {
    long next = System.currentTimeMillis();
    while (!stopped) {
      try {
        timeline.add(scrape(System.currentTimeMillis()));
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        scrapeErrors.incrementAndGet();
        if (firstError == null) {
          firstError = e.toString();
        }
      }
      next += sampleMillis;
      long sleep = next - System.currentTimeMillis();
      if (sleep > 0) {
        try {
          Thread.sleep(sleep);
        } catch (InterruptedException e) {
          return;
        }
      } else {
        next = System.currentTimeMillis(); // fell behind: do not catch up in a burst
      }
    }
  }

  /** One scrape of the server's metrics for the delivery stream. */
  private DeliveryTimeline.Sample scrape(long now) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + metrics + " answered " + r.statusCode());
    }
    Map<String, Double> v = PromText.values(r.body(), deliveryStream);
    return new DeliveryTimeline.Sample(now, v.getOrDefault(PromText.INCOMING_RECORDS, 0.0),
        v.getOrDefault(PromText.DELIVERY_RECORDS, 0.0), v.getOrDefault(PromText.DELIVERY_BYTES, 0.0),
        v.getOrDefault(PromText.DELIVERY_SUCCESS, 0.0), v.getOrDefault(PromText.FRESHNESS, 0.0),
        v.getOrDefault(PromText.BUFFERED_BYTES, 0.0));
  }

  /** Stops sampling (and waits for the thread); the samples stay readable. */
  void stop() {
    stopped = true;
    thread.interrupt();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
