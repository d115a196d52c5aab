package io.rivulet.video;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Traffic counters per video stream (by stream ARN), cumulative since the server started, after
 * Kinesis Video Streams' CloudWatch metrics: the ingest and playback endpoints increment them,
 * {@code /metrics} exports them. Thread-safe (lock-free counters in a concurrent map).
 */
public final class VideoStats {
  private final Map<String, StreamCounters> streams = new ConcurrentHashMap<>();

  /** The counters of a stream (created at first use). */
  public StreamCounters stream(String streamArn) {
    return streams.computeIfAbsent(streamArn, a -> new StreamCounters());
  }

  /** The counters of a stream if it has any. */
  public StreamCounters peek(String streamArn) {
    return streams.get(streamArn);
  }

  /** Forgets a stream's counters (DeleteStream). */
  public void remove(String streamArn) {
    streams.remove(streamArn);
  }

  /** One stream's counters; fields are incremented directly. */
  public static final class StreamCounters {
    /** PutMedia.IncomingBytes: MKV bytes received. */
    public final LongAdder incomingBytes = new LongAdder();
    /** PutMedia.IncomingFragments: fragments received whole. */
    public final LongAdder incomingFragments = new LongAdder();
    /** PutMedia.IncomingFrames: frames (blocks) received. */
    public final LongAdder incomingFrames = new LongAdder();
    /** Fragments persisted (PERSISTED acks sent). */
    public final LongAdder persistedFragments = new LongAdder();
    /** ERROR acks sent. */
    public final LongAdder errorAcks = new LongAdder();
    /** PutMedia.ActiveConnections: PutMedia sessions open now. */
    public final AtomicInteger activePutMediaConnections = new AtomicInteger();
    /** GetMedia.OutgoingBytes (and GetMediaForFragmentList's): media bytes sent. */
    public final LongAdder outgoingBytes = new LongAdder();
    /** GetMedia.OutgoingFragments: fragments sent. */
    public final LongAdder outgoingFragments = new LongAdder();
  }
}
