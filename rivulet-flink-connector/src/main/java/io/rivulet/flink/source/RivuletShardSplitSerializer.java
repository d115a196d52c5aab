package io.rivulet.flink.source;

import io.rivulet.streams.api.Position;
import io.rivulet.streams.api.StreamId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Splits in checkpoints. Version 1 layout: stream account, region, name (UTF), created millis
 * (long), shard id (UTF), parent count (int) and ids (UTF), position type ordinal (byte), has
 * sequence number (boolean) + sequence number (UTF), has timestamp (boolean) + epoch seconds
 * (long) + nanos (int), finished (boolean). Thread-safe (stateless).
 */
public final class RivuletShardSplitSerializer
    implements SimpleVersionedSerializer<RivuletShardSplit> {
  public static final RivuletShardSplitSerializer INSTANCE = new RivuletShardSplitSerializer();
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(RivuletShardSplit split) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(128);
    write(split, out);
    return out.getCopyOfBuffer();
  }

  @Override
  public RivuletShardSplit deserialize(int version, byte[] bytes) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown Rivulet split version " + version);
    }
    return read(new DataInputDeserializer(bytes));
  }

  static void write(RivuletShardSplit s, DataOutputView out) throws IOException {
    StreamId id = s.stream();
    out.writeUTF(id.account());
    out.writeUTF(id.region());
    out.writeUTF(id.name());
    out.writeLong(id.createdMillis());
    out.writeUTF(s.shardId());
    out.writeInt(s.parents().size());
    for (String p : s.parents()) {
      out.writeUTF(p);
    }
    Position p = s.position();
    out.writeByte(p.type().ordinal());
    out.writeBoolean(p.sequenceNumber() != null);
    if (p.sequenceNumber() != null) {
      out.writeUTF(p.sequenceNumber());
    }
    out.writeBoolean(p.timestamp() != null);
    if (p.timestamp() != null) {
      out.writeLong(p.timestamp().getEpochSecond());
      out.writeInt(p.timestamp().getNano());
    }
    out.writeBoolean(s.finished());
  }

  static RivuletShardSplit read(DataInputView in) throws IOException {
    StreamId id = new StreamId(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
    String shardId = in.readUTF();
    int n = in.readInt();
    List<String> parents = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parents.add(in.readUTF());
    }
    Position.Type type = Position.Type.values()[in.readByte()];
    String sequence = in.readBoolean() ? in.readUTF() : null;
    Instant timestamp = in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt())
        : null;
    boolean finished = in.readBoolean();
    return new RivuletShardSplit(id, shardId, parents, new Position(type, sequence, timestamp),
        finished);
  }
}
