package io.rivulet.video.ingest;

import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.mkv.ClusterFrames;
import io.rivulet.video.mkv.Matroska;
import io.rivulet.video.mkv.MkvEvent;
import io.rivulet.video.mkv.MkvException;
import io.rivulet.video.mkv.MkvReader;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import io.rivulet.video.store.WritableFragmentStore;
import io.rivulet.video.store.WritableFragmentStore.NewFragment;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PutMedia session: reads the producer's MKV as it arrives and turns each Cluster into a
 * fragment. A fragment opens at its Cluster (BUFFERING once its Timecode is known, with the
 * number reserved for it) and is complete at an {@code AWS_KINESISVIDEO_END_OF_FRAGMENT} tag, the
 * next Cluster, a new EBML header, the Segment's end or the body's end; then it is RECEIVED,
 * stored, and PERSISTED (only for streams that retain media). Segment-level Tags between a Cluster
 * and its end become the fragment's metadata. Violations are ERROR acks ({@link AckError}); a
 * fatal one ends the session. Runs on one thread; not thread-safe.
 */
final class IngestSession {
  private static final Logger LOG = LoggerFactory.getLogger(IngestSession.class);
  static final String END_OF_FRAGMENT = "AWS_KINESISVIDEO_END_OF_FRAGMENT";

  /**
   * What the request's headers said.
   *
   * @param absolute ABSOLUTE fragment timecodes (else RELATIVE to {@code producerStartMillis})
   * @param acksRequired whether BUFFERING/RECEIVED/PERSISTED are sent (errors always are)
   */
  record Spec(String streamArn, boolean absolute, long producerStartMillis, boolean acksRequired) {}

  /** Ends the session after a fatal error ack was sent. */
  private static final class Fatal extends Exception {
    private static final long serialVersionUID = 1L;

    Fatal() {
      super(null, null, false, false);
    }
  }

  /** The fragment being received. */
  private static final class Open {
    final Instant serverTimestamp;
    long timecode = -1; // TimecodeScale units
    long timecodeMillis;
    long producerMillis;
    String number;
    final List<byte[]> children = new ArrayList<>();
    final List<Map.Entry<String, String>> tags = new ArrayList<>();
    long bytes;
    long minMillis = Long.MAX_VALUE;
    long maxMillis = Long.MIN_VALUE;
    int blocks;
    boolean dropped;

    Open(Instant serverTimestamp) {
      this.serverTimestamp = serverTimestamp;
    }
  }

  private final Spec spec;
  private final WritableFragmentStore store;
  private final Supplier<Optional<VideoStreamCatalog.Stream>> stream;
  private final AckPublisher acks;
  private final IngestConfig config;
  private final Clock clock;
  private final RateLimiter fragmentRate;
  private final RateLimiter byteRate;
  private final VideoStats.StreamCounters counters;
  private boolean sawEbmlHeader;
  private long timecodeScale = 1_000_000;
  private List<TrackInfo> tracks;
  private long headerId = -1;
  private Long lastProducerMillis;
  private Open open;
  private int stored;

  IngestSession(Spec spec, WritableFragmentStore store,
      Supplier<Optional<VideoStreamCatalog.Stream>> stream, AckPublisher acks,
      IngestConfig config, Clock clock, RateLimiter fragmentRate, RateLimiter byteRate,
      VideoStats.StreamCounters counters) {
    this.spec = spec;
    this.store = store;
    this.stream = stream;
    this.acks = acks;
    this.config = config;
    this.clock = clock;
    this.fragmentRate = fragmentRate;
    this.byteRate = byteRate;
    this.counters = counters;
  }

