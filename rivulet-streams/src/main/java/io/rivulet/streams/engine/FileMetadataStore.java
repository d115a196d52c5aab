package io.rivulet.streams.engine;

import com.fasterxml.jackson.core.type.TypeReference;
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
import java.util.Collection;
import java.util.List;

/**
 * Control-plane state as one JSON snapshot file, {@code <dir>/streams.json}, replaced atomically on
 * every change: written to a temporary file, fsynced, renamed over the old one, and the directory
 * fsynced. A crash leaves either the old or the new file. Thread-safe (callers serialise saves).
 */
public final class FileMetadataStore implements MetadataStore {
  private static final String FILE = "streams.json";
  private final Path dir;
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public FileMetadataStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(dir.resolve(FILE + ".tmp"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<StreamMeta> load() {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return mapper.readValue(file.toFile(), new TypeReference<List<StreamMeta>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public synchronized void save(Collection<StreamMeta> streams) {
    Path tmp = dir.resolve(FILE + ".tmp");
    try {
      byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(streams));
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
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
      }
      fsyncDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save stream metadata in " + dir, e);
    }
  }

  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
