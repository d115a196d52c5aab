package io.rivulet.video.store;

import io.rivulet.log.FsyncPolicy;
import io.rivulet.video.mkv.ClusterFrames;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link FragmentStore}: one {@link StreamLog} directory per stream ARN under the
 * root ({@code <data-dir>/video/fragments}), recovered on open. Acknowledgement contract: with
 * fsync policy {@code group}, {@link #append} returns only after the fragment's record is forced
 * to disk (PutMedia's PERSISTED follows it); with {@code interval:<ms>} the record is forced
 * within the interval, with {@code never} when the OS writes it. Fragments of streams with
 * retention 0 are never written: the newest {@link Config#liveFragments} of them stay in memory
 * for live readers. A background thread drops whole segments past the stream's retention (asked
 * of the {@link RetentionSource}). Thread-safe.
 */
public final class FileFragmentStore implements WritableFragmentStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileFragmentStore.class);

  /** The stream's current DataRetentionInHours, empty if the stream is gone or unknown. */
  @FunctionalInterface
  public interface RetentionSource {
    OptionalInt retentionHours(String streamArn);
  }

  /**
   * Tuning: segment roll size and age, live (retention 0) fragments kept per stream, and how
   * often retention is enforced.
   */
  public record Config(long maxSegmentBytes, Duration maxSegmentAge, int liveFragments,
      Duration retentionCheck) {
    public static Config defaults() {
      return new Config(256L << 20, Duration.ofMinutes(10), 32, Duration.ofMinutes(1));
    }
  }

  private final Path root;
  private final FsyncPolicy fsync;
  private final Clock clock;
  private final Config config;
  private final RetentionSource retention;
  private final Map<String, StreamLog> logs = new ConcurrentHashMap<>();
  private final Map<String, Deque<Fragment>> live = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<FragmentInfo>>> subscribers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService background;

  private FileFragmentStore(Path root, FsyncPolicy fsync, Clock clock, Config config,
      RetentionSource retention) {
    this.root = root;
    this.fsync = fsync;
    this.clock = clock;
    this.config = config;
    this.retention = retention;
    this.background = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "video-fragment-store");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens the store under {@code root}, recovering every stream's files. */
  public static FileFragmentStore open(Path root, FsyncPolicy fsync, Clock clock, Config config,
      RetentionSource retention) throws IOException {
    Files.createDirectories(root);
    FileFragmentStore store = new FileFragmentStore(root, fsync, clock, config, retention);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String arn = StreamLog.arnOf(dir);
        if (arn != null) {
          store.logs.put(arn, StreamLog.open(arn, dir));
        }
      }
    }
    long check = config.retentionCheck().toMillis();
    store.background.scheduleWithFixedDelay(store::enforceRetentionQuietly, check, check,
        TimeUnit.MILLISECONDS);
    if (fsync.kind() == FsyncPolicy.Kind.INTERVAL) {
      long every = Math.max(1, fsync.interval().toMillis());
      store.background.scheduleWithFixedDelay(store::flushQuietly, every, every,
          TimeUnit.MILLISECONDS);
    }
    return store;
  }

  @Override
  public long header(String streamArn, long timecodeScaleNanos, List<TrackInfo> tracks)
      throws IOException {
    return log(streamArn).header(timecodeScaleNanos, tracks);
  }

  @Override
  public boolean durableOnAppend() {
    return fsync.kind() == FsyncPolicy.Kind.GROUP;
  }

  @Override
  public String reserve(String streamArn, Instant serverTimestamp) throws IOException {
    StreamLog log = log(streamArn);
    log.lock().lock();
    try {
      return FragmentNumbers.format(log.prefix,
          log.nextSequenceLocked(serverTimestamp.toEpochMilli() * 1000));
    } finally {
      log.lock().unlock();
    }
  }

  @Override
  public FragmentInfo append(String streamArn, String fragmentNumber, NewFragment f,
      int retentionHours) throws IOException {
    StreamLog log = log(streamArn);
    long seq = FragmentNumbers.sequence(log.prefix, fragmentNumber);
    if (seq < 0) {
      throw new IllegalArgumentException(fragmentNumber + " is not a fragment number of "
          + streamArn);
    }
    FragmentInfo info;
    log.lock().lock();
    try {
      if (retentionHours > 0) {
        info = log.appendLocked(seq, f, durableOnAppend(), config.maxSegmentBytes(),
            config.maxSegmentAge().toMillis(), clock.millis()).info();
      } else {
        info = new FragmentInfo(streamArn, fragmentNumber, f.producerTimestamp(),
            f.serverTimestamp(), f.durationMillis(), f.cluster().length, f.headerId());
        keepLive(streamArn, log, info, f);
      }
    } finally {
      log.lock().unlock();
    }
    notifySubscribers(streamArn, info);
    return info;
  }

  private void keepLive(String arn, StreamLog log, FragmentInfo info, NewFragment f)
      throws IOException {
    StreamHeader header = log.headerById(f.headerId());
    Fragment fragment = new Fragment(info, header,
        ClusterFrames.parse(f.cluster(), header.timecodeScaleNanos()), List.copyOf(f.tags()),
        f.cluster());
    Deque<Fragment> q = live.computeIfAbsent(arn, k -> new ArrayDeque<>());
    synchronized (q) {
      q.addLast(fragment);
      while (q.size() > config.liveFragments()) {
        q.removeFirst();
      }
    }
  }

  private void notifySubscribers(String arn, FragmentInfo info) {
    for (Consumer<FragmentInfo> c : subscribers.getOrDefault(arn, List.of())) {
      try {
        c.accept(info);
      } catch (RuntimeException e) {
        LOG.warn("fragment subscriber failed", e);
      }
    }
  }

  @Override
  public List<FragmentInfo> list(String streamArn, TimestampKind kind, Instant from, Instant to,
      String afterFragmentNumber, int limit) {
    StreamLog log = logs.get(streamArn);
    List<FragmentInfo> out = new ArrayList<>();
    if (log == null || limit <= 0) {
      return out;
    }
    long after = afterFragmentNumber == null ? -1
        : FragmentNumbers.sequence(log.prefix, afterFragmentNumber);
    for (StreamLog.Entry e : log.index().tailMap(after, false).values()) {
      Instant t = kind == TimestampKind.SERVER_TIMESTAMP ? e.info().serverTimestamp()
          : e.info().producerTimestamp();
      if ((from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to))) {
        out.add(e.info());
        if (out.size() >= limit) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public Optional<FragmentInfo> find(String streamArn, String fragmentNumber) {
    StreamLog log = logs.get(streamArn);
    if (log == null) {
      return Optional.empty();
    }
    long seq = FragmentNumbers.sequence(log.prefix, fragmentNumber);
    StreamLog.Entry e = seq < 0 ? null : log.index().get(seq);
    if (e != null) {
      return Optional.of(e.info());
    }
    return liveFragment(streamArn, fragmentNumber).map(Fragment::info);
  }

  @Override
  public Optional<FragmentInfo> latest(String streamArn) {
    StreamLog log = logs.get(streamArn);
    FragmentInfo stored = null;
    if (log != null) {
      var last = log.index().lastEntry();
      stored = last == null ? null : last.getValue().info();
    }
    FragmentInfo transientOne = null;
    Deque<Fragment> q = live.get(streamArn);
    if (q != null) {
      synchronized (q) {
        transientOne = q.isEmpty() ? null : q.peekLast().info();
      }
    }
    if (stored == null || (transientOne != null
        && transientOne.fragmentNumber().compareTo(stored.fragmentNumber()) > 0)) {
      return Optional.ofNullable(transientOne);
    }
    return Optional.of(stored);
  }

  @Override
  public Fragment read(String streamArn, String fragmentNumber) throws IOException {
    StreamLog log = logs.get(streamArn);
    long seq = log == null ? -1 : FragmentNumbers.sequence(log.prefix, fragmentNumber);
    StreamLog.Entry e = seq < 0 ? null : log.index().get(seq);
    if (e == null) {
      return liveFragment(streamArn, fragmentNumber).orElseThrow(() ->
          new FileNotFoundException("fragment " + fragmentNumber + " not found"));
    }
    byte[] body = log.readBody(e);
    Records.Payload p = Records.readPayload(body);
    StreamHeader header = log.headerById(e.info().headerId());
    if (header == null) {
      throw new IOException("fragment " + fragmentNumber + " refers to a missing header");
    }
    return new Fragment(e.info(), header,
        ClusterFrames.parse(p.cluster(), header.timecodeScaleNanos()), p.tags(), p.cluster());
  }

  private Optional<Fragment> liveFragment(String arn, String number) {
    Deque<Fragment> q = live.get(arn);
    if (q == null) {
      return Optional.empty();
    }
    synchronized (q) {
      return q.stream().filter(f -> f.info().fragmentNumber().equals(number)).findFirst();
    }
  }

  @Override
  public Subscription subscribe(String streamArn, Consumer<FragmentInfo> onPersisted) {
    List<Consumer<FragmentInfo>> list =
        subscribers.computeIfAbsent(streamArn, k -> new CopyOnWriteArrayList<>());
    list.add(onPersisted);
    return () -> list.remove(onPersisted);
  }

  @Override
  public void deleteStream(String streamArn) throws IOException {
    StreamLog log = logs.remove(streamArn);
    live.remove(streamArn);
    if (log != null) {
      log.close();
      log.deleteFiles();
    }
  }

  /**
   * A stream's DataRetentionInHours from the control plane's catalog (empty once the stream is
   * gone), the ARN giving account and region.
   */
  public static OptionalInt retentionOf(io.rivulet.video.VideoStreamCatalog catalog,
      String streamArn) {
    String[] parts = streamArn.split(":", 6);
    if (parts.length < 6) {
      return OptionalInt.empty();
    }
    return catalog.find(parts[4], parts[3], null, streamArn)
        .map(s -> OptionalInt.of(s.dataRetentionInHours())).orElse(OptionalInt.empty());
  }

  /** Drops the segments past each stream's retention now; returns fragments dropped. */
  public int enforceRetention() throws IOException {
    int dropped = 0;
    long now = clock.millis();
    for (StreamLog log : logs.values()) {
      OptionalInt hours = retention.retentionHours(log.arn);
      if (hours.isPresent()) {
        dropped += log.dropOlderThan(now - Duration.ofHours(hours.getAsInt()).toMillis(), now);
      }
    }
    return dropped;
  }

  private void enforceRetentionQuietly() {
    try {
      enforceRetention();
    } catch (IOException | RuntimeException e) {
      LOG.warn("retention check failed", e);
    }
  }

  private void flushQuietly() {
    for (StreamLog log : logs.values()) {
      try {
        log.flushIfDirty();
      } catch (IOException | RuntimeException e) {
        LOG.warn("interval fsync failed for {}", log.arn, e);
      }
    }
  }

  /** The segment files of a stream, oldest first (for tests and diagnostics). */
  public List<Path> segmentFiles(String streamArn) {
    StreamLog log = logs.get(streamArn);
    return log == null ? List.of() : log.segmentFiles();
  }

  private StreamLog log(String arn) throws IOException {
    StreamLog log = logs.get(arn);
    if (log != null) {
      return log;
    }
    synchronized (logs) {
      log = logs.get(arn);
      if (log == null) {
        log = StreamLog.open(arn, root.resolve(directoryName(arn)));
        logs.put(arn, log);
      }
      return log;
    }
  }

  /** {@code <name>-<creationMillis>-<12 hex digits of the ARN's SHA-256>}. */
  static String directoryName(String arn) {
    String tail = arn.substring(arn.indexOf("stream/") < 0 ? 0 : arn.indexOf("stream/") + 7)
        .replaceAll("[^A-Za-z0-9._-]", "-");
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(arn.getBytes(StandardCharsets.UTF_8));
      return tail + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    background.shutdown(); // no interrupt: it would close a channel inside force()
    try {
      background.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    IOException first = null;
    for (StreamLog log : logs.values()) {
      try {
        log.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
