package io.rivulet.firehose.engine;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.kms.Envelope;
import io.rivulet.kms.KeyStore;
import io.rivulet.kms.KmsError;
import io.rivulet.kms.KmsException;
import io.rivulet.kms.KmsKey;
import io.rivulet.log.LogEntry;
import io.rivulet.log.LogRecord;
import io.rivulet.protocol.AwsException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side encryption of one delivery stream's durable buffer (Start/StopDeliveryStreamEncryption,
 * DeliveryStreamEncryptionConfigurationInput): envelope encryption under a key of the local {@link
 * KeyStore}, as Kinesis does it ({@code RecordCipher} in rivulet-streams). {@code AWS_OWNED_CMK}
 * uses the Rivulet-owned key {@value #OWNER}; {@code CUSTOMER_MANAGED_CMK} the KeyARN. Thread-safe.
 *
 * <p>Each append (one PutRecord or PutRecordBatch) gets a fresh data key wrapped by the key's
 * current version; each record is stored as
 * <pre>
 *   attributes = 2                         envelope, AES-256-GCM (0: plaintext, as before)
 *   key        = empty
 *   value      = wrapped data key (82 bytes, Envelope) || ciphertext || tag (16 bytes)
 *   plaintext  = keyLength (int32, -1 for none) || key || data     (key: Kinesis source metadata)
 *   nonce      = 4 zero bytes || offset (int64)
 *   AAD        = attributes (int32) || timestamp (int64) || offset (int64) || UTF-8 of the context
 *   context    = "firehose|" + account/region/name-createdMillis (also the data key's wrapping context)
 * </pre>
 * A record that fails authentication (or whose wrapped key names a key the store does not have)
 * is logged at ERROR, counted, and its read fails: delivery retries with back-off and never hands
 * it on. A disabled key fails reads the same way, logged at WARN, until it is enabled.
 */
public final class BufferCipher {
  private static final Logger log = LoggerFactory.getLogger(BufferCipher.class);
  /** The owner name of the Rivulet-owned key behind AWS_OWNED_CMK. */
  public static final String OWNER = "firehose";
  static final int PLAIN = 0;
  static final int ENVELOPE = 2;
  private static final byte[] EMPTY = new byte[0];

  private final Envelope envelope;
  private final byte[] context;
  private final String name;
  private final LongAdder failures;

  /**
   * @param name the buffer's name ({@code account/region/name-createdMillis}), bound into every
   *     record
   * @param failures counts records refused on read
   */
  public BufferCipher(Envelope envelope, String name, LongAdder failures) {
    this.envelope = envelope;
    this.name = name;
    this.context = ("firehose|" + name).getBytes(StandardCharsets.UTF_8);
    this.failures = failures;
  }

  /**
   * The key an encryption setting names for a delivery stream of {@code account} and {@code
   * region}, enabled; InvalidKMSResourceException (its {@code code} the KMS error, e.g. {@code
   * KMS.NotFoundException}) when the key store refuses it.
   */
  public static KmsKey key(KeyStore store, Encryption e, String account, String region) {
    try {
      KmsKey k = e.keyArn() == null ? store.owned(OWNER) : store.resolve(e.keyArn(), account, region);
      return KeyStore.requireEnabled(k);
    } catch (KmsException ex) {
      throw invalidKmsResource(ex);
    }
  }

  static AwsException invalidKmsResource(KmsException e) {
    return new AwsException(FirehoseError.INVALID_KMS_RESOURCE, e.getMessage()) {
      @Override
      public Map<String, Object> extraMembers() {
        return Map.of("code", "KMS." + e.code().type());
      }
    };
  }

  /** The records of one append under a fresh data key, record {@code j} at {@code baseOffset + j}. */
  List<LogRecord> seal(KmsKey key, long baseOffset, long timestamp, List<byte[]> data,
      List<byte[]> keys) {
    Envelope.DataKey dk;
    try {
      dk = envelope.generate(key, context);
    } catch (KmsException ex) {
      throw invalidKmsResource(ex);
    }
    List<LogRecord> out = new ArrayList<>(data.size());
    for (int j = 0; j < data.size(); j++) {
      byte[] k = keys == null ? null : keys.get(j);
      byte[] d = data.get(j);
      ByteBuffer plain = ByteBuffer.allocate(4 + (k == null ? 0 : k.length) + d.length);
      plain.putInt(k == null ? -1 : k.length);
      if (k != null) {
        plain.put(k);
      }
      plain.put(d);
      long offset = baseOffset + j;
      out.add(new LogRecord(timestamp, EMPTY, Envelope.seal(dk, offset,
          aad(ENVELOPE, timestamp, offset), plain.array()), ENVELOPE));
    }
    return out;
  }

  /** The entry as it was appended: decrypted if it was stored encrypted. */
  LogEntry open(LogEntry e) {
    if (e.attributes() == PLAIN) {
      return e;
    }
    byte[] v = e.value();
    String where = "record " + e.offset() + " of the buffer " + name;
    if (e.attributes() != ENVELOPE || v == null || v.length < Envelope.OVERHEAD + 4) {
      throw refused(where, "unknown encryption scheme " + e.attributes() + " or short value");
    }
    byte[] plain;
    try {
      plain = envelope.open(v, context, e.offset(), aad(e.attributes(), e.timestamp(), e.offset()));
    } catch (KmsException ex) {
      if (ex.error() == KmsError.DISABLED) { // not damage: readable again once enabled
        log.warn("cannot decrypt {}: {}", where, ex.getMessage());
        throw new IllegalStateException("cannot decrypt " + where + ": " + ex.getMessage(), ex);
      }
      throw refused(where, "its data key under " + envelope.describe(v, 0) + ": "
          + ex.getMessage());
    }
    if (plain == null) {
      throw refused(where, "failed authentication under " + envelope.describe(v, 0)
          + " (altered, or moved from another offset or buffer)");
    }
    ByteBuffer b = ByteBuffer.wrap(plain);
    int keyLength = b.getInt();
    if (keyLength > b.remaining() || keyLength < -1) {
      throw refused(where, "key length beyond the record");
    }
    byte[] key = null;
    if (keyLength >= 0) {
      key = new byte[keyLength];
      b.get(key);
    }
    byte[] data = new byte[b.remaining()];
    b.get(data);
    return new LogEntry(e.offset(), e.timestamp(), key, data, PLAIN);
  }

  private RuntimeException refused(String where, String why) {
    failures.increment();
    log.error("cannot decrypt {}: {}", where, why);
    return new IllegalStateException("cannot decrypt " + where + ": " + why);
  }

  private byte[] aad(int attributes, long timestamp, long offset) {
    return ByteBuffer.allocate(20 + context.length).putInt(attributes).putLong(timestamp)
        .putLong(offset).put(context).array();
  }
}
