package io.rivulet.streams.engine;

import io.rivulet.kms.Aead;
import io.rivulet.log.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads records of the first release's encryption at rest (scheme 1, {@link RecordCipher}): data
 * keys derived by HKDF-SHA256 from {@code <state-dir>/master.key}, which is only read, never
 * created: nothing is written in that form any more. Thread-safe.
 */
final class LegacyKeys {
  static final String MASTER_KEY = "master.key";
  private static final int NONCE_BYTES = Aead.NONCE_BYTES;

  private final Path stateDir;
  private final ConcurrentHashMap<String, SecretKey> dataKeys = new ConcurrentHashMap<>();
  private volatile byte[] masterKey;

  LegacyKeys(Path stateDir) {
    this.stateDir = stateDir;
  }

  /**
   * Opens a scheme-1 record; {@code tampered} makes the exception for one that fails
   * authentication, names a key version the stream does not have, or whose master key is gone.
   */
  RecordCipher.Opened open(StreamMeta m, String logName, LogEntry e,
      Supplier<RuntimeException> tampered) {
    int version = e.attributes() >>> 8;
    byte[] v = e.value();
    byte[] master = masterKey();
    if (master == null || version < 1 || version > m.encryptionKeys().size() || v == null
        || v.length < NONCE_BYTES + Aead.TAG_BYTES + 2) {
      throw tampered.get();
    }
    String info = "v1|" + m.logPrefix() + "|" + m.encryptionKeys().get(version - 1);
    SecretKey key = dataKeys.computeIfAbsent(info, i -> new SecretKeySpec(hkdf(master,
        RecordCipher.SALT.getBytes(StandardCharsets.UTF_8), i.getBytes(StandardCharsets.UTF_8)),
        "AES"));
    byte[] name = logName.getBytes(StandardCharsets.UTF_8);
    byte[] aad = ByteBuffer.allocate(12 + name.length).putInt(e.attributes())
        .putLong(e.timestamp()).put(name).array();
    byte[] plain = Aead.decrypt(key, v, 0, aad, v, NONCE_BYTES, v.length - NONCE_BYTES);
    if (plain == null) {
      throw tampered.get();
    }
    ByteBuffer b = ByteBuffer.wrap(plain);
    int pkLength = b.getShort() & 0xffff;
    if (pkLength > b.remaining()) {
      throw tampered.get();
    }
    byte[] pk = new byte[pkLength];
    b.get(pk);
    byte[] data = new byte[b.remaining()];
    b.get(data);
    return new RecordCipher.Opened(new String(pk, StandardCharsets.UTF_8), data, true);
  }

  /** The first release's master key, or null if there is none. */
  private byte[] masterKey() {
    byte[] k = masterKey;
    if (k == null && stateDir != null) {
      Path file = stateDir.resolve(MASTER_KEY);
      try {
        if (Files.exists(file)) {
          byte[] read = Files.readAllBytes(file);
          if (read.length == 32) {
            masterKey = k = read;
          }
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return k;
  }

  /** HKDF-SHA256 (RFC 5869) with one output block: 32 bytes. */
  static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(ikm);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      mac.update(info);
      mac.update((byte) 1);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
