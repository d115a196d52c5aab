package io.rivulet.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * {@code rivulet firehose put NAME}: one record per line of stdin (or {@code --file}), each with
 * its line end (Firehose concatenates records, so lines stay lines at the destination) unless
 * {@code --no-newline}; sent with PutRecordBatch in batches of up to 500 records and 4 MiB, the
 * records a batch did not take (FailedPutCount) sent again with back-off ({@link LineBatcher}).
 * Lines over Firehose's 1,000 KiB record limit are reported and not sent. Progress on stderr;
 * exit 1 if any record could not be put.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Put records, one per line, from stdin or a file (PutRecordBatch).")
final class FirehosePut implements Callable<Integer> {
  static final int BATCH = 500;
  static final long BATCH_BYTES = 4L * 1024 * 1024;
  static final long RECORD_BYTES = 1000L * 1024;

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "NAME") String name;
  @Option(names = "--file", description = "Read lines from this file instead of stdin.") Path file;
  @Option(names = "--no-newline", description = "Send each line without its line end.") boolean noNewline;
  @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (FirehoseClient f = client.firehose()) {
      LineBatcher<Record> batcher = new LineBatcher<>(BATCH, BATCH_BYTES, RECORD_BYTES, "1,000 KiB",
          r -> r.data().asByteArrayUnsafe().length,
          batch -> f.putRecordBatch(b -> b.deliveryStreamName(name).records(batch)).requestResponses()
              .stream().map(FirehosePut::error).toList(),
          quiet);
      batcher.run(file, (lineNo, line) -> Record.builder()
          .data(SdkBytes.fromString(noNewline ? line : line + "\n", StandardCharsets.UTF_8)).build());
      return batcher.summary(name);
    }
  }

  private static String error(PutRecordBatchResponseEntry e) {
    return e.errorCode() == null ? null : e.errorCode() + ": " + e.errorMessage();
  }
}
