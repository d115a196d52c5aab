package io.rivulet.flink.sink;

import io.rivulet.streams.api.PutEntry;
import io.rivulet.streams.api.PutResult;
import io.rivulet.streams.api.StreamId;
import io.rivulet.streams.api.StreamsApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.streams.api.InvalidArgumentException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Batches elements into appends, keeps up to {@code maxInFlight} appends running, and sends the
 * records an append did not store again (with doubling back-off) until they are stored or have
 * been tried {@code maxAttempts} times, which fails the job. A record waits at most {@code
 * maxBufferTime} in the buffer (a processing-time timer sends a partial batch and checks the
 * appends in flight); {@link #flush} (called before every checkpoint barrier and at the end of
 * input) returns once everything written is stored. Not thread-safe (the task's mailbox thread
 * only, timers included).
 */
final class RivuletSinkWriter<T> implements SinkWriter<T> {
  /** Bytes per append, below the API's 5 MiB so one more record always fits the check. */
  private static final long MAX_BATCH_BYTES = StreamsApi.MAX_APPEND_BYTES - 1024 * 1024;

  private final RivuletSink<T> sink;
  private final StreamsApi api;
  private final StreamId stream;
  private final ProcessingTimeService timers;
  private boolean timerSet;
  private long retried; // records sent again, for the metric
  private final ArrayDeque<InFlight> inFlight = new ArrayDeque<>();
  private List<PutEntry> buffer = new ArrayList<>();
  private long bufferBytes;

  /** An append under way: its entries, the future, and which try this is. */
  private record InFlight(List<PutEntry> entries, CompletableFuture<List<PutResult>> result,
      int attempt) {}

  RivuletSinkWriter(RivuletSink<T> sink, ProcessingTimeService timers) {
    this.sink = sink;
    this.timers = timers;
    this.api = sink.connection.open();
    try {
      this.stream = sink.connection.describe(api, sink.stream).id();
    } catch (RuntimeException e) {
      RivuletConnection.release(api);
      throw e;
    }
  }

  @Override
  public void write(T element, Context context) throws IOException, InterruptedException {
    byte[] data = sink.serializer.serialize(element);
    String key = sink.partitionKeys.partitionKey(element);
    if (key == null || key.isEmpty()) {
      throw new IOException("the partition key of " + element + " is empty; a partition key"
          + " needs 1 to 256 characters");
    }
    long size = data.length + key.getBytes(StandardCharsets.UTF_8).length;
    if (bufferBytes + size > MAX_BATCH_BYTES) {
      send();
    }
    buffer.add(new PutEntry(key, data));
    bufferBytes += size;
    if (buffer.size() >= sink.maxBatchRecords) {
      send();
    }
    armTimer();
  }

  /** Makes sure a timer will send the buffer and check the appends in flight. */
  private void armTimer() {
    if (!timerSet && (!buffer.isEmpty() || !inFlight.isEmpty())) {
      timerSet = true;
      timers.registerTimer(timers.getCurrentProcessingTime() + sink.maxBufferTime.toMillis(),
          this::onTimer);
    }
  }

  private void onTimer(long time) throws IOException, InterruptedException {
    timerSet = false;
    send();
    while (!inFlight.isEmpty() && inFlight.peek().result().isDone()) {
      complete(inFlight.poll());
    }
    armTimer();
  }

  /** Starts an append of the buffer, first making room among the appends in flight. */
  private void send() throws IOException, InterruptedException {
    if (buffer.isEmpty()) {
      return;
    }
    while (inFlight.size() >= sink.maxInFlight) {
      complete(inFlight.poll());
    }
    List<PutEntry> entries = buffer;
    buffer = new ArrayList<>();
    bufferBytes = 0;
    start(entries, 1);
  }

  private void start(List<PutEntry> entries, int attempt) throws IOException {
    CompletableFuture<List<PutResult>> f;
    try {
      f = api.append(stream, entries);
    } catch (InvalidArgumentException e) {
      throw new IOException("records refused by " + sink.stream + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    inFlight.add(new InFlight(entries, f, attempt));
  }

  /** Waits for an append; what it did not store is started again (after a back-off). */
  private void complete(InFlight a) throws IOException, InterruptedException {
    List<PutEntry> again = new ArrayList<>();
    String why;
    try {
      List<PutResult> results = a.result().get();
      why = null;
      for (int i = 0; i < results.size(); i++) {
        if (results.get(i).failed()) {
          again.add(a.entries().get(i));
          why = results.get(i).errorCode() + ": " + results.get(i).errorMessage();
        }
      }
    } catch (ExecutionException e) {
      again.addAll(a.entries());
      why = String.valueOf(e.getCause());
    }
    if (again.isEmpty()) {
      return;
    }
    if (a.attempt() >= sink.maxAttempts) {
      throw new IOException(again.size() + " records not stored in " + sink.stream + " after "
          + a.attempt() + " tries; last error " + why);
    }
    Thread.sleep(sink.retryBackoff.toMillis() << Math.min(a.attempt() - 1, 6));
    retried += again.size();
    start(again, a.attempt() + 1);
  }

  /** How many records were sent again after an append did not store them. */
  long retriedRecords() {
    return retried;
  }

  @Override
  public void flush(boolean endOfInput) throws IOException, InterruptedException {
    send();
    while (!inFlight.isEmpty()) {
      complete(inFlight.poll());
    }
  }

  @Override
  public void close() {
    RivuletConnection.release(api);
  }
}
