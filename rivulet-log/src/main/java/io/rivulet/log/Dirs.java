package io.rivulet.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Directory helpers: durable creation and {@code fsync} of directory entries. Thread-safe. */
final class Dirs {
  private Dirs() {}

  /** Forces a directory's entries (file creations, renames, deletions) to disk. */
  static void force(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /**
   * Creates {@code dir} and any missing parents below {@code root}, forcing each parent whose
   * entries changed so the new directories survive a power loss.
   */
  static void createDurably(Path root, Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.getParent();
    if (parent != null && !parent.equals(root)) {
      createDurably(root, parent);
    } else if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createDirectory(dir);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return;
    }
    if (parent != null) {
      force(parent);
    }
  }
}
