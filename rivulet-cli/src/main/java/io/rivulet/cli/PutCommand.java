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
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * {@code rivulet put STREAM}: one record per line of stdin (or {@code --file}), sent with
 * PutRecords in batches of up to 500 records and 4 MiB; records the stream throttles are retried
 * with back-off ({@link LineBatcher}). Progress (records, records/s) goes to stderr; exit 1 if
 * any record could not be put.
 */
@Command(name = "put", mixinStandardHelpOptions = true,
    description = "Put records, one per line, from stdin or a file.")
final class PutCommand implements Callable<Integer> {
  static final int BATCH = 500;
  static final long BATCH_BYTES = 4L * 1024 * 1024;

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "STREAM") String stream;
  @Option(names = "--file", description = "Read lines from this file instead of stdin.") Path file;
  @Option(names = "--partition-key", description = "One partition key for every record (default: the line number, spreading records over the shards).")
  String partitionKey;
  @Option(names = "--quiet", description = "No progress on stderr.") boolean quiet;

  @Override
  public Integer call() throws IOException, InterruptedException {
    try (KinesisClient k = client.kinesis()) {
      // the stream's own record limit (up to 10 MiB with MaxRecordSizeInKiB) is checked by the server
      LineBatcher<PutRecordsRequestEntry> batcher = new LineBatcher<>(BATCH, BATCH_BYTES,
          Long.MAX_VALUE, null, e -> e.data().asByteArrayUnsafe().length + e.partitionKey().length(),
          batch -> k.putRecords(b -> b.streamName(stream).records(batch)).records().stream()
              .map(PutCommand::error).toList(),
          quiet);
      batcher.run(file, (lineNo, line) -> PutRecordsRequestEntry.builder()
          .partitionKey(partitionKey != null ? partitionKey : Long.toString(lineNo))
          .data(SdkBytes.fromString(line, StandardCharsets.UTF_8)).build());
      return batcher.summary(stream);
    }
  }

  private static String error(PutRecordsResultEntry e) {
    return e.errorCode() == null ? null : e.errorCode() + ": " + e.errorMessage();
  }
}
