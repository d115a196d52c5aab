package io.rivulet.flink.source;

import io.rivulet.streams.api.StreamRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.connector.base.source.reader.fetcher.SingleThreadFetcherManager;

/**
 * The reader of a {@link RivuletSource}: one fetcher thread reads the assigned shards, the task
 * thread emits their records. Shards read to their ends are reported to the enumerator and kept
 * in this reader's checkpoints as finished splits, so that after a restore the enumerator hears of
 * them again even when its own checkpoint predates the report. Not thread-safe (Flink calls it
 * from the task's mailbox thread).
 */
@SuppressWarnings("try") // SourceReaderBase.close() throws Exception, as Flink declares it
final class RivuletSourceReader<T>
    extends SourceReaderBase<StreamRecord, T, RivuletShardSplit, RivuletShardSplitState> {
  private final Map<String, RivuletShardSplit> finished = new TreeMap<>();

  RivuletSourceReader(SingleThreadFetcherManager<StreamRecord, RivuletShardSplit> fetchers,
      RivuletRecordEmitter<T> emitter, Configuration config, SourceReaderContext context) {
    super(fetchers, emitter, config, context);
  }

  @Override
  protected void onSplitFinished(Map<String, RivuletShardSplitState> finishedSplits) {
    for (RivuletShardSplitState s : finishedSplits.values()) {
      RivuletShardSplit split = s.toSplit().asFinished();
      finished.put(split.shardId(), split);
    }
    context.sendSourceEventToCoordinator(new ShardsFinishedEvent(finishedSplits.keySet()));
  }

  @Override
  protected RivuletShardSplitState initializedState(RivuletShardSplit split) {
    return new RivuletShardSplitState(split);
  }

  @Override
  protected RivuletShardSplit toSplitType(String splitId, RivuletShardSplitState state) {
    return state.toSplit();
  }

  @Override
  public List<RivuletShardSplit> snapshotState(long checkpointId) {
    List<RivuletShardSplit> splits = new ArrayList<>(super.snapshotState(checkpointId));
    splits.addAll(finished.values());
    return splits;
  }

  @Override
  public void addSplits(List<RivuletShardSplit> splits) {
    List<RivuletShardSplit> open = new ArrayList<>();
    Map<String, RivuletShardSplit> done = new TreeMap<>();
    for (RivuletShardSplit s : splits) {
      if (s.finished()) {
        done.put(s.shardId(), s);
      } else {
        open.add(s);
      }
    }
    if (!done.isEmpty()) {
      finished.putAll(done);
      context.sendSourceEventToCoordinator(new ShardsFinishedEvent(done.keySet()));
    }
    if (!open.isEmpty()) {
      super.addSplits(open);
    }
  }
}
