package io.rivulet.streams.engine;

import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsError;
import io.rivulet.kms.KmsException;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.streams.KinesisError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side encryption of records at rest (Start/StopStreamEncryption): envelope encryption
 * under the stream's KMS key from the local {@link KeyStore}. Thread-safe.
 *
 * <p><b>Writing (scheme 2).</b> Each batch a shard appends (one PutRecord/PutRecords call's records
 * for that shard) gets a fresh 256-bit data key, wrapped by the current version of the key the
 * stream's KeyId names ({@link Envelope}: the wrapped form records the key and version, so
 * rotation never needs old data rewritten). Every record of the batch is stored as a {@link
 * LogRecord} with
 * <pre>
 *   attributes = 2                         scheme 2 = envelope, AES-256-GCM
 *   key        = empty                     (the partition key is inside the ciphertext)
 *   value      = wrapped data key (82 bytes, {@link Envelope}) || ciphertext || tag (16 bytes)
 *   plaintext  = partitionKeyLength (uint16) || partition key (UTF-8) || data
 *   nonce      = 4 zero bytes || offset (int64)     unique: one data key per batch, one offset per record
 *   AAD        = attributes (int32) || timestamp (int64) || offset (int64) || UTF-8 of the shard's log name
 *   wrapping context = "kinesis|" || UTF-8 of the shard's log name
 * </pre>
 * so the data, the partition key, the arrival time, the record's position in its shard and the
 * stream incarnation and shard are authenticated: a changed byte, a record copied to another
 * offset or shard, or a wrapped key moved elsewhere fails to open. The offset is known before the
 * append because encrypted appends to a shard are serialised ({@link DataPlane}).
 *
 * <p><b>Reading</b> is transparent across the schemes a shard may hold: scheme 0 (attributes 0) is
 * a plaintext record ({@code key} = partition key, {@code value} = data), written while encryption
 * was off; scheme 1 is the first release's format, still read: {@code attributes = keyVersion << 8
 * | 1}, value = nonce (12) || AES-GCM ciphertext || tag, AAD = attributes || timestamp || log name,
 * under HKDF-SHA256 of {@code <state-dir>/master.key} (salt {@value #SALT}, info {@code "v1|" +
 * logPrefix + "|" + keyId}, keyId the keyVersion-th of {@link StreamMeta#encryptionKeys}).
 *
 * <p><b>Failures.</b> A record that fails authentication is logged at ERROR, counted in its
 * shard's {@link ShardStats#decryptionFailures} and answered with InternalFailure: never returned
 * altered. One whose wrapped data key names a key or version the store does not have (the store
 * never deletes keys: altered, or the key file was lost) is reported the same way and answered
 * with KMSNotFoundException; a disabled key answers KMSDisabledException (logged at WARN), as
 * Kinesis does when KMS refuses.
 */
public final class RecordCipher {
  private static final Logger log = LoggerFactory.getLogger(RecordCipher.class);
  static final String SALT = "rivulet-kinesis-sse";
  static final int SCHEME_MASK = 0xff;
  static final int SCHEME_PLAIN = 0;
  static final int SCHEME_AES_GCM = 1;
  static final int SCHEME_ENVELOPE = 2;
  static final int TAG_BITS = 128;
  private static final byte[] EMPTY = new byte[0];

  private final Envelope envelope;
  private final LegacyKeys legacy;

  /**
   * @param stateDir where the first release's {@code master.key} lives (read only, for records
   *     written then), or null
   * @param envelope the key store's envelope encryption
   */
  public RecordCipher(Path stateDir, Envelope envelope) {
    this.envelope = envelope;
    this.legacy = new LegacyKeys(stateDir);
  }

  /** With a key store of this process only (tests, memory mode). */
  public RecordCipher(Path stateDir) {
    this(stateDir, new Envelope(KeyStore.inMemory(Clock.systemUTC())));
  }

  /** A record read back: its partition key and data, and whether it was stored encrypted. */
  public record Opened(String partitionKey, byte[] data, boolean encrypted) {}

  /** The key store the stream keys come from. */
  public KeyStore keyStore() {
    return envelope.store();
  }

  /** Whether records appended now to the stream are encrypted (their offsets are then needed). */
  public static boolean encrypts(StreamMeta m) {
    return m.keyVersion() > 0;
  }

  /**
   * StartStreamEncryption's check of its KeyId for a stream of {@code account} and {@code region}:
   * KMSNotFoundException, KMSDisabledException (or InvalidArgumentException for a malformed
   * ARN) as Kinesis answers when KMS refuses the key.
   */
  public void checkKey(String keyId, String account, String region) {
    try {
      KeyStore.requireEnabled(keyStore().resolve(keyId, account, region));
    } catch (KmsException e) {
      throw kinesisError(e);
    }
  }

  /**
   * The records to append for one shard's batch: plaintext when the stream's encryption is off,
   * else encrypted under one fresh data key, record {@code j} at offset {@code baseOffset + j}.
   */
  List<LogRecord> seal(StreamMeta m, ShardMeta shard, long timestamp, long baseOffset,
      List<DataPlane.PutEntry> entries) {
    List<LogRecord> out = new ArrayList<>(entries.size());
    if (!encrypts(m)) {
      for (DataPlane.PutEntry e : entries) {
        out.add(new LogRecord(timestamp, e.partitionKey().getBytes(StandardCharsets.UTF_8),
            e.data()));
      }
      return out;
    }
    String logName = m.logName(shard);
    Envelope.DataKey dk;
    try {
      KmsKey key = keyStore().resolve(m.keyId(), m.account(), m.region());
      dk = envelope.generate(key, context(logName));
    } catch (KmsException e) {
      throw kinesisError(e);
    }
    byte[] name = logName.getBytes(StandardCharsets.UTF_8);
    for (int j = 0; j < entries.size(); j++) {
      DataPlane.PutEntry e = entries.get(j);
      byte[] pk = e.partitionKey().getBytes(StandardCharsets.UTF_8);
      byte[] plain = ByteBuffer.allocate(2 + pk.length + e.data().length)
          .putShort((short) pk.length).put(pk).put(e.data()).array();
      long offset = baseOffset + j;
      out.add(new LogRecord(timestamp, EMPTY, Envelope.seal(dk, offset,
          aad(SCHEME_ENVELOPE, timestamp, offset, name), plain), SCHEME_ENVELOPE));
    }
    return out;
  }

  /**
   * The partition key and data of a stored record. One that fails authentication is reported
   * (ERROR log, {@code stats.decryptionFailures}) and answered with InternalFailure.
   */
  public Opened open(StreamMeta m, ShardMeta shard, LogEntry e, ShardStats stats) {
    int scheme = e.attributes() & SCHEME_MASK;
    if (scheme == SCHEME_PLAIN) {
      return new Opened(new String(e.key(), StandardCharsets.UTF_8), e.value(), false);
    }
    String logName = m.logName(shard);
    String where = "record " + e.offset() + " of " + logName;
    byte[] v = e.value();
    if (scheme == SCHEME_AES_GCM) {
      return legacy.open(m, logName, e, () -> tampered(where, "failed authentication (altered or"
          + " moved ciphertext, first-release format)", stats));
    }
    if (scheme != SCHEME_ENVELOPE || e.attributes() != SCHEME_ENVELOPE || v == null
        || v.length < Envelope.OVERHEAD + 2) {
      throw tampered(where, "unknown encryption scheme " + scheme + " or short value", stats);
    }
    byte[] plain;
    try {
      plain = envelope.open(v, context(logName), e.offset(), aad(e.attributes(), e.timestamp(),
          e.offset(), logName.getBytes(StandardCharsets.UTF_8)));
    } catch (KmsException ex) {
      if (ex.error() == KmsError.INVALID_CIPHERTEXT) {
        throw tampered(where, "its data key " + ex.getMessage() + " (altered or moved)", stats);
      }
      if (ex.error() == KmsError.NOT_FOUND) { // the store never deletes keys: altered, or lost
        tampered(where, "its data key names " + envelope.describe(v, 0) + ", which the key store"
            + " does not have (altered, or keys.json lost or replaced)", stats);
      } else {
        log.warn("cannot decrypt {}: {} ({})", where, ex.getMessage(), envelope.describe(v, 0));
      }
      throw kinesisError(ex);
    }
    if (plain == null) {
      throw tampered(where, "failed authentication under " + envelope.describe(v, 0)
          + " (altered, or moved from another offset or shard)", stats);
    }
    return split(plain, where, stats);
  }

  private Opened split(byte[] plain, String where, ShardStats stats) {
    ByteBuffer b = ByteBuffer.wrap(plain);
    int pkLength = b.getShort() & 0xffff;
    if (pkLength > b.remaining()) {
      throw tampered(where, "partition key length beyond the record", stats);
    }
    byte[] pk = new byte[pkLength];
    b.get(pk);
    byte[] data = new byte[b.remaining()];
    b.get(data);
    return new Opened(new String(pk, StandardCharsets.UTF_8), data, true);
  }

  private static RuntimeException tampered(String where, String why, ShardStats stats) {
    if (stats != null) {
      stats.decryptionFailures.increment();
    }
    log.error("cannot decrypt {}: {}", where, why);
    return KinesisError.INTERNAL_FAILURE.with("Internal service failure.");
  }

  /** Kinesis's KMS-shaped error for a refusal of the key store. */
  static RuntimeException kinesisError(KmsException e) {
    return switch (e.error()) {
      case NOT_FOUND -> KinesisError.KMS_NOT_FOUND.with(e.getMessage());
      case DISABLED -> KinesisError.KMS_DISABLED.with(e.getMessage());
      case INVALID_STATE -> KinesisError.KMS_INVALID_STATE.with(e.getMessage());
      case INVALID_ARN, VALIDATION -> KinesisError.INVALID_ARGUMENT.with(e.getMessage());
      default -> KinesisError.INTERNAL_FAILURE.with("Internal service failure.");
    };
  }

  private static byte[] context(String logName) {
    return ("kinesis|" + logName).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] aad(int attributes, long timestamp, long offset, byte[] logName) {
    return ByteBuffer.allocate(20 + logName.length).putInt(attributes).putLong(timestamp)
        .putLong(offset).put(logName).array();
  }
}
