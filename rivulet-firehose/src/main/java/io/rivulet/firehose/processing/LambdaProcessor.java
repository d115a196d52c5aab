package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import io.rivulet.firehose.processing.LambdaWire.InvocationFailure;
import io.rivulet.firehose.processing.LambdaWire.Reply;
import io.rivulet.firehose.util.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda processor: invokes the function {@code LambdaArn} through the Lambda Invoke API with
 * Firehose's record contract ({@link LambdaWire}), splitting a batch into invocations of at most
 * {@code BufferSizeInMBs} of record data each (and always under Lambda's 6 MiB request limit).
 * An invocation that fails (unreachable endpoint, throttling, a Lambda service error, a function
 * error) is retried {@code NumberOfRetries} times with exponential back-off (1 s doubling to 30 s)
 * through the delivery stream's sleeper, each attempt with a fresh invocation id; one whose response breaks the
 * contract is not retried. The records of an invocation that finally failed, records the function
 * marked ProcessingFailed and records it did not return come back as failed records with
 * Firehose's error codes; Dropped records come back in neither list. Not thread-safe: the delivery
 * engine calls it from one thread.
 */
final class LambdaProcessor implements RecordProcessor, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LambdaProcessor.class);
  /** Lambda's limit on a synchronous invocation's request payload. */
  static final long MAX_PAYLOAD_BYTES = 6L * 1024 * 1024;

  private final String lambdaArn;
  private final int retries;
  private final long bufferBytes;
  private final ProcessorEnv env;
  private final LambdaEndpoints.Target target;
  private LambdaInvoker invoker;

  LambdaProcessor(String lambdaArn, int retries, long bufferBytes, ProcessorEnv env) {
    this.lambdaArn = lambdaArn;
    this.retries = retries;
    this.bufferBytes = bufferBytes;
    this.env = env;
    this.target = env.lambdaEndpoints().resolve(lambdaArn);
  }

  @Override
  public Result process(List<FirehoseRecord> records) throws DeliveryException {
    List<FirehoseRecord> ok = new ArrayList<>(records.size());
    List<FailedRecord> failed = new ArrayList<>();
    for (List<FirehoseRecord> invocation : invocations(records, bufferBytes)) {
      invokeWithRetries(invocation, ok, failed);
    }
    return new Result(ok, failed);
  }

  /** Splits records, in order, into invocations of at most {@code bufferBytes} of data each. */
  static List<List<FirehoseRecord>> invocations(List<FirehoseRecord> records, long bufferBytes) {
    List<List<FirehoseRecord>> out = new ArrayList<>();
    List<FirehoseRecord> current = new ArrayList<>();
    long data = 0;
    long payload = LambdaWire.ENVELOPE_BYTES;
    for (FirehoseRecord r : records) {
      long entry = LambdaWire.entryBytes(r);
      boolean full = data + r.data().length > bufferBytes || payload + entry > MAX_PAYLOAD_BYTES;
      if (full && !current.isEmpty()) {
        out.add(current);
        current = new ArrayList<>();
        data = 0;
        payload = LambdaWire.ENVELOPE_BYTES;
      }
      current.add(r);
      data += r.data().length;
      payload += entry;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  private void invokeWithRetries(List<FirehoseRecord> records, List<FirehoseRecord> ok,
      List<FailedRecord> failed) throws DeliveryException {
    Set<String> ids = new HashSet<>();
    records.forEach(r -> ids.add(r.recordId()));
    for (int attempt = 1; ; attempt++) {
      try {
        Map<String, Reply> replies = LambdaWire.parse(invokeOnce(records), ids);
        apply(records, replies, attempt, ok, failed);
        return;
      } catch (InvocationFailure f) {
        if (Thread.currentThread().isInterrupted()) {
          throw interrupted(null);
        }
        if (!f.retryable() || attempt > retries) {
          LOG.warn("Lambda {} failed {} records after {} attempts: {} {}", lambdaArn,
              records.size(), attempt, f.code(), f.getMessage());
          for (FirehoseRecord r : records) {
            failed.add(new FailedRecord(r, f.code(), f.getMessage(), attempt));
          }
          return;
        }
        LOG.info("Lambda {} attempt {} failed ({}); retrying", lambdaArn, attempt, f.code());
        sleep(Backoff.ONE_TO_THIRTY_SECONDS.delay(attempt - 1));
      }
    }
  }

  private byte[] invokeOnce(List<FirehoseRecord> records) throws InvocationFailure {
    if (target == null) {
      throw new InvocationFailure(ProcessingErrors.LAMBDA_RESOURCE_NOT_FOUND,
          ProcessingErrors.LAMBDA_RESOURCE_NOT_FOUND_MESSAGE + " (no Lambda endpoint is"
              + " configured for " + lambdaArn + ")", false);
    }
    byte[] request = LambdaWire.request(UUID.randomUUID().toString(), env.deliveryStreamArn(),
        env.region(), env.sourceKinesisStreamArn(), records);
    if (invoker == null) {
      invoker = new LambdaInvoker(target, regionOf(lambdaArn, env.region()), env);
    }
    return invoker.invoke(request);
  }

  private static void apply(List<FirehoseRecord> records, Map<String, Reply> replies, int attempt,
      List<FirehoseRecord> ok, List<FailedRecord> failed) {
    for (FirehoseRecord r : records) {
      Reply reply = replies.get(r.recordId());
      if (reply == null) {
        failed.add(new FailedRecord(r, ProcessingErrors.LAMBDA_MISSING_RECORD_ID,
            ProcessingErrors.LAMBDA_MISSING_RECORD_ID_MESSAGE, attempt));
        continue;
      }
      switch (reply.result()) {
        case "Ok" -> {
          Map<String, String> keys = new LinkedHashMap<>(r.partitionKeys());
          keys.putAll(reply.partitionKeys());
          ok.add(r.withData(reply.data()).withPartitionKeys(keys));
        }
        case "ProcessingFailed" -> failed.add(new FailedRecord(r,
            ProcessingErrors.LAMBDA_PROCESSING_FAILED,
            ProcessingErrors.LAMBDA_PROCESSING_FAILED_MESSAGE, attempt));
        default -> { } // Dropped: delivered nowhere, by the function's choice
      }
    }
  }

  private void sleep(Duration d) throws DeliveryException {
    try {
      env.sleeper().sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  /** The delivery stream is stopping: no record failed, the batch is to be processed again. */
  private DeliveryException interrupted(InterruptedException cause) {
    return new DeliveryException("Processing.Interrupted",
        "Interrupted while invoking Lambda " + lambdaArn, true, cause);
  }

  /** The region in a function ARN ({@code arn:aws:lambda:REGION:…}), else {@code fallback}. */
  static String regionOf(String arn, String fallback) {
    String[] parts = arn.split(":", 6);
    return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : fallback;
  }

  @Override
  public void close() {
    if (invoker != null) {
      invoker.close();
      invoker = null;
    }
  }
}
