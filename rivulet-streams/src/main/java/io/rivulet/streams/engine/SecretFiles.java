package io.rivulet.streams.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/** Random secrets kept in files of the state directory (the iterator token key). Stateless. */
public final class SecretFiles {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretFiles() {}

  /** {@code length} fresh random bytes. */
  public static byte[] random(int length) {
    byte[] b = new byte[length];
    RANDOM.nextBytes(b);
    return b;
  }

  /**
   * The secret in {@code dir/name}, created with {@code length} random bytes (atomically and
   * durably) if the file does not exist; a fresh secret kept nowhere when {@code dir} is null.
   * Callers serialise calls for the same file.
   */
  public static byte[] readOrCreate(Path dir, String name, int length) {
    if (dir == null) {
      return random(length);
    }
    Path file = dir.resolve(name);
    try {
      if (Files.exists(file)) {
        byte[] existing = Files.readAllBytes(file);
        if (existing.length != length) {
          throw new IOException(file + " holds " + existing.length + " bytes, not " + length);
        }
        return existing;
      }
      Files.createDirectories(dir);
      byte[] fresh = random(length);
      FileMetadataStore.writeAtomically(dir, name, fresh);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's protection is all there is
      }
      return fresh;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
