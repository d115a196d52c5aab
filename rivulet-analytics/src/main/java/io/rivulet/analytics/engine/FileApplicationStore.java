package io.rivulet.analytics.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applications as files: {@code <dir>/<account>/<region>/<name>.json}, each the whole {@link
 * ApplicationHistory} of one application, written to a temporary file, fsynced and renamed over
 * the old one, so a crash leaves each file old or new. Thread-safe (saves are serialised here).
 */
public final class FileApplicationStore implements ApplicationStore {
  private static final Logger log = LoggerFactory.getLogger(FileApplicationStore.class);
  private final Path dir;
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  public FileApplicationStore(Path dir) {
    this.dir = dir;
  }

  @Override
  public synchronized Collection<ApplicationHistory> load() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<ApplicationHistory> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir, 3)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        try {
          out.add(mapper.readValue(f.toFile(), ApplicationHistory.class));
        } catch (IOException e) {
          log.error("cannot read the application in {}: {}; it is left out", f, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list applications in " + dir, e);
    }
    return out;
  }

  @Override
  public synchronized void save(ApplicationHistory history) {
    Path file = file(history.current());
    try {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(history));
      try (var ch = java.nio.channels.FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }

  @Override
  public synchronized void delete(Application application) {
    try {
      Files.deleteIfExists(file(application));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file(application), e);
    }
  }

  private Path file(Application a) {
    return dir.resolve(a.account()).resolve(a.region()).resolve(a.name() + ".json");
  }
}
