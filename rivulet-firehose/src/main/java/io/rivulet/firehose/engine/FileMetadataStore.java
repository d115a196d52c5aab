package io.rivulet.firehose.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Firehose state in a directory: {@code delivery-streams.json} (every delivery stream, one JSON
 * array, replaced atomically on every change) and {@code checkpoints/<log name>.json} (one per
 * buffer, replaced atomically after each delivery). A crash leaves each file old or new. Thread-safe
 * (saves are serialised here).
 */
public final class FileMetadataStore implements MetadataStore {
  static final String FILE = "delivery-streams.json";
  private final Path dir;
  private final ObjectMapper mapper =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private List<DeliveryStreamMeta> streams;

  public FileMetadataStore(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(FILE);
      this.streams = Files.exists(file)
          ? mapper.readValue(file.toFile(), new TypeReference<List<DeliveryStreamMeta>>() {})
          : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read Firehose metadata in " + dir, e);
    }
  }

  @Override
  public synchronized List<DeliveryStreamMeta> load() {
    return streams;
  }

  @Override
  public synchronized void save(Collection<DeliveryStreamMeta> next) {
    List<DeliveryStreamMeta> copy = new ArrayList<>(next);
    try {
      AtomicFiles.write(dir.resolve(FILE), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(copy));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save Firehose metadata in " + dir, e);
    }
    streams = List.copyOf(copy);
  }

  @Override
  public DeliveryCheckpoint loadCheckpoint(String logName) {
    Path file = checkpointFile(logName);
    try {
      return Files.exists(file) ? mapper.readValue(file.toFile(), DeliveryCheckpoint.class) : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void saveCheckpoint(String logName, DeliveryCheckpoint checkpoint) {
    Path file = checkpointFile(logName);
    try {
      AtomicFiles.write(file, mapper.writeValueAsBytes(checkpoint));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }

  @Override
  public void deleteCheckpoint(String logName) {
    Path file = checkpointFile(logName);
    try {
      AtomicFiles.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }

  private Path checkpointFile(String logName) {
    return dir.resolve("checkpoints").resolve(logName + ".json");
  }
}
