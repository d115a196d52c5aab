package io.rivulet.benchmarks.firehose;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Watches delivery from outside while the benchmark runs, on one thread: every
 * {@code sampleMillis} it scrapes the server's {@code /metrics} into a {@link DeliveryTimeline},
 * and when the DeliveryToS3.Success count has grown (at most every {@code listMillis}) it lists
 * the bucket and notes, for each object key it has not seen before, the time of that scrape — the
 * first moment the benchmark knew the object was written (the counter moves only after the S3 PUT
 * returned). Listing only after deliveries keeps its cost in the server (the embedded S3 runs
 * there) proportional to the deliveries. Thread-safe.
 */
final class Observer implements AutoCloseable {
  private final URI metrics;
  private final String deliveryStream;
  private final S3Client s3;
  private final String bucket;
  private final long sampleMillis;
  private final long listMillis;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final DeliveryTimeline timeline = new DeliveryTimeline();
  private final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
  private final AtomicLong scrapeErrors = new AtomicLong();
  private final AtomicLong listings = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String firstError;

  Observer(URI endpoint, String deliveryStream, S3Client s3, String bucket, long sampleMillis,
      long listMillis) {
    this.metrics = endpoint.resolve("/metrics");
    this.deliveryStream = deliveryStream;
    this.s3 = s3;
    this.bucket = bucket;
    this.sampleMillis = sampleMillis;
    this.listMillis = listMillis;
    this.thread = new Thread(this::loop, "firehose-bench-observer");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  DeliveryTimeline timeline() {
    return timeline;
  }

  /** When each object key was first seen (wall milliseconds). */
  Map<String, Long> firstSeen() {
    return Map.copyOf(firstSeen);
  }

  long scrapeErrors() {
    return scrapeErrors.get();
  }

  long listings() {
    return listings.get();
  }

  String firstError() {
    return firstError;
  }

  private void loop() {
    double listedSuccesses = 0;
    long lastList = 0;
    long next = System.currentTimeMillis();
    while (!stopped) {
      try {
        long now = System.currentTimeMillis();
        DeliveryTimeline.Sample sample = scrape(now);
        timeline.add(sample);
        if (listMillis > 0 && sample.successes() > listedSuccesses && now - lastList >= listMillis) {
          list(now);
          listedSuccesses = sample.successes();
          lastList = now;
        }
      } catch (Exception e) {
        if (stopped) {
          return; // interrupted by stop()
        }
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
  DeliveryTimeline.Sample scrape(long now) throws Exception {
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

  private void list(long seenAt) {
    listings.incrementAndGet();
    for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      firstSeen.putIfAbsent(o.key(), seenAt);
    }
  }

  /** Stops sampling (and waits for the thread); the samples and times stay readable. */
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
