package io.rivulet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilter;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code rivulet tail STREAM}: prints the records of every shard, from LATEST (default),
 * TRIM_HORIZON or a timestamp, following splits and merges into child shards. One line per record:
 * the data as UTF-8 (base64 when it is not text), or with {@code --output json} one JSON object
 * per line with shard, sequence number, partition key and arrival time. Without {@code --follow}
 * it stops once every shard is caught up.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Print a stream's records, across all shards, following resharding.")
final class TailCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin ClientOptions client;
  @Parameters(paramLabel = "STREAM") String stream;
  @Option(names = "--from", defaultValue = "latest",
      description = "latest, trim-horizon, or an ISO-8601 timestamp (default: ${DEFAULT-VALUE}).")
  String from;
  @Option(names = {"-f", "--follow"}, description = "Keep waiting for new records.") boolean follow;
  @Option(names = "--partition-key", description = "Only records with this partition key.") String key;

  /** A shard being read: its id and current iterator. */
  private record Cursor(String shardId, String iterator) {}

  @Override
  public Integer call() throws InterruptedException {
    try (KinesisClient k = client.kinesis()) {
      Deque<Cursor> cursors = new ArrayDeque<>();
      Set<String> started = new HashSet<>();
      for (Shard s : startShards(k)) {
        started.add(s.shardId());
        cursors.add(new Cursor(s.shardId(), firstIterator(k, s.shardId())));
      }
      int idleRound = 0;
      while (!cursors.isEmpty()) {
        boolean progress = false;
        for (int n = cursors.size(); n > 0; n--) {
          Cursor c = cursors.poll();
          GetRecordsResponse r = k.getRecords(b -> b.shardIterator(c.iterator()));
          for (Record rec : r.records()) {
            print(c.shardId(), rec);
          }
          progress |= !r.records().isEmpty();
          if (r.nextShardIterator() != null) {
            cursors.add(new Cursor(c.shardId(), r.nextShardIterator()));
          } else if (r.childShards() != null) {
            for (ChildShard child : r.childShards()) {
              if (started.add(child.shardId())) {
                cursors.add(new Cursor(child.shardId(), iterator(k, child.shardId(), ShardIteratorType.TRIM_HORIZON)));
                progress = true; // a newly found shard is not caught up yet
              }
            }
          }
        }
        System.out.flush();
        idleRound = progress ? 0 : idleRound + 1;
        if (!progress && !follow && idleRound >= 1) {
          break;
        }
        if (!progress) {
          Thread.sleep(200);
        }
      }
    }
    return 0;
  }

  private Iterable<Shard> startShards(KinesisClient k) {
    if (from.equals("trim-horizon")) {
      return ShardLister.all(k, stream, ShardFilter.builder().type(ShardFilterType.AT_TRIM_HORIZON).build());
    }
    if (from.equals("latest")) {
      return ShardLister.all(k, stream, ShardFilter.builder().type(ShardFilterType.AT_LATEST).build());
    }
    Instant at = Instant.parse(from);
    return ShardLister.all(k, stream,
        ShardFilter.builder().type(ShardFilterType.AT_TIMESTAMP).timestamp(at).build());
  }

  private String firstIterator(KinesisClient k, String shardId) {
    return switch (from) {
      case "trim-horizon" -> iterator(k, shardId, ShardIteratorType.TRIM_HORIZON);
      case "latest" -> iterator(k, shardId, ShardIteratorType.LATEST);
      default -> k.getShardIterator(b -> b.streamName(stream).shardId(shardId)
          .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.parse(from))).shardIterator();
    };
  }

  private String iterator(KinesisClient k, String shardId, ShardIteratorType type) {
    return k.getShardIterator(b -> b.streamName(stream).shardId(shardId).shardIteratorType(type)).shardIterator();
  }

  private void print(String shardId, Record rec) {
    if (key != null && !key.equals(rec.partitionKey())) {
      return;
    }
    byte[] data = rec.data().asByteArray();
    String text = text(data);
    if (client.json()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("shardId", shardId);
      o.put("sequenceNumber", rec.sequenceNumber());
      o.put("partitionKey", rec.partitionKey());
      o.put("arrival", rec.approximateArrivalTimestamp().toString());
      o.put(text != null ? "data" : "dataBase64", text != null ? text : Base64.getEncoder().encodeToString(data));
      System.out.println(o);
    } else {
      System.out.println(text != null ? text : Base64.getEncoder().encodeToString(data));
    }
  }

  /** The data as UTF-8 text, or null when it is not valid UTF-8. */
  private static String text(byte[] data) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
