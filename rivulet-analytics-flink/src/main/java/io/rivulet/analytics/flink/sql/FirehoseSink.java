package io.rivulet.analytics.flink.sql;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.table.data.RowData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * A Sink V2 that puts each row's bytes to a Firehose delivery stream with PutRecordBatch (up to
 * 500 records or 4 MiB a call), at the latest {@link #MAX_BUFFER_MILLIS} after a row is written
 * (a processing-time timer), and at every checkpoint and the end of input, so rows are delivered
 * at least once. Records a call reports failed are retried with back-off; a record that
 * still fails after 10 attempts fails the job. Immutable, so thread-safe; its writers are not.
 *
 * @param endpoint the Firehose endpoint (the Rivulet server)
 * @param region the delivery stream's region
 * @param deliveryStream the delivery stream's name
 */
record FirehoseSink(String endpoint, String region, String deliveryStream) implements Sink<RowData> {
  private static final long serialVersionUID = 1L;
  static final int MAX_RECORDS = 500;
  static final int MAX_BYTES = 4 * 1024 * 1024;
  static final int MAX_ATTEMPTS = 10;
  static final long MAX_BUFFER_MILLIS = 1_000;

  @Override
  public SinkWriter<RowData> createWriter(WriterInitContext context) {
    return new Writer(this, context.getProcessingTimeService());
  }

  /** Buffers rows and puts them in batches. Called from one task thread; not thread-safe. */
  static final class Writer implements SinkWriter<RowData> {
    private final FirehoseSink sink;
    private final FirehoseClient client;
    private final ProcessingTimeService timers;
    private final List<Record> buffer = new ArrayList<>();
    private int bufferedBytes;
    private boolean timerSet;

    Writer(FirehoseSink sink, ProcessingTimeService timers) {
      this.sink = sink;
      this.timers = timers;
      this.client = FirehoseClient.builder()
          .endpointOverride(URI.create(sink.endpoint))
          .region(Region.of(sink.region))
          .credentialsProvider(StaticCredentialsProvider.create(
              AwsBasicCredentials.create("rivulet", "rivulet")))
          .httpClient(UrlConnectionHttpClient.create())
          .build();
    }

    @Override
    public void write(RowData row, Context context) throws InterruptedException {
      byte[] data = row.getBinary(0);
      if (buffer.size() == MAX_RECORDS || bufferedBytes + data.length > MAX_BYTES) {
        flush(false);
      }
      buffer.add(Record.builder().data(SdkBytes.fromByteArray(data)).build());
      bufferedBytes += data.length;
      if (!timerSet) {
        timerSet = true;
        timers.registerTimer(timers.getCurrentProcessingTime() + MAX_BUFFER_MILLIS, t -> {
          timerSet = false;
          flush(false);
        });
      }
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
      List<Record> pending = new ArrayList<>(buffer);
      buffer.clear();
      bufferedBytes = 0;
      for (int attempt = 1; !pending.isEmpty(); attempt++) {
        PutRecordBatchResponse r = client.putRecordBatch(PutRecordBatchRequest.builder()
            .deliveryStreamName(sink.deliveryStream).records(pending).build());
        if (r.failedPutCount() == null || r.failedPutCount() == 0) {
          return;
        }
        List<Record> failed = new ArrayList<>();
        List<PutRecordBatchResponseEntry> entries = r.requestResponses();
        String error = null;
        for (int i = 0; i < entries.size(); i++) {
          if (entries.get(i).errorCode() != null) {
            failed.add(pending.get(i));
            error = entries.get(i).errorCode() + ": " + entries.get(i).errorMessage();
          }
        }
        if (attempt == MAX_ATTEMPTS) {
          throw new IllegalStateException(failed.size() + " records not put to delivery stream "
              + sink.deliveryStream + " after " + attempt + " attempts; last error " + error);
        }
        Thread.sleep(Math.min(2_000L, 50L << attempt));
        pending = failed;
      }
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
