package io.rivulet.video.control;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's durable records: one JSON file per resource, {@code
 * <dir>/<account>/<region>/<kind>-<name>.json} (the prefix keeps names such as {@code ..} safe),
 * replaced atomically (written to {@code .tmp}, fsynced, renamed, directory fsynced), so a crash
 * leaves the old or the new record (stream processors keep theirs here too). Without a directory
 * nothing is written. A file that does not
 * parse is reported and skipped at load. Thread-safe if callers serialise writes of one resource.
 */
public final class MetaFiles {
  private static final Logger log = LoggerFactory.getLogger(MetaFiles.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir; // null: in memory

  public MetaFiles(Path dir) {
    this.dir = dir;
  }

  /** Every record of a kind ({@code stream}, {@code channel}) read back as {@code type}. */
  public <T> List<T> load(String kind, Class<T> type) {
    List<T> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir, 3)) {
      for (Path f : files.filter(p -> isRecord(p, kind)).sorted().toList()) {
        try {
          out.add(JSON.readValue(f.toFile(), type));
        } catch (IOException e) {
          log.warn("skipping unreadable video metadata file {}: {}", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read video metadata under " + dir, e);
    }
    return out;
  }

  private static boolean isRecord(Path p, String kind) {
    String n = p.getFileName().toString();
    return n.startsWith(kind + "-") && n.endsWith(".json") && Files.isRegularFile(p);
  }

  /** Replaces the record durably. */
  public void write(String account, String region, String kind, String name, Object record) {
    if (dir == null) {
      return;
    }
    Path file = file(account, region, kind, name);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(record));
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(file.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Deletes the record durably (nothing if absent). */
  public void delete(String account, String region, String kind, String name) {
    if (dir == null) {
      return;
    }
    Path file = file(account, region, kind, name);
    try {
      if (Files.deleteIfExists(file)) {
        forceDirectory(file.getParent());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  private Path file(String account, String region, String kind, String name) {
    return dir.resolve(account).resolve(region).resolve(kind + "-" + name + ".json");
  }

  private static void forceDirectory(Path d) throws IOException {
    try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
