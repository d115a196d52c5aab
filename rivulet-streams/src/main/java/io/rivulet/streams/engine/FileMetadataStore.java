package io.rivulet.streams.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Control-plane state as one JSON snapshot file, {@code <dir>/streams.json}, replaced atomically on
 * every change: written to a temporary file, fsynced, renamed over the old one, and the directory
 * fsynced. A crash leaves either the old or the new file. Thread-safe (saves are serialised here).
 *
 * <p>The file is a {@link Snapshot} object ({@code {"version":2,"streams":[…],"accounts":{…}}});
 * a file of the first release, a bare array of streams, still loads (with no account settings). The
 * store keeps the last saved half of the snapshot that a save does not replace.
 */
public final class FileMetadataStore implements MetadataStore {
  private static final String FILE = "streams.json";
  private final Path dir;
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private List<StreamMeta> streams;
  private Map<String, AccountSettings> accounts;

  /** What {@code streams.json} holds. */
  record Snapshot(int version, List<StreamMeta> streams, Map<String, AccountSettings> accounts) {}

  public FileMetadataStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(FILE + ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Snapshot s = read();
    this.streams = s.streams() == null ? List.of() : s.streams();
    this.accounts = s.accounts() == null ? Map.of() : s.accounts();
  }

  private Snapshot read() {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return new Snapshot(2, List.of(), Map.of());
    }
    try {
      JsonNode root = mapper.readTree(file.toFile());
      if (root.isArray()) { // first release: the streams alone
        return new Snapshot(1, mapper.convertValue(root, new TypeReference<List<StreamMeta>>() {}),
            Map.of());
      }
      return mapper.treeToValue(root, Snapshot.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new UncheckedIOException("cannot read " + file,
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  @Override
  public synchronized List<StreamMeta> load() {
    return streams;
  }

  @Override
  public synchronized Map<String, AccountSettings> loadAccounts() {
    return accounts;
  }

  @Override
  public synchronized void save(Collection<StreamMeta> next) {
    write(new Snapshot(2, new ArrayList<>(next), accounts));
    streams = List.copyOf(next);
  }

  @Override
  public synchronized void saveAccounts(Map<String, AccountSettings> next) {
    write(new Snapshot(2, streams, new TreeMap<>(next)));
    accounts = Map.copyOf(next);
  }

  private void write(Snapshot snapshot) {
    try {
      writeAtomically(dir, FILE, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save stream metadata in " + dir, e);
    }
  }

  /**
   * Replaces {@code dir/name} with {@code bytes} so that a crash leaves the old or the new file:
   * a temporary file, fsynced, renamed over it, the directory fsynced.
   */
  static void writeAtomically(Path dir, String name, byte[] bytes) throws IOException {
    Path tmp = dir.resolve(name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
    fsyncDirectory(dir);
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
