package io.rivulet.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The log-start checkpoint file {@value #FILE_NAME}: the first readable offset, so records hidden by
 * retention stay hidden after a restart (and the next offset never goes below it, even when no
 * segment is left). Replaced atomically (write a temporary file, force, rename, force the
 * directory).
 *
 * <pre>
 * Magic        int32  0x52564350 ("RVCP")
 * Version      int8   1
 * StartOffset  int64
 * Crc          uint32 CRC32C of the bytes before it
 * </pre>
 *
 * <p>Stateless and thread-safe (callers serialise writes per log).
 */
final class Checkpoint {
  static final String FILE_NAME = "log-start.checkpoint";
  private static final int MAGIC = 0x52564350;
  private static final byte VERSION = 1;
  private static final int SIZE = 4 + 1 + 8 + 4;

  private Checkpoint() {}

  /** The checkpointed start offset, or -1 if there is no valid checkpoint. */
  static long read(Path dir) throws IOException {
    Path path = dir.resolve(FILE_NAME);
    if (!Files.isRegularFile(path)) {
      return -1;
    }
    byte[] bytes = Files.readAllBytes(path);
    if (bytes.length != SIZE) {
      return -1;
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, SIZE - 4);
    if (buf.getInt(0) != MAGIC || buf.get(4) != VERSION || buf.getInt(SIZE - 4) != (int) crc.getValue()) {
      return -1;
    }
    return buf.getLong(5);
  }

  static void write(Path dir, long startOffset, ChannelOpener opener) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(SIZE);
    buf.putInt(MAGIC).put(VERSION).putLong(startOffset);
    CRC32C crc = new CRC32C();
    crc.update(buf.array(), 0, SIZE - 4);
    buf.putInt((int) crc.getValue()).flip();
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try (FileChannel ch =
        opener.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(false);
    }
    Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
    Dirs.force(dir);
  }
}
