package io.rivulet.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a log directory and brings it to a consistent state. The rules:
 *
 * <ol>
 *   <li>If the clean-shutdown marker {@value #CLEAN_MARKER} (written by a successful {@code
 *       close()}) is present, it is deleted (and the deletion forced) and every segment is trusted:
 *       its index files are loaded if consistent, and only the batches after the last index entry
 *       are scanned (headers, not CRCs) to find the segment's end.
 *   <li>Otherwise the last segment is validated batch by batch from its start (header, offset
 *       continuity, CRC32C, record structure) and its indexes are rebuilt; earlier segments were
 *       forced and sealed when they were rolled, so they are treated as in rule 1.
 *   <li>Recovery truncates at the first invalid batch (partial header, bad magic, impossible
 *       length, partial batch, offset discontinuity, bad CRC) and deletes every later segment.
 *       Everything cut is counted in the {@link RecoveryReport} and logged as one WARN line.
 *   <li>The start offset is the larger of the checkpointed one ({@link Checkpoint}) and the first
 *       segment's base. If no segment is left, or all of them lie below the start offset, they are
 *       replaced by one empty segment at the start offset, so offsets never go backwards.
 * </ol>
 *
 * <p>Not thread-safe; runs before the log is published.
 */
final class LogRecovery {
  static final String CLEAN_MARKER = ".clean-shutdown";
  private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);
  private static final Pattern SEGMENT = Pattern.compile("(\\d{20})\\.log");

  /** The recovered segments (oldest first, never empty), start offset and report. */
  record Result(List<Segment> segments, long startOffset, RecoveryReport report) {}

  private final String name;
  private final Path dir;
  private final ChannelOpener opener;
  private final int indexInterval;
  private long droppedBytes;
  private final List<String> reasons = new ArrayList<>();

  LogRecovery(String name, Path dir, ChannelOpener opener, int indexInterval) {
    this.name = name;
    this.dir = dir;
    this.opener = opener;
    this.indexInterval = indexInterval;
  }

  Result run() throws IOException {
    boolean clean = Files.deleteIfExists(dir.resolve(CLEAN_MARKER));
    if (clean) {
      Dirs.force(dir);
    }
    long checkpoint = Checkpoint.read(dir);
    List<Long> bases = listSegmentsAndCleanUp();
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < bases.size(); i++) {
      long base = bases.get(i);
      if (!segments.isEmpty() && base != last(segments).nextOffset()) {
        drop(bases.subList(i, bases.size()), "segment " + Segment.fileName(base)
            + " does not start at the previous segment's end " + last(segments).nextOffset());
        break;
      }
      Segment segment = Segment.open(dir, base, opener, indexInterval);
      boolean full = !clean && i == bases.size() - 1;
      Segment.Recovered r = segment.recover(full, !full);
      segments.add(segment);
      if (r.indexChanged() && i < bases.size() - 1) {
        segment.writeIndexFiles();
      }
      if (r.droppedBytes() > 0) {
        droppedBytes += r.droppedBytes();
        reasons.add(segment.logPath().getFileName() + ": " + r.reason());
        drop(bases.subList(i + 1, bases.size()), "follows a truncated segment");
        break;
      }
    }
    long start = Math.max(checkpoint, segments.isEmpty() ? 0 : segments.get(0).baseOffset);
    if (segments.isEmpty() || last(segments).nextOffset() < start) {
      for (Segment s : segments) {
        s.deleteFiles();
      }
      segments.clear();
      segments.add(Segment.create(dir, start, opener, indexInterval));
      Dirs.force(dir);
    }
    long end = last(segments).nextOffset();
    String reason = String.join("; ", reasons);
    RecoveryReport report = new RecoveryReport(name, end, droppedBytes, reason);
    if (droppedBytes > 0) {
      LOG.warn("log {} recovery dropped {} bytes, recovered end offset {}: {}",
          name, droppedBytes, end, reason);
    }
    return new Result(segments, Math.min(start, end), report);
  }

  private static Segment last(List<Segment> segments) {
    return segments.get(segments.size() - 1);
  }

  private void drop(List<Long> bases, String why) throws IOException {
    for (long base : bases) {
      Path path = dir.resolve(Segment.fileName(base) + Segment.LOG_SUFFIX);
      long size = Files.size(path);
      droppedBytes += size;
      reasons.add(path.getFileName() + " (" + size + " bytes) deleted: " + why);
      Files.delete(path);
      Files.deleteIfExists(dir.resolve(Segment.fileName(base) + Segment.INDEX_SUFFIX));
      Files.deleteIfExists(dir.resolve(Segment.fileName(base) + Segment.TIME_INDEX_SUFFIX));
    }
    if (!bases.isEmpty()) {
      Dirs.force(dir);
    }
  }

  /** Sorted base offsets of the segment files; deletes temporary files and orphaned indexes. */
  private List<Long> listSegmentsAndCleanUp() throws IOException {
    List<Long> bases = new ArrayList<>();
    List<Path> others = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        Matcher m = SEGMENT.matcher(p.getFileName().toString());
        if (m.matches()) {
          bases.add(Long.parseLong(m.group(1)));
        } else {
          others.add(p);
        }
      }
    }
    for (Path p : others) {
      String file = p.getFileName().toString();
      boolean orphanIndex = (file.endsWith(Segment.INDEX_SUFFIX) || file.endsWith(Segment.TIME_INDEX_SUFFIX))
          && !Files.exists(dir.resolve(file.substring(0, file.indexOf('.')) + Segment.LOG_SUFFIX));
      if (file.endsWith(".tmp") || orphanIndex) {
        Files.delete(p);
      }
    }
    bases.sort(null);
    return bases;
  }
}