  /** Reads the body to its end (or a fatal error) and completes the acks; never throws. */
  void run(InputStream body) {
    MkvReader reader = new MkvReader(body, config.maxFragmentBytes() + (1 << 20));
    try {
      MkvEvent e;
      while ((e = reader.next()) != null) {
        on(e);
      }
      finish();
    } catch (Fatal f) {
      // the ERROR ack is out; the rest of the body is not read
    } catch (MkvException e) {
      LOG.debug("PutMedia {}: invalid MKV: {}", spec.streamArn(), e.getMessage());
      error(AckError.INVALID_MKV_DATA);
    } catch (BodyStream.IdleTimeout e) {
      LOG.debug("PutMedia {}: ending an idle session ({})", spec.streamArn(), e.getMessage());
    } catch (IOException e) {
      LOG.debug("PutMedia {}: the upload stopped: {}", spec.streamArn(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("PutMedia {}: internal error", spec.streamArn(), e);
      error(AckError.INTERNAL_ERROR);
    } finally {
      acks.complete();
    }
  }

  /** Fragments stored by this session. */
  int stored() {
    return stored;
  }

  private void on(MkvEvent e) throws Fatal, IOException, InterruptedException {
    if (e instanceof MkvEvent.EbmlHeader) {
      finish();
      sawEbmlHeader = true;
      tracks = null;
      headerId = -1;
      timecodeScale = 1_000_000;
    } else if (e instanceof MkvEvent.SegmentStart) {
      if (!sawEbmlHeader) {
        fatal(AckError.INVALID_MKV_DATA);
      }
    } else if (e instanceof MkvEvent.SegmentEnd) {
      finish();
    } else if (e instanceof MkvEvent.Info info) {
      timecodeScale = info.timecodeScaleNanos();
      headerId = -1;
    } else if (e instanceof MkvEvent.Tracks t) {
      onTracks(t.tracks());
    } else if (e instanceof MkvEvent.ClusterStart) {
      onClusterStart();
    } else if (e instanceof MkvEvent.ClusterTimecode tc) {
      onTimecode(tc.timecode());
    } else if (e instanceof MkvEvent.BlockEvent b) {
      onBlock(b);
    } else if (e instanceof MkvEvent.Tags t) {
      onTags(t.tags());
    }
  }

  private void onTracks(List<TrackInfo> t) throws Fatal {
    if (t.size() > config.maxTracks()) {
      fatal(AckError.MORE_THAN_ALLOWED_TRACKS_FOUND);
    }
    if (t.isEmpty()) {
      fatal(AckError.INVALID_MKV_DATA);
    }
    tracks = t;
    headerId = -1;
  }

  private void onClusterStart() throws Fatal, IOException, InterruptedException {
    finish();
    if (tracks == null) {
      fatal(AckError.INVALID_MKV_DATA); // a Cluster before the session's Tracks
    }
    Optional<VideoStreamCatalog.Stream> s = stream.get();
    if (s.isEmpty() || !(s.get().status().equals("ACTIVE") || s.get().status().equals("UPDATING"))) {
      fatal(AckError.STREAM_NOT_ACTIVE);
    }
    fragmentRate.acquire(1);
    open = new Open(clock.instant());
  }

  private void onTimecode(long timecode) throws Fatal, IOException {
    if (open == null || open.timecode >= 0) {
      fatal(AckError.INVALID_MKV_DATA);
    }
    open.timecode = timecode;
    open.timecodeMillis = ClusterFrames.toMillis(timecode, timecodeScale);
    open.producerMillis = spec.absolute() ? open.timecodeMillis
        : spec.producerStartMillis() + open.timecodeMillis;
    if (open.producerMillis < 0) {
      drop(AckError.INVALID_PRODUCER_TIMESTAMP);
      return;
    }
    if (lastProducerMillis != null && open.producerMillis <= lastProducerMillis) {
      drop(AckError.FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS);
      return;
    }
    open.number = store.reserve(spec.streamArn(), open.serverTimestamp);
    ack(Ack.Type.BUFFERING);
  }

  private void onBlock(MkvEvent.BlockEvent b) throws Fatal, InterruptedException {
    if (open == null || open.timecode < 0) {
      fatal(AckError.INVALID_MKV_DATA); // a block outside a Cluster or before its Timecode
    }
    if (open.dropped) {
      return;
    }
    long track = b.block().trackNumber();
    if (tracks.stream().noneMatch(t -> t.number() == track)) {
      drop(AckError.TRACK_NUMBER_MISMATCH);
      return;
    }
    byteRate.acquire(b.element().length);
    counters.incomingBytes.add(b.element().length);
    counters.incomingFrames.add(b.block().frames().size());
    open.bytes += b.element().length;
    if (open.bytes > config.maxFragmentBytes()) {
      drop(AckError.MAX_FRAGMENT_SIZE_REACHED);
      return;
    }
    long millis = ClusterFrames.toMillis(open.timecode + b.block().relativeTimecode(),
        timecodeScale);
    open.minMillis = Math.min(open.minMillis, millis);
    open.maxMillis = Math.max(open.maxMillis, millis);
    if (open.maxMillis - open.minMillis > config.maxFragmentDuration().toMillis()) {
      drop(AckError.MAX_FRAGMENT_DURATION_REACHED);
      return;
    }
    open.children.add(b.element());
    open.blocks++;
  }

  private void onTags(List<MkvEvent.SimpleTag> tags) throws IOException, Fatal {
    if (open == null) {
      return; // stream-level tags (ffmpeg's ENCODER, DURATION)
    }
    boolean end = false;
    for (MkvEvent.SimpleTag t : tags) {
      if (END_OF_FRAGMENT.equals(t.name())) {
        end = true;
      } else {
        open.tags.add(new SimpleImmutableEntry<>(t.name(), t.value() == null ? "" : t.value()));
      }
    }
    if (open.tags.size() > config.maxFragmentTags() && !open.dropped) {
      drop(AckError.FRAGMENT_METADATA_LIMIT_REACHED);
    }
    if (end) {
      finish();
    }
  }

  /** Completes the open fragment, if any: RECEIVED, stored, PERSISTED. */
  private void finish() throws IOException, Fatal {
    Open f = open;
    open = null;
    if (f == null || f.dropped || f.timecode < 0 || f.blocks == 0) {
      return; // dropped (its ERROR is out) or empty
    }
    ack(f, Ack.Type.RECEIVED);
    counters.incomingFragments.increment();
    if (headerId < 0) {
      headerId = store.header(spec.streamArn(), timecodeScale, tracks);
    }
    int retention = stream.get().map(VideoStreamCatalog.Stream::dataRetentionInHours).orElse(0);
    long span = f.maxMillis - f.minMillis;
    long duration = f.blocks > 1 ? span + span / (f.blocks - 1) : 0;
    NewFragment fragment = new NewFragment(Instant.ofEpochMilli(f.producerMillis),
        f.serverTimestamp, duration, headerId, List.copyOf(f.tags),
        Matroska.cluster(f.timecode, f.children));
    try {
      store.append(spec.streamArn(), f.number, fragment, retention);
    } catch (IOException e) {
      LOG.error("PutMedia {}: storing fragment {} failed", spec.streamArn(), f.number, e);
      sendError(Ack.error(AckError.INTERNAL_ERROR, f.timecodeMillis, f.number));
      throw new Fatal();
    }
    stored++;
    lastProducerMillis = f.producerMillis;
    if (retention > 0) {
      counters.persistedFragments.increment();
      ack(f, Ack.Type.PERSISTED);
    }
  }

  private void ack(Ack.Type type) {
    ack(open, type);
  }

  private void ack(Open f, Ack.Type type) {
    if (spec.acksRequired()) {
      acks.send(new Ack(type, f.timecodeMillis, f.number, null));
    }
  }

  /** An ERROR for the open fragment, whose further blocks are ignored. */
  private void drop(AckError error) throws Fatal {
    open.dropped = true;
    sendError(Ack.error(error, open.timecodeMillis, open.number));
    if (error.fatal()) {
      throw new Fatal();
    }
  }

  private void fatal(AckError error) throws Fatal {
    error(error);
    throw new Fatal();
  }

  private void error(AckError error) {
    Open f = open;
    sendError(f == null || f.timecode < 0 ? Ack.error(error, null, null)
        : Ack.error(error, f.timecodeMillis, f.number));
  }

  private void sendError(Ack ack) {
    counters.errorAcks.increment();
    acks.send(ack);
  }
}
