package io.rivulet.flink.source;

import io.rivulet.streams.api.StreamId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Enumerator checkpoints. Version 1 layout: has stream (boolean) + account, region, name (UTF)
 * and created millis (long), initialized (boolean), pending split count (int) and splits (as
 * {@link RivuletShardSplitSerializer} writes them), assigned count (int) and ids (UTF), finished
 * count (int) and ids (UTF). Thread-safe (stateless).
 */
public final class RivuletEnumeratorStateSerializer
    implements SimpleVersionedSerializer<RivuletEnumeratorState> {
  public static final RivuletEnumeratorStateSerializer INSTANCE =
      new RivuletEnumeratorStateSerializer();
  static final int VERSION = 1;

  @Override
  public int getVersion() {
    return VERSION;
  }

  @Override
  public byte[] serialize(RivuletEnumeratorState state) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(256);
    StreamId id = state.stream();
    out.writeBoolean(id != null);
    if (id != null) {
      out.writeUTF(id.account());
      out.writeUTF(id.region());
      out.writeUTF(id.name());
      out.writeLong(id.createdMillis());
    }
    out.writeBoolean(state.initialized());
    out.writeInt(state.pending().size());
    for (RivuletShardSplit s : state.pending()) {
      RivuletShardSplitSerializer.write(s, out);
    }
    writeIds(state.assigned(), out);
    writeIds(state.finished(), out);
    return out.getCopyOfBuffer();
  }

  @Override
  public RivuletEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
    if (version != VERSION) {
      throw new IOException("unknown Rivulet enumerator state version " + version);
    }
    DataInputDeserializer in = new DataInputDeserializer(bytes);
    StreamId id = in.readBoolean()
        ? new StreamId(in.readUTF(), in.readUTF(), in.readUTF(), in.readLong()) : null;
    boolean initialized = in.readBoolean();
    int n = in.readInt();
    List<RivuletShardSplit> pending = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      pending.add(RivuletShardSplitSerializer.read(in));
    }
    return new RivuletEnumeratorState(id, initialized, pending, readIds(in), readIds(in));
  }

  private static void writeIds(Set<String> ids, DataOutputView out) throws IOException {
    out.writeInt(ids.size());
    for (String id : ids) {
      out.writeUTF(id);
    }
  }

  private static Set<String> readIds(DataInputView in) throws IOException {
    int n = in.readInt();
    Set<String> ids = new HashSet<>(n * 2);
    for (int i = 0; i < n; i++) {
      ids.add(in.readUTF());
    }
    return ids;
  }
}
