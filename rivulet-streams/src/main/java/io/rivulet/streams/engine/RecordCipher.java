package io.rivulet.streams.engine;

import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.streams.KinesisError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side encryption of records at rest (Start/StopStreamEncryption). Thread-safe.
 *
 * <p><b>Keys.</b> One 256-bit master key, {@code <state-dir>/master.key}, created with random bytes
 * on first use (per process in memory mode). Each stream incarnation and KMS KeyId gets its own
 * AES-256 data key, HKDF-SHA256 (RFC 5869) of the master key with salt {@value #SALT} and info
 * {@code "v1|" + logPrefix + "|" + keyId}. The KeyId is never sent anywhere: {@code alias/aws/kinesis},
 * key ids and ARNs are names of local keys.
 *
 * <p><b>Record layout.</b> An encrypted record is stored as a {@link LogRecord} with
 * <pre>
 *   attributes = keyVersion &lt;&lt; 8 | 1      scheme 1 = AES-256-GCM; keyVersion = 1-based position
 *                                          of the KeyId in StreamMeta.encryptionKeys
 *   key        = empty                     (the partition key is inside the ciphertext)
 *   value      = nonce (12 random bytes) || AES-GCM ciphertext || tag (16 bytes)
 *   plaintext  = partitionKeyLength (uint16) || partition key (UTF-8) || data
 *   AAD        = attributes (int32) || timestamp (int64) || UTF-8 of the shard's log name
 * </pre>
 * so the data, the partition key, the arrival time, the key version and the record's stream
 * incarnation and shard are authenticated: a changed byte, or a record moved to another shard,
 * fails to open. Scheme 0 (attributes 0) is a plaintext record ({@code key} = partition key, {@code
 * value} = data), as written before encryption was started or after it was stopped, so reading is
 * transparent across both. Random 96-bit nonces are safe for about 2^32 records per data key.
 */
public final class RecordCipher {
  private static final Logger log = LoggerFactory.getLogger(RecordCipher.class);
  static final String SALT = "rivulet-kinesis-sse";
  static final int SCHEME_MASK = 0xff;
  static final int SCHEME_PLAIN = 0;
  static final int SCHEME_AES_GCM = 1;
  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  private static final byte[] EMPTY = new byte[0];

  private final Path stateDir;
  private final ConcurrentHashMap<String, SecretKeySpec> dataKeys = new ConcurrentHashMap<>();
  private volatile byte[] masterKey;

  /** @param stateDir where {@code master.key} lives (created on first use), or null for memory */
  public RecordCipher(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** A record read back: its partition key and data, and whether it was stored encrypted. */
  public record Opened(String partitionKey, byte[] data, boolean encrypted) {}

  /** The record to append for one put: encrypted when the stream's encryption is on. */
  public LogRecord seal(StreamMeta m, ShardMeta shard, long timestamp, String partitionKey,
      byte[] data) {
    int version = m.keyVersion();
    byte[] pk = partitionKey.getBytes(StandardCharsets.UTF_8);
    if (version == 0) {
      return new LogRecord(timestamp, pk, data);
    }
    int attributes = version << 8 | SCHEME_AES_GCM;
    ByteBuffer plain = ByteBuffer.allocate(2 + pk.length + data.length);
    plain.putShort((short) pk.length).put(pk).put(data);
    byte[] nonce = SecretFiles.random(NONCE_BYTES);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, dataKey(m, m.keyId()), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(attributes, timestamp, m.logName(shard)));
      byte[] value = new byte[NONCE_BYTES + c.getOutputSize(plain.capacity())];
      System.arraycopy(nonce, 0, value, 0, NONCE_BYTES);
      c.doFinal(plain.array(), 0, plain.capacity(), value, NONCE_BYTES);
      return new LogRecord(timestamp, EMPTY, value, attributes);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /**
   * The partition key and data of a stored record. A record that fails authentication (or names a
   * key version the stream does not have) is logged at ERROR and answered with InternalFailure:
   * never returned altered.
   */
  public Opened open(StreamMeta m, ShardMeta shard, LogEntry e) {
    int scheme = e.attributes() & SCHEME_MASK;
    if (scheme == SCHEME_PLAIN) {
      return new Opened(new String(e.key(), StandardCharsets.UTF_8), e.value(), false);
    }
    int version = e.attributes() >>> 8;
    String where = "record " + e.offset() + " of " + m.logName(shard);
    if (scheme != SCHEME_AES_GCM || version < 1 || version > m.encryptionKeys().size()
        || e.value() == null || e.value().length < NONCE_BYTES + TAG_BITS / 8) {
      throw unreadable(where, "unknown encryption scheme " + scheme + ", key version " + version
          + " or short value", null);
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, dataKey(m, m.encryptionKeys().get(version - 1)),
          new GCMParameterSpec(TAG_BITS, e.value(), 0, NONCE_BYTES));
      c.updateAAD(aad(e.attributes(), e.timestamp(), m.logName(shard)));
      ByteBuffer plain = ByteBuffer.wrap(
          c.doFinal(e.value(), NONCE_BYTES, e.value().length - NONCE_BYTES));
      byte[] pk = new byte[plain.getShort() & 0xffff];
      plain.get(pk);
      byte[] data = new byte[plain.remaining()];
      plain.get(data);
      return new Opened(new String(pk, StandardCharsets.UTF_8), data, true);
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw unreadable(where, "failed authentication (altered or moved ciphertext)", ex);
    }
  }

  private static RuntimeException unreadable(String where, String why, Exception cause) {
    log.error("cannot decrypt {}: {}", where, why, cause);
    return KinesisError.INTERNAL_FAILURE.with("Internal service failure.");
  }

  private static byte[] aad(int attributes, long timestamp, String logName) {
    byte[] name = logName.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(12 + name.length).putInt(attributes).putLong(timestamp).put(name)
        .array();
  }

  private SecretKeySpec dataKey(StreamMeta m, String keyId) {
    String info = "v1|" + m.logPrefix() + "|" + keyId;
    return dataKeys.computeIfAbsent(info, i -> new SecretKeySpec(hkdf(masterKey(),
        SALT.getBytes(StandardCharsets.UTF_8), i.getBytes(StandardCharsets.UTF_8)), "AES"));
  }

  private byte[] masterKey() {
    byte[] k = masterKey;
    if (k == null) {
      synchronized (this) {
        if (masterKey == null) {
          masterKey = SecretFiles.readOrCreate(stateDir, "master.key", 32);
        }
        k = masterKey;
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
