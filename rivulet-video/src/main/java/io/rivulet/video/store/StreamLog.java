package io.rivulet.video.store;

import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.StreamHeader;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import io.rivulet.video.store.WritableFragmentStore.NewFragment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream's fragments on disk: a directory holding {@code arn} (the stream ARN),
 * {@code headers.dat} (session headers) and segment files {@code <20-digit first sequence>.frag}
 * of fragment records (layouts in {@link Records}), appended only. The index (sequence to file
 * position and metadata) lives in memory and is rebuilt from the files on open; a torn or corrupt
 * tail of the last segment or of the header file is cut off and reported. Retention deletes whole
 * segments. Thread-safe: reads are lock-free, writes hold the log's lock.
 */
final class StreamLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamLog.class);
  static final String SUFFIX = ".frag";

  /** Where a fragment lives. */
  record Entry(FragmentInfo info, long sequence, long segmentBase, long position,
      int recordLength) {}

  private static final class Segment {
    final long base;
    final Path path;
    final FileChannel channel;
    long size;
    long newestServerMillis = Long.MIN_VALUE;
    final long createdMillis;
    boolean sealed;

    Segment(long base, Path path, FileChannel channel, long size, long createdMillis) {
      this.base = base;
      this.path = path;
      this.channel = channel;
      this.size = size;
      this.createdMillis = createdMillis;
    }
  }

  final String arn;
  final String prefix;
  private final Path dir;
  private final ConcurrentSkipListMap<Long, Entry> index = new ConcurrentSkipListMap<>();
  private final Map<Long, StreamHeader> headers = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
  private final ReentrantLock lock = new ReentrantLock();
  private FileChannel headerFile;
  private long lastSequence = -1;
  private volatile boolean dirty;

  private StreamLog(String arn, Path dir) {
    this.arn = arn;
    this.prefix = FragmentNumbers.prefix(arn);
    this.dir = dir;
  }

  /** Opens (creating if needed) and recovers the log in {@code dir}. */
  static StreamLog open(String arn, Path dir) throws IOException {
    boolean created = !Files.exists(dir);
    Files.createDirectories(dir);
    Path arnFile = dir.resolve("arn");
    if (!Files.exists(arnFile)) {
      Files.writeString(arnFile, arn, StandardCharsets.UTF_8);
      forceDirectory(dir);
      if (created) {
        forceDirectory(dir.getParent());
      }
    }
    StreamLog log = new StreamLog(arn, dir);
    log.recover();
    return log;
  }

  /** The ARN stored in a log directory, or null. */
  static String arnOf(Path dir) throws IOException {
    Path arnFile = dir.resolve("arn");
    return Files.exists(arnFile) ? Files.readString(arnFile, StandardCharsets.UTF_8).trim() : null;
  }

  private void recover() throws IOException {
    headerFile = FileChannel.open(dir.resolve("headers.dat"), StandardOpenOption.CREATE,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    long good = scan(headerFile, Records.HEADER_MAGIC, true, (pos, body, length) -> {
      StreamHeader h = Records.readHeader(body);
      headers.put(h.id(), h);
    });
    truncate(headerFile, good, "headers.dat");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (int i = 0; i < files.size(); i++) {
      recoverSegment(files.get(i), i == files.size() - 1);
    }
  }

  private void recoverSegment(Path path, boolean last) throws IOException {
    String name = path.getFileName().toString();
    long base = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    Segment seg = new Segment(base, path, ch, 0, Files.getLastModifiedTime(path).toMillis());
    long good = scan(ch, Records.FRAGMENT_MAGIC, last, (pos, body, length) -> {
      ByteBuffer b = ByteBuffer.wrap(body);
      long seq = b.getLong();
      FragmentInfo info = new FragmentInfo(arn, FragmentNumbers.format(prefix, seq),
          Instant.ofEpochMilli(b.getLong()), Instant.ofEpochMilli(b.getLong()), b.getLong(),
          length, b.getLong());
      index.put(seq, new Entry(info, seq, base, pos, Records.FRAME + length));
      seg.newestServerMillis = Math.max(seg.newestServerMillis,
          info.serverTimestamp().toEpochMilli());
      lastSequence = Math.max(lastSequence, seq);
    });
    truncate(ch, good, name);
    seg.size = good;
    seg.sealed = !last;
    segments.put(base, seg);
    lastSequence = Math.max(lastSequence, base - 1);
  }

  private interface RecordVisitor {
    void visit(long position, byte[] body, int bodyLength) throws IOException;
  }

  /**
   * Visits the records of a file from the start and returns the offset after the last good one.
   * With {@code verify} the body's CRC is checked; otherwise only its fixed part is read.
   */
  private static long scan(FileChannel ch, int magic, boolean verify, RecordVisitor visitor)
      throws IOException {
    long size = ch.size();
    long pos = 0;
    ByteBuffer frame = ByteBuffer.allocate(Records.FRAME);
    while (pos + Records.FRAME <= size) {
      frame.clear();
      readFully(ch, frame, pos);
      frame.flip();
      Records.Frame f = Records.Frame.of(frame);
      if (f.magic() != magic || f.length() < 0 || pos + Records.FRAME + f.length() > size) {
        break;
      }
      int want = verify || magic == Records.HEADER_MAGIC ? f.length()
          : Math.min(f.length(), Records.FIXED);
      ByteBuffer body = ByteBuffer.allocate(want);
      readFully(ch, body, pos + Records.FRAME);
      if (verify && Records.crc(body.array(), 0, want) != f.crc()) {
        break;
      }
      try {
        visitor.visit(pos, body.array(), f.length());
      } catch (IOException | RuntimeException e) {
        break;
      }
      pos += Records.FRAME + f.length();
    }
    return pos;
  }

  private static void truncate(FileChannel ch, long good, String name) throws IOException {
    long size = ch.size();
    if (size > good) {
      LOG.warn("recovery: dropped {} bytes of a torn or corrupt tail of {}", size - good, name);
      ch.truncate(good);
      ch.force(true);
    }
  }

  /** The id of an equal stored header, or of a new one written and forced now. */
  long header(long timecodeScaleNanos, List<TrackInfo> tracks) throws IOException {
    lock.lock();
    try {
      long max = 0;
      for (StreamHeader h : headers.values()) {
        if (h.timecodeScaleNanos() == timecodeScaleNanos && sameTracks(h.tracks(), tracks)) {
          return h.id();
        }
        max = Math.max(max, h.id());
      }
      StreamHeader h = new StreamHeader(max + 1, timecodeScaleNanos, List.copyOf(tracks));
      byte[] record = Records.header(h);
      writeFully(headerFile, ByteBuffer.wrap(record), headerFile.size());
      headerFile.force(false);
      headers.put(h.id(), h);
      return h.id();
    } finally {
      lock.unlock();
    }
  }

  private static boolean sameTracks(List<TrackInfo> a, List<TrackInfo> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      TrackInfo x = a.get(i);
      TrackInfo y = b.get(i);
      if (x.number() != y.number() || x.type() != y.type() || !x.codecId().equals(y.codecId())
          || !Arrays.equals(x.codecPrivate(), y.codecPrivate())
          || !String.valueOf(x.name()).equals(String.valueOf(y.name()))
          || x.pixelWidth() != y.pixelWidth() || x.pixelHeight() != y.pixelHeight()) {
        return false;
      }
    }
    return true;
  }

  StreamHeader headerById(long id) {
    return headers.get(id);
  }

  /**
   * A new sequence: above every one given out, and at least {@code floor}. Appends may come in
   * another order (concurrent sessions), so a segment's name is only a lower bound of the
   * sequences in it when it was created; entries know their segment.
   */
  long nextSequenceLocked(long floor) {
    lastSequence = Math.max(lastSequence + 1, floor);
    return lastSequence;
  }

  ReentrantLock lock() {
    return lock;
  }

  /**
   * Writes one fragment record (the caller holds {@link #lock()} and chose {@code seq}); forces
   * it when {@code force}. Rolls to a new segment first when the active one is full or old.
   */
  Entry appendLocked(long seq, NewFragment f, boolean force, long maxSegmentBytes,
      long maxSegmentAgeMillis, long nowMillis) throws IOException {
    Segment seg = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (seg == null || seg.sealed || seg.size >= maxSegmentBytes
        || (seg.size > 0 && nowMillis - seg.createdMillis >= maxSegmentAgeMillis)) {
      seg = roll(seq, nowMillis);
    }
    byte[] record = Records.fragment(seq, f);
    writeFully(seg.channel, ByteBuffer.wrap(record), seg.size);
    if (force) {
      seg.channel.force(false);
    } else {
      dirty = true;
    }
    FragmentInfo info = new FragmentInfo(arn, FragmentNumbers.format(prefix, seq),
        f.producerTimestamp(), f.serverTimestamp(), f.durationMillis(),
        record.length - Records.FRAME, f.headerId());
    Entry e = new Entry(info, seq, seg.base, seg.size, record.length);
    seg.size += record.length;
    seg.newestServerMillis = Math.max(seg.newestServerMillis, f.serverTimestamp().toEpochMilli());
    index.put(seq, e);
    return e;
  }

  private Segment roll(long base, long nowMillis) throws IOException {
    if (!segments.isEmpty()) {
      Segment last = segments.lastEntry().getValue();
      if (dirty && last.size > 0) {
        last.channel.force(false); // the interval flusher only forces the active segment
      }
      last.sealed = true;
      if (last.size == 0 && last.base <= base) {
        segments.remove(last.base);
        last.channel.close();
        Files.deleteIfExists(last.path);
      }
    }
    if (!segments.isEmpty()) { // names increase, whatever order sequences come in
      base = Math.max(base, segments.lastKey() + 1);
    }
    Path path = dir.resolve(String.format("%020d%s", base, SUFFIX));
    FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    forceDirectory(dir);
    Segment seg = new Segment(base, path, ch, ch.size(), nowMillis);
    segments.put(base, seg);
    return seg;
  }

  /** Forces written data if an append left it unforced (interval fsync). */
  void flushIfDirty() throws IOException {
    lock.lock();
    try {
      if (dirty && !segments.isEmpty()) {
        segments.lastEntry().getValue().channel.force(false);
      }
      dirty = false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Deletes the segments whose newest fragment is older than {@code cutoffMillis}; the active
   * one too, leaving an empty segment named by the next sequence so numbering survives restarts.
   * Returns how many fragments were dropped.
   */
  int dropOlderThan(long cutoffMillis, long nowMillis) throws IOException {
    lock.lock();
    try {
      int dropped = 0;
      for (Segment s : List.copyOf(segments.values())) {
        if (s.size == 0 || s.newestServerMillis >= cutoffMillis) {
          continue;
        }
        boolean active = s == segments.lastEntry().getValue();
        if (active) {
          roll(lastSequence + 1, nowMillis);
        }
        int before = index.size();
        index.values().removeIf(e -> e.segmentBase() == s.base);
        dropped += before - index.size();
        segments.remove(s.base);
        s.channel.close();
        Files.deleteIfExists(s.path);
      }
      if (dropped > 0) {
        forceDirectory(dir);
      }
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** The record body of an indexed fragment, CRC-checked. */
  byte[] readBody(Entry e) throws IOException {
    Segment seg = segments.get(e.segmentBase());
    if (seg == null) {
      throw new java.io.FileNotFoundException("fragment " + e.info().fragmentNumber()
          + " is no longer stored");
    }
    ByteBuffer b = ByteBuffer.allocate(e.recordLength());
    readFully(seg.channel, b, e.position());
    b.flip();
    Records.Frame f = Records.Frame.of(b);
    byte[] body = new byte[b.remaining()];
    b.get(body);
    if (f.magic() != Records.FRAGMENT_MAGIC || f.length() != body.length
        || Records.crc(body, 0, body.length) != f.crc()) {
      throw new IOException("fragment " + e.info().fragmentNumber() + " is corrupt on disk");
    }
    return body;
  }

  ConcurrentSkipListMap<Long, Entry> index() {
    return index;
  }

  List<Path> segmentFiles() {
    List<Path> out = new ArrayList<>();
    segments.values().forEach(s -> out.add(s.path));
    return out;
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      for (Segment s : segments.values()) {
        s.channel.force(false);
        s.channel.close();
      }
      headerFile.close();
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the directory and everything in it (the log must be closed). */
  void deleteFiles() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Files.deleteIfExists(dir);
  }

  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot open or force a directory; the files themselves are forced
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, pos + b.position());
      if (n < 0) {
        throw new IOException("unexpected end of file");
      }
    }
  }

  private static void writeFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b, pos + b.position());
    }
  }
}
