package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes;
import io.rivulet.streams.model.Shapes.Shard;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * ListShards: shards of a stream with paging (MaxResults, NextToken valid for 300 s,
 * ExclusiveStartShardId) and every ShardFilter type.
 */
public final class ListShards extends KinesisOperation<ListShards.Input, ListShards.Output> {
  static final int DEFAULT_MAX = 1000;
  static final long TOKEN_TTL_MILLIS = 300_000;
  /** First byte of a ListShards token (shard iterators start with 1). */
  private static final byte CURSOR_VERSION = 2;

  public record ShardFilter(String type, String shardId, Instant timestamp) {}

  public record Input(String streamName, String streamARN, String nextToken,
      String exclusiveStartShardId, Integer maxResults, Instant streamCreationTimestamp,
      ShardFilter shardFilter) {}

  public record Output(List<Shard> shards, String nextToken) {}

  private record Cursor(StreamKey key, long createdMillis, String after, long issued) {}

  public ListShards(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    StreamKey key;
    String after = in.exclusiveStartShardId();
    ShardFilter filter = in.shardFilter();
    Long createdMillis = in.streamCreationTimestamp() == null ? null
        : in.streamCreationTimestamp().toEpochMilli();
    if (in.nextToken() != null) {
      if (in.streamName() != null || in.streamARN() != null) {
        throw KinesisError.INVALID_ARGUMENT.with("NextToken and StreamName cannot be provided together.");
      }
      Cursor c = openCursor(in.nextToken());
      key = c.key();
      after = c.after();
      createdMillis = c.createdMillis();
    } else {
      if (in.streamName() == null && in.streamARN() == null) {
        throw KinesisError.INVALID_ARGUMENT.with("Either NextToken or StreamName should be provided.");
      }
      key = StreamRefs.resolve(in.streamName(), in.streamARN(), ctx);
    }
    StreamMeta m = engine.describe(key);
    if (createdMillis != null && createdMillis / 1000 != m.createdMillis() / 1000) {
      throw KinesisError.RESOURCE_NOT_FOUND.with("Stream " + key.name() + " under account "
          + key.account() + " not found.");
    }
    if (filter != null && filter.type().equals("AFTER_SHARD_ID")) {
      if (filter.shardId() == null) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "ShardId must be specified for ShardFilter type AFTER_SHARD_ID.");
      }
      after = filter.shardId();
    }
    int max = in.maxResults() == null ? DEFAULT_MAX : Math.min(in.maxResults(), DEFAULT_MAX);
    long now = engine.clock().millis();
    List<Shard> page = new ArrayList<>();
    String last = null;
    boolean more = false;
    for (ShardMeta s : Shapes.visibleShards(m)) {
      if (after != null && s.shardId().compareTo(after) <= 0) {
        continue;
      }
      if (!matches(filter, s, m, now)) {
        continue;
      }
      if (page.size() == max) {
        more = true;
        break;
      }
      page.add(Shard.of(s));
      last = s.shardId();
    }
    return new Output(page, more ? sealCursor(new Cursor(key, m.createdMillis(), last, now)) : null);
  }

  private static boolean matches(ShardFilter f, ShardMeta s, StreamMeta m, long now) {
    long trim = Math.max(now - m.retentionHours() * 3_600_000L, m.createdMillis());
    if (f == null) {
      return true;
    }
    return switch (f.type()) {
      case "AFTER_SHARD_ID", "FROM_TRIM_HORIZON" -> s.isOpen() || s.closedMillis() >= trim;
      case "AT_TRIM_HORIZON" -> openAt(s, trim);
      case "AT_LATEST" -> s.isOpen();
      case "AT_TIMESTAMP" -> openAt(s, Math.max(requireTimestamp(f), m.createdMillis()));
      case "FROM_TIMESTAMP" -> s.isOpen() || s.closedMillis() >= Math.max(requireTimestamp(f), trim);
      default -> throw KinesisError.INVALID_ARGUMENT.with("Invalid ShardFilter type " + f.type() + ".");
    };
  }

  private static boolean openAt(ShardMeta s, long at) {
    return s.createdMillis() <= at && (s.isOpen() || s.closedMillis() >= at);
  }

  private static long requireTimestamp(ShardFilter f) {
    if (f.timestamp() == null) {
      throw KinesisError.INVALID_ARGUMENT.with(
          "Timestamp must be specified for ShardFilter type " + f.type() + ".");
    }
    return f.timestamp().toEpochMilli();
  }

  private String sealCursor(Cursor c) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(CURSOR_VERSION);
      out.writeUTF(c.key().account());
      out.writeUTF(c.key().region());
      out.writeUTF(c.key().name());
      out.writeLong(c.createdMillis());
      out.writeUTF(c.after());
      out.writeLong(c.issued());
      return data.tokens().seal(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Cursor openCursor(String token) {
    Cursor c = parseCursor(data, token);
    if (c == null) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid NextToken.");
    }
    if (engine.clock().millis() - c.issued() > TOKEN_TTL_MILLIS) {
      throw KinesisError.EXPIRED_NEXT_TOKEN.with("The nextToken has expired.");
    }
    return c;
  }

  /** The stream a NextToken pages through (authorisation needs it), or null if it is not one of ours. */
  public static StreamKey streamOfNextToken(DataPlane data, String token) {
    Cursor c = parseCursor(data, token);
    return c == null ? null : c.key();
  }

  private static Cursor parseCursor(DataPlane data, String token) {
    byte[] payload = data.tokens().open(token);
    if (payload == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
      if (in.readByte() != CURSOR_VERSION) {
        return null;
      }
      return new Cursor(new StreamKey(in.readUTF(), in.readUTF(), in.readUTF()), in.readLong(),
          in.readUTF(), in.readLong());
    } catch (IOException e) {
      return null;
    }
  }
}
