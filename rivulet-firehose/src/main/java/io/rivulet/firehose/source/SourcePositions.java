package io.rivulet.firehose.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rivulet.firehose.util.AtomicFiles;
import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.ShardInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a Kinesis source has got to, kept durably: the stream incarnation it reads (ARN and
 * creation time, so a stream deleted and created again while the server was down is noticed),
 * the delivery start time, and per shard the sequence number after which reading continues and
 * whether the shard was read to its end. A shard it has no entry for is read from the delivery
 * start time. One JSON file, {@value #FILE}, replaced atomically (temporary file, fsync, rename,
 * fsync of the directory):
 *
 * <pre>
 * {"version": 1, "streamArn": "arn:aws:kinesis:…:stream/s", "streamCreatedMillis": 1700000000000,
 *  "deliveryStartMillis": 1700000000500,
 *  "shards": {"shardId-000000000000": {"after": "4900…", "ended": false}, …}}
 * </pre>
 *
 * <p>Not thread-safe: the source's reader thread owns it.
 */
final class SourcePositions {
  static final String FILE = "kinesis-source-positions.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One shard's progress: continue after {@code after}; {@code ended}: read to its end. */
  record Shard(String after, boolean ended) {}

  private final Path file;
  private final String streamArn;
  private final long streamCreatedMillis;
  private final long deliveryStartMillis;
  private final Map<String, Shard> shards = new TreeMap<>();
  private boolean dirty;

  private SourcePositions(Path dir, String streamArn, long streamCreatedMillis,
      long deliveryStartMillis) {
    this.file = dir.resolve(FILE);
    this.streamArn = streamArn;
    this.streamCreatedMillis = streamCreatedMillis;
    this.deliveryStartMillis = deliveryStartMillis;
  }

  /** A source that has read nothing yet (not saved until {@link #save}). */
  static SourcePositions fresh(Path dir, String streamArn, long streamCreatedMillis,
      long deliveryStartMillis) {
    SourcePositions p = new SourcePositions(dir, streamArn, streamCreatedMillis,
        deliveryStartMillis);
    p.dirty = true;
    return p;
  }

  /** The positions saved in {@code dir}, or null when there are none. */
  static SourcePositions load(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root.path("version").asInt() != 1) {
      throw new IOException(file + ": unknown version " + root.path("version"));
    }
    SourcePositions p = new SourcePositions(dir, root.path("streamArn").asText(),
        root.path("streamCreatedMillis").asLong(), root.path("deliveryStartMillis").asLong());
    for (Map.Entry<String, JsonNode> e : root.path("shards").properties()) {
      p.shards.put(e.getKey(),
          new Shard(e.getValue().path("after").asText(), e.getValue().path("ended").asBoolean()));
    }
    return p;
  }

  String streamArn() {
    return streamArn;
  }

  long streamCreatedMillis() {
    return streamCreatedMillis;
  }

  long deliveryStartMillis() {
    return deliveryStartMillis;
  }

  /** The shard's saved progress, or null. */
  Shard shard(String shardId) {
    return shards.get(shardId);
  }

  /** Where to read the shard from: after its saved position, else {@code initial}. */
  Position position(String shardId, Position initial) {
    Shard s = shards.get(shardId);
    return s == null ? initial : Position.afterSequenceNumber(s.after());
  }

  /** Records that the shard is read up to and including {@code after} (and to its end). */
  void advance(String shardId, String after, boolean ended) {
    Shard next = new Shard(after, ended);
    if (!next.equals(shards.put(shardId, next))) {
      dirty = true;
    }
  }

  /**
   * Forgets shards the stream no longer lists (retention expired them); returns those of them
   * that were not read to their end (their unread records expired before they were read).
   */
  List<String> retain(List<ShardInfo> listed) {
    Set<String> ids = listed.stream().map(ShardInfo::shardId).collect(Collectors.toSet());
    List<String> unfinished = new ArrayList<>();
    for (Iterator<Map.Entry<String, Shard>> it = shards.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Shard> e = it.next();
      if (!ids.contains(e.getKey())) {
        if (!e.getValue().ended()) {
          unfinished.add(e.getKey());
        }
        it.remove();
        dirty = true;
      }
    }
    return unfinished;
  }

  /**
   * The shards to read now: not read to their end, and every parent either read to its end or no
   * longer listed (expired), so that parents are read fully before their children.
   */
  List<ShardInfo> readable(List<ShardInfo> listed) {
    Set<String> ids = listed.stream().map(ShardInfo::shardId).collect(Collectors.toSet());
    List<ShardInfo> out = new ArrayList<>();
    for (ShardInfo s : listed) {
      if (ended(s.shardId())) {
        continue;
      }
      boolean parentsDone = true;
      for (String parent : s.parents()) {
        parentsDone &= !ids.contains(parent) || ended(parent);
      }
      if (parentsDone) {
        out.add(s);
      }
    }
    return out;
  }

  private boolean ended(String shardId) {
    Shard s = shards.get(shardId);
    return s != null && s.ended();
  }

  /** Saves when anything changed since the last save. */
  void save() throws IOException {
    if (!dirty) {
      return;
    }
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    root.put("streamArn", streamArn);
    root.put("streamCreatedMillis", streamCreatedMillis);
    root.put("deliveryStartMillis", deliveryStartMillis);
    ObjectNode byShard = root.putObject("shards");
    shards.forEach((id, s) -> byShard.putObject(id).put("after", s.after()).put("ended", s.ended()));
    AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    dirty = false;
  }
}
