package io.rivulet.firehose.http;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.util.RetryLoop;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delivers batches to an HTTP endpoint (HttpEndpointDestinationConfiguration) by Firehose's HTTP
 * endpoint delivery request and response specification, version 1.0: a POST of
 * {@link HttpEndpointRequests JSON request bodies} with the {@code X-Amz-Firehose-*} headers,
 * optionally gzip-compressed, judged by {@link HttpEndpointResponses}; failed requests are retried
 * with Firehose's back-off within RetryOptions.DurationInSeconds (default 300), then their records
 * go to the S3 error output as {@code http-endpoint-failed}. S3BackupMode AllData also backs every
 * batch up. Not thread-safe: the delivery stream's one delivery thread calls it.
 */
public final class HttpEndpointDestinationWriter implements DestinationWriter {
  /** The metrics name of this destination (DeliveryToHttpEndpoint.*). */
  public static final String DESTINATION = "HttpEndpoint";
  public static final String ERROR_OUTPUT_TYPE = "http-endpoint-failed";
  static final String PROTOCOL_VERSION = "1.0";

  private final HttpEndpointConfig config;
  private final DeliveryContext ctx;
  private final HttpSettings settings;
  private final RetryLoop.Policy retries;
  private final HttpCaller caller;
  private final String commonAttributes;

  public HttpEndpointDestinationWriter(Map<String, Object> config, DeliveryContext ctx) {
    this(config, ctx, HttpSettings.defaults());
  }

  /** With other timeouts, TLS trust or jitter than Firehose's defaults. */
  public HttpEndpointDestinationWriter(Map<String, Object> config, DeliveryContext ctx,
      HttpSettings settings) {
    this.config = HttpEndpointConfig.parse(config);
    this.ctx = ctx;
    this.settings = settings;
    this.retries = new RetryLoop.Policy(settings.backoff(), this.config.retryDuration(),
        RetryLoop.Budget.WAITS);
    this.commonAttributes = HttpEndpointRequests.commonAttributesHeader(
        this.config.commonAttributes());
    this.caller = new HttpCaller(settings, "firehose-http-endpoint");
  }

  /**
   * Refuses an HttpEndpointDestinationConfiguration this writer cannot deliver with, with
   * InvalidArgumentException (shape constraints are checked before, by the model).
   */
  public static void validate(Map<String, Object> config) {
    HttpEndpointConfig.parse(config);
  }

  @Override
  public void deliver(DeliveryBatch batch) throws DeliveryException, InterruptedException {
    if (config.backupAllData()) {
      ctx.writeBackup(batch);
    }
    List<List<FirehoseRecord>> requests =
        HttpEndpointRequests.split(batch.records(), config.maxBodyBytes());
    List<byte[]> errorLines = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      List<FirehoseRecord> records = requests.get(i);
      String requestId = HttpEndpointRequests.requestId(batch, i);
      HttpRequest request = request(batch, requestId, records);
      RetryLoop.Outcome outcome = RetryLoop.run(ctx, retries,
          () -> attempt(request, requestId));
      if (outcome.succeeded()) {
        ctx.delivered(DESTINATION, records.size(), bytes(records),
            batch.withRecords(records).oldestArrivalMillis());
      } else {
        ctx.failed(DESTINATION, records.size());
        errorLines.addAll(ErrorOutputLines.of(records, outcome, (record, line) -> {
          line.put("subsequenceNumber", 0);
          line.put("dataId", record.recordId());
        }));
      }
    }
    if (!errorLines.isEmpty()) {
      ctx.writeErrorOutput(batch, ERROR_OUTPUT_TYPE, errorLines);
    }
  }

  private HttpRequest request(DeliveryBatch batch, String requestId, List<FirehoseRecord> records) {
    byte[] body = HttpEndpointRequests.body(requestId, ctx.clock().millis(), records);
    HttpRequest.Builder builder = HttpRequest.newBuilder(config.url())
        .timeout(settings.responseTimeout())
        .header("Content-Type", "application/json")
        .header("X-Amz-Firehose-Protocol-Version", PROTOCOL_VERSION)
        .header("X-Amz-Firehose-Request-Id", requestId)
        .header("X-Amz-Firehose-Source-Arn", batch.deliveryStreamArn())
        .header("X-Amz-Firehose-Common-Attributes", commonAttributes);
    if (config.accessKey() != null) {
      builder.header("X-Amz-Firehose-Access-Key", config.accessKey());
    }
    if (config.gzip()) {
      builder.header("Content-Encoding", "gzip");
      body = HttpEndpointRequests.gzip(body);
    }
    return builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private void attempt(HttpRequest request, String requestId)
      throws DeliveryException, InterruptedException {
    HttpCaller.Reply reply;
    try {
      reply = caller.call(request, HttpEndpointResponses.MAX_RESPONSE_BYTES);
    } catch (HttpCaller.CallFailure e) {
      throw HttpEndpointResponses.noResponse(e);
    }
    HttpEndpointResponses.check(requestId, reply);
  }

  static long bytes(List<FirehoseRecord> records) {
    long total = 0;
    for (FirehoseRecord r : records) {
      total += r.data().length;
    }
    return total;
  }

  @Override
  public void close() {
    caller.close();
  }
}
