package io.rivulet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code rivulet replay STREAM --since T [--until T] (--to STREAM | --to-file FILE)}: copies the
 * records that arrived in a time range, from every shard (following resharding), to another
 * stream (same partition keys, PutRecords batches) or to a file of JSON lines; progress on stderr.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Copy a time range of a stream to another stream or to a file.")
final class ReplayCommand implements Callable<Integer> {
  @Mixin ClientOptions client;
  @Parameters(paramLabel = "STREAM") String stream;
  @Option(names = "--since", required = true, description = "ISO-8601 start (inclusive).") Instant since;
  @Option(names = "--until", description = "ISO-8601 end (exclusive; default: now).") Instant until;
  @ArgGroup(multiplicity = "1") Target target;

  static final class Target {
    @Option(names = "--to", description = "Destination stream.") String stream;
    @Option(names = "--to-file", description = "Destination file (JSON lines).") Path file;
  }

  private long copied;

  @Override
  public Integer call() throws IOException {
    Instant end = until != null ? until : Instant.now();
    try (KinesisClient k = client.kinesis();
        BufferedWriter file = target.file == null ? null
            : Files.newBufferedWriter(target.file, StandardCharsets.UTF_8)) {
      Deque<String[]> cursors = new ArrayDeque<>(); // {shardId, iterator}
      Set<String> started = new HashSet<>();
      for (var s : ShardLister.all(k, stream,
          ShardFilter.builder().type(ShardFilterType.AT_TIMESTAMP).timestamp(since).build())) {
        started.add(s.shardId());
        cursors.add(new String[] {s.shardId(), k.getShardIterator(b -> b.streamName(stream)
            .shardId(s.shardId()).shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(since))
            .shardIterator()});
      }
      while (!cursors.isEmpty()) {
        String[] c = cursors.poll();
        GetRecordsResponse r = k.getRecords(b -> b.shardIterator(c[1]));
        List<Record> inRange = new ArrayList<>();
        boolean past = false;
        for (Record rec : r.records()) {
          if (rec.approximateArrivalTimestamp().isBefore(end)) {
            inRange.add(rec);
          } else {
            past = true;
          }
        }
        write(k, file, inRange);
        if (past || (r.records().isEmpty() && r.nextShardIterator() != null)) {
          continue; // this shard is done: past the range, or caught up
        }
        if (r.nextShardIterator() != null) {
          cursors.add(new String[] {c[0], r.nextShardIterator()});
        } else if (r.childShards() != null) {
          for (ChildShard child : r.childShards()) {
            if (started.add(child.shardId())) {
              cursors.add(new String[] {child.shardId(), k.getShardIterator(b -> b.streamName(stream)
                  .shardId(child.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()});
            }
          }
        }
      }
    }
    System.err.printf("replayed %d record(s) from %s%n", copied, stream);
    return 0;
  }

  private void write(KinesisClient k, BufferedWriter file, List<Record> records) throws IOException {
    if (records.isEmpty()) {
      return;
    }
    if (file != null) {
      ObjectMapper json = new ObjectMapper();
      for (Record rec : records) {
        ObjectNode o = json.createObjectNode();
        o.put("sequenceNumber", rec.sequenceNumber());
        o.put("partitionKey", rec.partitionKey());
        o.put("arrival", rec.approximateArrivalTimestamp().toString());
        o.put("dataBase64", Base64.getEncoder().encodeToString(rec.data().asByteArray()));
        file.write(o.toString());
        file.newLine();
      }
    } else {
      for (int i = 0; i < records.size(); i += 500) {
        List<PutRecordsRequestEntry> batch = records.subList(i, Math.min(records.size(), i + 500)).stream()
            .map(rec -> PutRecordsRequestEntry.builder().partitionKey(rec.partitionKey()).data(rec.data()).build())
            .toList();
        var resp = k.putRecords(b -> b.streamName(target.stream).records(batch));
        if (resp.failedRecordCount() > 0) {
          throw new IllegalStateException(resp.failedRecordCount() + " record(s) were not accepted by "
              + target.stream + ": " + resp.records().stream().filter(e -> e.errorCode() != null)
              .findFirst().orElseThrow().errorMessage());
        }
      }
    }
    copied += records.size();
    System.err.printf("\r%d record(s) ", copied);
  }
}
