package io.rivulet.analytics.flink;

import io.rivulet.analytics.runtime.RuntimeFailure;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The snapshot directories savepoints go to, for both Flink runtimes (2.x and 1.x): made before a
 * savepoint, and the location Flink reports turned back into a local path. Stateless.
 */
public final class SavepointPaths {
  private SavepointPaths() {}

  /** Creates the snapshot directory (and its parents). */
  public static void createDirectories(Path directory) throws RuntimeFailure {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new RuntimeFailure("could not create the snapshot directory " + directory, e);
    }
  }

  /** A savepoint location as Flink reports it ("file:/..."), as a local path. */
  public static Path localPath(String location) throws RuntimeFailure {
    URI uri = URI.create(location);
    if (uri.getScheme() == null) {
      return Path.of(location);
    }
    if (!"file".equals(uri.getScheme())) {
      throw new RuntimeFailure("the savepoint was written to " + location
          + ", which is not a local directory");
    }
    return Path.of(uri.getPath());
  }
}
