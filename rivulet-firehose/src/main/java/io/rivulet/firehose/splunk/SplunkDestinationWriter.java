package io.rivulet.firehose.splunk;

import io.rivulet.firehose.http.ErrorOutputLines;
import io.rivulet.firehose.http.HttpCaller;
import io.rivulet.firehose.http.HttpSettings;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.util.RetryLoop;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers batches to a Splunk HTTP Event Collector (SplunkDestinationConfiguration) as Firehose
 * does. A batch is one POST of its records' bytes concatenated — to
 * {@code <HECEndpoint>/services/collector/event} for HECEndpointType Event (so each record must
 * already be a HEC event object, {@code {"event":…}}, as Firehose requires; a Lambda processor
 * usually makes them) or to {@code /services/collector/raw} for Raw — with
 * {@code Authorization: Splunk <HECToken>} and this writer's {@code X-Splunk-Request-Channel}.
 * The reply's {@code ackId} is then polled at {@code /services/collector/ack} until the indexer
 * acknowledges it or HECAcknowledgmentTimeoutInSeconds passes ({@code Splunk.AckTimeout}). Failed
 * attempts are retried with back-off within RetryOptions.DurationInSeconds (default 3600), then
 * the records go to the S3 error output as {@code splunk-failed}; S3BackupMode AllEvents also
 * backs every batch up. Not thread-safe: the delivery stream's one delivery thread calls it.
 */
public final class SplunkDestinationWriter implements DestinationWriter {
  /** The metrics name of this destination (DeliveryToSplunk.*). */
  public static final String DESTINATION = "Splunk";
  public static final String ERROR_OUTPUT_TYPE = "splunk-failed";

  private final SplunkConfig config;
  private final DeliveryContext ctx;
  private final HttpSettings settings;
  private final RetryLoop.Policy retries;
  private final HttpCaller caller;
  private final String channel;

  public SplunkDestinationWriter(Map<String, Object> config, DeliveryContext ctx) {
    this(config, ctx, HttpSettings.defaults());
  }

  /** With other timeouts, TLS trust, acknowledgement poll interval or jitter. */
  public SplunkDestinationWriter(Map<String, Object> config, DeliveryContext ctx,
      HttpSettings settings) {
    this.config = SplunkConfig.parse(config);
    this.ctx = ctx;
    this.settings = settings;
    this.retries = new RetryLoop.Policy(settings.backoff(), this.config.retryDuration(),
        RetryLoop.Budget.WAITS);
    this.caller = new HttpCaller(settings, "firehose-splunk");
    this.channel = UUID.randomUUID().toString();
  }

  /**
   * Refuses a SplunkDestinationConfiguration this writer cannot deliver with, with
   * InvalidArgumentException (shape constraints are checked before, by the model).
   */
  public static void validate(Map<String, Object> config) {
    SplunkConfig.parse(config);
  }

  /** The HEC channel this writer sends on (a GUID, one per writer). */
  public String channel() {
    return channel;
  }

  @Override
  public void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException {
    if (config.backupAllEvents()) {
      ctx.writeBackup(batch);
    }
    if (batch.records().isEmpty()) {
      return;
    }
    byte[] body = concatenate(batch);
    HttpRequest send = request(config.resolve(config.raw()
        ? "/services/collector/raw" : "/services/collector/event"), body, config.raw());
    RetryLoop.Outcome outcome = RetryLoop.run(ctx, retries,
        () -> attempt(send));
    if (outcome.succeeded()) {
      ctx.delivered(DESTINATION, batch.records().size(), body.length,
          batch.oldestArrivalMillis());
      return;
    }
    ctx.failed(DESTINATION, batch.records().size());
    ctx.writeErrorOutput(batch, ERROR_OUTPUT_TYPE, ErrorOutputLines.of(batch.records(), outcome,
        (record, line) -> line.put("EventId", record.recordId())));
  }

  private static byte[] concatenate(DeliveryBatch batch) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (FirehoseRecord record : batch.records()) {
      out.writeBytes(record.data());
    }
    return out.toByteArray();
  }

  private HttpRequest request(URI uri, byte[] body, boolean raw) {
    return HttpRequest.newBuilder(uri)
        .timeout(settings.responseTimeout())
        .header("Authorization", "Splunk " + config.token())
        .header("X-Splunk-Request-Channel", channel)
        .header("Content-Type", raw ? "text/plain; charset=utf-8" : "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** One send, then waiting for its acknowledgement. */
  private void attempt(HttpRequest send) throws DeliveryException, InterruptedException {
    long ackId = HecReplies.ackId(call(send));
    long deadline = ctx.clock().millis() + config.ackTimeout().toMillis();
    HttpRequest query = request(config.resolve("/services/collector/ack"),
        ("{\"acks\":[" + ackId + "]}").getBytes(StandardCharsets.UTF_8), false);
    while (true) {
      long now = ctx.clock().millis();
      if (now >= deadline) {
        throw HecReplies.ackTimeout(ackId, config.ackTimeout().toSeconds());
      }
      ctx.sleep(Duration.ofMillis(
          Math.min(settings.ackPollInterval().toMillis(), deadline - now)));
      if (HecReplies.acknowledged(call(query), ackId)) {
        return;
      }
    }
  }

  private HttpCaller.Reply call(HttpRequest request)
      throws DeliveryException, InterruptedException {
    try {
      return caller.call(request, HecReplies.MAX_REPLY_BYTES);
    } catch (HttpCaller.CallFailure e) {
      throw HecReplies.noResponse(e);
    }
  }

  @Override
  public void close() {
    caller.close();
  }
}
